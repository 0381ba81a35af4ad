import { useEffect, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { useT } from '../../i18n/index.tsx';

/** One choice of a RemoteSelect. */
export interface RemoteOption {
  value: string;
  label: string;
}

/** Props of RemoteSelect; id and aria-* come from the surrounding Form.Item. */
export interface RemoteSelectProps {
  /** Loads the choices for a search text ('' on opening). */
  fetch(q: string): Promise<RemoteOption[]>;
  value?: string;
  onChange?(v: string | undefined, option?: RemoteOption): void;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  disabled?: boolean;
  [aria: `aria-${string}`]: string | boolean | undefined;
}

/** A searchable select whose choices come from the server (debounced), e.g. people, residents, organisations. */
export function RemoteSelect({ fetch, value, onChange, placeholder, allowClear = true, id, disabled, ...aria }: RemoteSelectProps) {
  const t = useT();
  const [options, setOptions] = useState<RemoteOption[]>([]);
  const [loading, setLoading] = useState(false);
  // The chosen option stays listed after a new search, so the select keeps showing its label.
  const [chosen, setChosen] = useState<RemoteOption | null>(null);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;

  const run = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const n = ++seq.current;
      setLoading(true);
      fetchRef.current(q.trim())
        .then((o) => {
          if (n === seq.current) setOptions(o);
        })
        .catch(() => {
          if (n === seq.current) setOptions([]);
        })
        .finally(() => {
          if (n === seq.current) setLoading(false);
        });
    }, 250);
  };

  useEffect(() => {
    run('');
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
    // Loads the first choices once on mount; later searches go through onSearch.
  }, []);

  return (
    <Select<string, RemoteOption>
      id={id}
      {...aria}
      value={value}
      disabled={disabled}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: run }}
      options={chosen && chosen.value === value && !options.some((o) => o.value === chosen.value) ? [chosen, ...options] : options}
      notFoundContent={loading ? <Spin size="small" /> : t('registry.common.noMatch')}
      onChange={(v, o) => {
        const opt = Array.isArray(o) ? undefined : o;
        setChosen(opt ?? null);
        onChange?.(v ?? undefined, opt);
      }}
      style={{ width: '100%' }}
    />
  );
}

import { useEffect, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { useT } from '../i18n/index.tsx';

/** One choice of a server-searched select. */
export interface Choice {
  value: string;
  label: string;
}

/** Props of RemoteSelect; id and aria-* come from the surrounding Form.Item. */
export interface RemoteSelectProps {
  /** Loads the choices for a search text ('' on opening). */
  load(q: string): Promise<Choice[]>;
  value?: string | null;
  onChange?(v: string | null, choice?: Choice): void;
  /** The current value's choice, so an edit form shows a name before any search. */
  initial?: Choice | null;
  placeholder?: string;
  /** Shown when a search finds nothing (default: a generic “no match”). */
  notFound?: string;
  allowClear?: boolean;
  id?: string;
  disabled?: boolean;
  style?: React.CSSProperties;
  [aria: `aria-${string}`]: string | boolean | undefined;
}

/**
 * A searchable select whose choices come from the server (debounced): compounds, households, organisations, people.
 * Clearing it reports null, which a PATCH reads as “clear this field”.
 */
export function RemoteSelect({ load, value, onChange, initial, placeholder, notFound, allowClear = true, id, disabled, style, ...aria }: RemoteSelectProps) {
  const t = useT();
  const [choices, setChoices] = useState<Choice[]>([]);
  const [loading, setLoading] = useState(false);
  const [chosen, setChosen] = useState<Choice | null>(initial ?? null);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;

  const search = (q: string, delay = 250) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const n = ++seq.current;
      setLoading(true);
      loadRef
        .current(q.trim())
        .then((c) => n === seq.current && setChoices(c))
        .catch(() => n === seq.current && setChoices([]))
        .finally(() => n === seq.current && setLoading(false));
    }, delay);
  };

  useEffect(() => {
    search('', 0);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
    // The first choices load once; later searches go through onSearch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (initial) setChosen(initial);
  }, [initial]);

  const shown = chosen && chosen.value === value && !choices.some((c) => c.value === chosen.value) ? [chosen, ...choices] : choices;
  return (
    <Select<string, Choice>
      id={id}
      {...aria}
      value={value ?? undefined}
      disabled={disabled}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: (q) => search(q) }}
      options={shown}
      notFoundContent={loading ? <Spin size="small" /> : (notFound ?? t('common.noMatch'))}
      onChange={(v, o) => {
        const c = Array.isArray(o) ? undefined : o;
        setChosen(c ?? null);
        onChange?.(v ?? null, c);
      }}
      style={{ width: '100%', ...style }}
    />
  );
}

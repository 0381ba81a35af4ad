import { useEffect, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { searchOrgs, type OrgRef } from './api.ts';

/** Props of OrgPicker; id and aria-* come from the surrounding Form.Item. */
export interface OrgPickerProps {
  value?: string[];
  onChange?(v: string[]): void;
  /** Names of organisations already chosen, so they show before any search. */
  known?: OrgRef[];
  placeholder?: string;
  id?: string;
  /** Told the names of organisations found, so other fields can label the chosen ids. */
  onNames?(orgs: OrgRef[]): void;
}

/**
 * Several organisations searched on the server by name (member units of a joint meeting). The order of choosing is kept,
 * which is how the chairing rota is entered, and names seen once stay on the chosen tags.
 */
export function OrgPicker({ value, onChange, known = [], placeholder, id, onNames }: OrgPickerProps) {
  const t = useT();
  const [found, setFound] = useState<OrgRef[]>([]);
  const [names, setNames] = useState<Map<string, string>>(() => new Map(known.map((o) => [o.id, o.name])));
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const search = (q: string, delay = 250) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const n = ++seq.current;
      setLoading(true);
      searchOrgs(q.trim())
        .then((list) => {
          if (n !== seq.current) return;
          const refs = list.map((o) => ({ id: o.id, name: o.name }));
          setFound(refs);
          onNames?.(refs);
          setNames((m) => new Map([...m, ...list.map((o) => [o.id, o.name] as const)]));
        })
        .catch(() => n === seq.current && setFound([]))
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
    if (known.length) setNames((m) => new Map([...m, ...known.map((o) => [o.id, o.name] as const)]));
  }, [known]);

  const chosen = value ?? [];
  const options = [...chosen.map((v) => ({ value: v, label: names.get(v) ?? v })), ...found.filter((o) => !chosen.includes(o.id)).map((o) => ({ value: o.id, label: o.name }))];
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      value={chosen}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: (q) => search(q) }}
      options={options}
      notFoundContent={loading ? <Spin size="small" /> : t('common.noMatch')}
      onChange={(v) => onChange?.(v)}
      style={{ width: '100%' }}
    />
  );
}

/** Choices among known organisations (a body's members) for a plain Select. */
export function orgOptions(orgs: readonly OrgRef[]) {
  return orgs.map((o) => ({ value: o.id, label: o.name }));
}

import { useEffect, useMemo, useState } from 'react';
import { Select } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import { listCompounds, type CompoundChoice } from './api.ts';

/** Props of CompoundSelect; a Form.Item drives value and onChange. */
export interface CompoundSelectProps {
  /** The worker's grid's compounds, listed first and searchable offline. */
  local: CompoundChoice[];
  value?: string | null;
  onChange?(id: string | null): void;
  /** Told the chosen compound (its name goes into the queued report). */
  onPick?(c: CompoundChoice | null): void;
  id?: string;
  [aria: `aria-${string}`]: string | boolean | undefined;
}

/**
 * The compound of a report: the worker's own grid's compounds at once (they were loaded before going out), and, with a
 * signal, any compound they may read by name.
 */
export function CompoundSelect({ local, value, onChange, onPick, id, ...aria }: CompoundSelectProps) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<CompoundChoice[]>([]);
  const [known, setKnown] = useState<Map<string, CompoundChoice>>(() => new Map());

  useEffect(() => {
    const s = q.trim();
    if (!s || !navigator.onLine) return setFound([]);
    let gone = false;
    const h = setTimeout(() => {
      listCompounds({ q: s })
        .then((cs) => {
          if (gone) return;
          setFound(cs);
          setKnown((m) => new Map([...m, ...cs.map((c) => [c.id, c] as const)]));
        })
        .catch(() => !gone && setFound([]));
    }, 300);
    return () => {
      gone = true;
      clearTimeout(h);
    };
  }, [q]);

  const options = useMemo(() => {
    const s = q.trim();
    const mine = local.filter((c) => !s || c.name.includes(s));
    const others = found.filter((c) => !local.some((l) => l.id === c.id));
    const label = (c: CompoundChoice, far: boolean) => (far ? `${c.name} · ${c.communityName}` : c.name);
    return [...mine.map((c) => ({ value: c.id, label: label(c, false) })), ...others.map((c) => ({ value: c.id, label: label(c, true) }))];
  }, [local, found, q]);

  return (
    <Select
      id={id}
      {...aria}
      size="large"
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      placeholder={local.length ? t('grid.compound.placeholder') : t('grid.compound.search')}
      notFoundContent={q.trim() ? t('grid.compound.none') : null}
      options={options}
      onChange={(v?: string) => {
        const c = v ? local.find((x) => x.id === v) ?? known.get(v) ?? null : null;
        onChange?.(v ?? null);
        onPick?.(c);
        setQ('');
      }}
      style={{ width: '100%' }}
    />
  );
}

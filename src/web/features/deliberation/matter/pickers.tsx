import { useEffect, useMemo, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import type { Choice } from '../../../components/RemoteSelect.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { listPool, searchUsers } from '../api.meetings.ts';
import { memberKindLabel } from '../labels.ts';

/** Props of RemoteMultiSelect; id and aria-* come from the surrounding Form.Item. */
export interface RemoteMultiSelectProps {
  load(q: string): Promise<Choice[]>;
  value?: string[];
  onChange?(v: string[]): void;
  /** Names of values chosen before any search (an edit form). */
  initial?: Choice[];
  placeholder?: string;
  id?: string;
  [aria: `aria-${string}`]: string | boolean | undefined;
}

/** A multiple select whose choices are searched on the server (debounced); chosen names survive later searches. */
export function RemoteMultiSelect({ load, value, onChange, initial, placeholder, id, ...aria }: RemoteMultiSelectProps) {
  const { t } = useI18n();
  const [choices, setChoices] = useState<Choice[]>([]);
  const [known, setKnown] = useState<Map<string, Choice>>(() => new Map((initial ?? []).map((c) => [c.value, c])));
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;

  const search = (q: string, delay = 250) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const n = ++seq.current;
      setLoading(true);
      loadRef.current(q.trim())
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
    // First choices once; later searches go through onSearch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const options = useMemo(() => {
    const shown = new Map(choices.map((c) => [c.value, c]));
    for (const v of value ?? []) if (!shown.has(v) && known.has(v)) shown.set(v, known.get(v)!);
    return [...shown.values()];
  }, [choices, known, value]);

  return (
    <Select<string[], Choice>
      id={id}
      {...aria}
      mode="multiple"
      value={value ?? []}
      placeholder={placeholder}
      allowClear
      showSearch={{ filterOption: false, onSearch: (q) => search(q) }}
      options={options}
      notFoundContent={loading ? <Spin size="small" /> : t('common.noMatch')}
      onChange={(v, o) => {
        const list = (Array.isArray(o) ? o : [o]).filter(Boolean) as Choice[];
        setKnown((m) => new Map([...m, ...list.map((c) => [c.value, c] as const)]));
        onChange?.(v);
      }}
      style={{ width: '100%' }}
    />
  );
}

/** Props of UserPicker. */
export interface UserPickerProps {
  /** The compound whose pool members with an account are offered. */
  compoundId?: string | null;
  multiple?: boolean;
  value?: string | string[] | null;
  onChange?(v: string | string[] | null): void;
  placeholder?: string;
  id?: string;
  [aria: `aria-${string}`]: string | boolean | undefined;
}

/**
 * Picks user accounts. Everyone may pick themselves and the compound's pool members linked to an account; callers who
 * may list users (user, grant or audit administrators) may also search every account by name.
 */
export function UserPicker({ compoundId, multiple, value, onChange, placeholder, id, ...aria }: UserPickerProps) {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const mayList = can('user.manage', 'grant.manage', 'audit.read');
  const [pool, setPool] = useState<Choice[]>([]);
  const [found, setFound] = useState<Choice[]>([]);
  const [known, setKnown] = useState<Map<string, Choice>>(new Map());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!compoundId) {
      setPool([]);
      return;
    }
    let live = true;
    listPool(compoundId, { active: true })
      .then((members) => {
        if (!live) return;
        setPool(members.filter((m) => m.userId).map((m) => ({ value: m.userId!, label: t('matters.nameWith', { name: m.name, detail: memberKindLabel(t, m.kind) }) })));
      })
      .catch(() => live && setPool([]));
    return () => {
      live = false;
    };
  }, [compoundId, t]);

  const search = (q: string) => {
    if (!mayList) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      searchUsers(q.trim())
        .then((users) => setFound(users.map((u) => ({ value: u.id, label: t('matters.nameWith', { name: u.displayName, detail: u.username }) }))))
        .catch(() => setFound([]));
    }, 250);
  };
  useEffect(() => {
    if (mayList) search('');
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
    // One first search for administrators.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mayList]);

  const options = useMemo(() => {
    const all = new Map<string, Choice>();
    if (me) all.set(me.user.id, { value: me.user.id, label: t('matters.form.me', { name: me.user.displayName }) });
    for (const c of [...pool, ...found]) if (!all.has(c.value)) all.set(c.value, c);
    const chosen = value == null ? [] : Array.isArray(value) ? value : [value];
    for (const v of chosen) if (!all.has(v)) all.set(v, known.get(v) ?? { value: v, label: v });
    return [...all.values()];
  }, [me, pool, found, value, known, t]);

  return (
    <Select<string | string[], Choice>
      id={id}
      {...aria}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? (multiple ? [] : undefined)}
      placeholder={placeholder}
      allowClear
      showSearch={mayList ? { filterOption: false, onSearch: search } : { optionFilterProp: 'label' }}
      options={options}
      notFoundContent={t('common.noMatch')}
      onChange={(v, o) => {
        const list = (Array.isArray(o) ? o : [o]).filter(Boolean) as Choice[];
        setKnown((m) => new Map([...m, ...list.map((c) => [c.value, c] as const)]));
        onChange?.(v ?? (multiple ? [] : null));
      }}
      style={{ width: '100%' }}
    />
  );
}

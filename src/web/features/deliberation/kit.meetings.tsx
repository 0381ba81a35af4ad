// Small shared pieces of the opinion, meeting, pool and report screens: the server-paged list hook, the chosen place as a
// regionId, date-time display, and the compound picker.
import { useCallback, useEffect, useState } from 'react';
import dayjs from 'dayjs';
import type { Page } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion } from '../../app/region.tsx';
import { RemoteSelect, type Choice } from '../../components/RemoteSelect.tsx';
import { useT } from '../../i18n/index.tsx';
import { searchCompounds } from './api.meetings.ts';
import { memberKindLabel } from './labels.ts';
import { attendeeKindLabel, KIND_GROUPS, WALK_IN_EXTRA_KINDS } from './labels.meetings.ts';

/**
 * The chosen place as the `regionId` filter, or undefined for "all my places" (also when the picker is made from grant
 * paths, whose nodes carry no region id; the server limits lists to the user's grants anyway).
 */
export function useRegionId(): string | undefined {
  const { selected, source } = useRegion();
  return source === 'api' && selected ? selected.id : undefined;
}

/**
 * A server-paged list: loads on filter or page change (aborting the previous load); a new filter or resetKey (the chosen
 * place) starts at page 1.
 */
export function usePagedList<T, F>(fetch: (filter: F, page: number, pageSize: number, signal: AbortSignal) => Promise<Page<T>>, initial: F, resetKey?: string) {
  const handleError = useApiErrorHandler();
  const [filter, setFilterState] = useState<F>(initial);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [keySeen, setKeySeen] = useState(resetKey);
  if (keySeen !== resetKey) {
    // A new place (or other outer filter) reloads from the first page.
    setKeySeen(resetKey);
    setPaging((p) => ({ ...p, page: 1 }));
  }
  const [data, setData] = useState<Page<T>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    fetch(filter, paging.page, paging.pageSize, ac.signal)
      .then((d) => setData(d))
      .catch((e) => {
        if ((e as Error)?.name !== 'AbortError') handleError(e);
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
    // fetch is a module function; the list reloads on filter, page or an explicit reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filter, paging, tick, handleError]);

  const setFilter = useCallback((f: F) => {
    setFilterState(f);
    setPaging((p) => (p.page === 1 ? p : { ...p, page: 1 }));
  }, []);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const replace = useCallback((item: T, same: (a: T) => boolean) => setData((d) => ({ ...d, items: d.items.map((x) => (same(x) ? item : x)) })), []);
  return { filter, setFilter, paging, setPaging, data, loading, reload, replace };
}

/** An ISO time as YYYY-MM-DD HH:mm in the browser's zone. */
export function dateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

/** A compound picker over the chosen place. */
export function CompoundSelect(props: { id?: string; value?: string | null; onChange?(v: string | null, c?: Choice): void; initial?: Choice | null; placeholder?: string; allowClear?: boolean; disabled?: boolean }) {
  const t = useT();
  const regionId = useRegionId();
  return (
    <RemoteSelect
      key={regionId ?? 'all'}
      {...props}
      placeholder={props.placeholder ?? t('meetings.common.compoundPlaceholder')}
      load={async (q) => (await searchCompounds(q, regionId)).map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}

/** The kinds grouped as 1, 5 and N for a Select; with walkIn, also a resident or a guest (kinds a walk-in may have). */
export function useKindOptions(walkIn = false) {
  const t = useT();
  const groups: { label: string; title: string; options: { value: string; label: string }[] }[] = KIND_GROUPS.map((g) => ({
    label: t(`pool.group.${g.group}`),
    title: t(`pool.group.${g.group}`),
    options: g.kinds.map((k) => ({ value: k as string, label: memberKindLabel(t, k) })),
  }));
  if (walkIn) groups.push({ label: t('meetings.walkInKind.group'), title: t('meetings.walkInKind.group'), options: WALK_IN_EXTRA_KINDS.map((k) => ({ value: k, label: attendeeKindLabel(t, k) })) });
  return groups;
}

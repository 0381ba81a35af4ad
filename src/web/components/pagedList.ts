// The server-paged list of the console's list pages: filter, page, loading, reload, and the table's pagination.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Grid } from 'antd';
import type { Page } from '../api/client.ts';
import { useApiErrorHandler } from '../api/forms.tsx';
import { useT } from '../i18n/index.tsx';

/**
 * One page of a server-paged list, loaded again whenever `key` (the filter, page and place it depends on, as text)
 * changes or `reload` is called, aborting the load before; nothing is loaded while `key` is null. `load` is read when a
 * load starts, so it may close over the current filter.
 */
export function usePageLoad<T>(key: string | null, load: (signal: AbortSignal) => Promise<Page<T>>) {
  const handleError = useApiErrorHandler();
  const [data, setData] = useState<Page<T>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    if (key === null) return;
    const ac = new AbortController();
    setLoading(true);
    latest.current(ac.signal)
      .then((d) => setData(d))
      .catch((e) => {
        if ((e as Error)?.name !== 'AbortError') handleError(e);
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
  }, [key, tick, handleError]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, setData, loading, reload };
}

/** A Table's or List's pagination for a server-paged list: the total, the page size choice on desktops only. */
export function usePagination(page: number, pageSize: number, total: number, onChange: (page: number, pageSize: number) => void) {
  const t = useT();
  const phone = Grid.useBreakpoint().md === false;
  return { current: page, pageSize, total, showSizeChanger: !phone, showTotal: (n: number) => t('common.total', { n }), onChange };
}

/**
 * A server-paged list with its filter and page in component state: loads on filter or page change; a new filter or
 * resetKey (the chosen place) starts at page 1. `pagination` goes to a Table or Pagination as it is.
 */
export function usePagedList<T, F>(fetch: (filter: F, page: number, pageSize: number, signal: AbortSignal) => Promise<Page<T>>, initial: F, resetKey?: string) {
  const [filter, setFilterState] = useState<F>(initial);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [keySeen, setKeySeen] = useState(resetKey);
  if (keySeen !== resetKey) {
    // A new place (or other outer filter) reloads from the first page.
    setKeySeen(resetKey);
    setPaging((p) => ({ ...p, page: 1 }));
  }
  // A new resetKey loads again even on page 1: it stands for something outside the filter that changed.
  const { data, setData, loading, reload } = usePageLoad(JSON.stringify([filter, paging, resetKey]), (signal) => fetch(filter, paging.page, paging.pageSize, signal));
  // Searching again with the same filter loads again too, as the user asked.
  const setFilter = useCallback((f: F) => {
    setFilterState(f);
    setPaging((p) => (p.page === 1 ? p : { ...p, page: 1 }));
    reload();
  }, [reload]);
  const replace = useCallback((item: T, same: (a: T) => boolean) => setData((d) => ({ ...d, items: d.items.map((x) => (same(x) ? item : x)) })), [setData]);
  const pagination = usePagination(paging.page, paging.pageSize, data.total, (page, pageSize) => setPaging({ page, pageSize }));
  return { filter, setFilter, paging, setPaging, data, loading, reload, replace, pagination };
}

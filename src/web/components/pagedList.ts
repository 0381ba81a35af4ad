// The server-paged list of the console's list pages: filter, page, loading, reload, and the table's pagination.
import { useCallback, useEffect, useState } from 'react';
import { Grid } from 'antd';
import type { Page } from '../api/client.ts';
import { useApiErrorHandler } from '../api/forms.tsx';
import { useT } from '../i18n/index.tsx';

/**
 * A server-paged list: loads on filter or page change (aborting the previous load); a new filter or resetKey (the chosen
 * place) starts at page 1. `pagination` goes to a Table or Pagination as it is: page size choice on desktops only.
 */
export function usePagedList<T, F>(fetch: (filter: F, page: number, pageSize: number, signal: AbortSignal) => Promise<Page<T>>, initial: F, resetKey?: string) {
  const t = useT();
  const phone = Grid.useBreakpoint().md === false;
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
  const pagination = {
    current: paging.page,
    pageSize: paging.pageSize,
    total: data.total,
    showSizeChanger: !phone,
    showTotal: (n: number) => t('common.total', { n }),
    onChange: (page: number, pageSize: number) => setPaging({ page, pageSize }),
  };
  return { filter, setFilter, paging, setPaging, data, loading, reload, replace, pagination };
}

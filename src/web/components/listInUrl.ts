// A list's filters and page kept in the address, so a reload, the back button, a bookmark or a link from another page
// shows the same list. Parameters the list does not own (the region, a page's own ones) are left alone.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';

/** The flags every such list has: open or ended cases (open by default), overdue only. */
export interface ListFlags {
  open?: boolean;
  overdue?: boolean;
}

/** A list's state as the address holds it. */
export interface ListState<F> {
  filter: F;
  page: number;
  pageSize: number;
}

/** Reads and writes one list's state; the filter's other fields are text parameters of the names given. */
export interface ListCodec<F> {
  read(params: URLSearchParams): ListState<F>;
  write(params: URLSearchParams, s: ListState<F>): URLSearchParams;
}

const PAGE_SIZES = [10, 20, 50, 100];

/**
 * The codec of a list whose filter is the flags plus text fields: `state` is absent (open cases), `ended` or `all`;
 * `overdue=1`; `page` and `pageSize` when not 1 and 20. What is missing or unreadable takes its default.
 */
export function listCodec<F extends ListFlags>(textKeys: readonly (keyof F & string)[]): ListCodec<F> {
  const own = [...textKeys, 'state', 'overdue', 'page', 'pageSize'];
  return {
    read(params) {
      const filter = {} as F;
      const f = filter as Record<string, unknown>;
      for (const k of textKeys) {
        const v = params.get(k)?.trim();
        if (v) f[k] = v;
      }
      const state = params.get('state');
      if (state !== 'all') filter.open = state !== 'ended';
      if (params.get('overdue') === '1') filter.overdue = true;
      const page = Number(params.get('page'));
      const pageSize = Number(params.get('pageSize'));
      return { filter, page: Number.isInteger(page) && page > 0 ? page : 1, pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20 };
    },
    write(params, s) {
      const out = new URLSearchParams(params);
      for (const k of own) out.delete(k);
      const f = s.filter as Record<string, unknown>;
      for (const k of textKeys) if (typeof f[k] === 'string' && f[k]) out.set(k, f[k] as string);
      if (s.filter.open === undefined) out.set('state', 'all');
      else if (!s.filter.open) out.set('state', 'ended');
      if (s.filter.overdue) out.set('overdue', '1');
      if (s.page !== 1) out.set('page', String(s.page));
      if (s.pageSize !== 20) out.set('pageSize', String(s.pageSize));
      return out;
    },
  };
}

/**
 * The list's state from the address, and changes written back to it (replacing the history entry, so the back button
 * leaves the list rather than stepping through its filters). A filter change starts again at page 1, and so does
 * another place; the place arriving once the regions have loaded does not (a shared link keeps its page).
 */
export function useListInUrl<F extends ListFlags>(codec: ListCodec<F>, regionId: string | undefined) {
  const [params, setParams] = useSearchParams();
  const query = params.toString();
  const state = useMemo(() => codec.read(new URLSearchParams(query)), [codec, query]);
  const setList = useCallback(
    (next: (s: ListState<F>) => ListState<F>) => setParams((prev) => codec.write(prev, next(codec.read(prev))), { replace: true }),
    [codec, setParams],
  );
  const shownRegion = useRef(regionId);
  useEffect(() => {
    const before = shownRegion.current;
    shownRegion.current = regionId;
    if (before !== undefined && before !== regionId) setList((s) => ({ ...s, page: 1 }));
  }, [regionId, setList]);
  const change = useCallback((patch: Partial<F>) => setList((s) => ({ ...s, filter: { ...s.filter, ...patch }, page: 1 })), [setList]);
  const turnPage = useCallback((page: number, pageSize: number) => setList((s) => ({ ...s, page: pageSize === s.pageSize ? page : 1, pageSize })), [setList]);
  return { ...state, change, turnPage };
}

import { useCallback, useEffect, useState } from 'react';
import type { CategoryVersionView } from '../../../shared/incidents.ts';
import { findMyGrid, listCompounds, loadCategories, type CompoundChoice, type MyGrid } from './api.ts';

/** What the report form needs before the worker goes out of signal: the category tree, their grid and its compounds. */
export interface PatrolData {
  categories: CategoryVersionView | null;
  grid: MyGrid | null;
  compounds: CompoundChoice[];
  loading: boolean;
  /** Set when nothing could be loaded and nothing was remembered. */
  failed: boolean;
  /** True when showing what was remembered from an earlier visit (the server could not be reached). */
  stale: boolean;
  reload(): void;
}

interface Remembered {
  categories: CategoryVersionView;
  grid: MyGrid | null;
  compounds: CompoundChoice[];
}

const key = (userId: string) => `gongzhi.grid.data.${userId}`;

function recall(userId: string): Remembered | null {
  try {
    const v = JSON.parse(localStorage.getItem(key(userId)) ?? 'null') as Remembered | null;
    return v && Array.isArray(v.categories?.categories) ? v : null;
  } catch {
    return null;
  }
}

/**
 * Loads the category tree, the worker's grid and its compounds, and remembers them in localStorage, so a page opened
 * again in poor signal (the console itself still cached by the browser) can take reports.
 */
export function usePatrolData(userId: string): PatrolData {
  const [data, setData] = useState<Remembered | null>(null);
  const [loading, setLoading] = useState(true);
  const [stale, setStale] = useState(false);
  const [n, setN] = useState(0);

  useEffect(() => {
    let gone = false;
    setLoading(true);
    (async () => {
      try {
        const [categories, grid] = await Promise.all([loadCategories(), findMyGrid(userId)]);
        const compounds = grid ? await listCompounds({ gridId: grid.id }) : [];
        const fresh = { categories, grid, compounds };
        if (gone) return;
        setData(fresh);
        setStale(false);
        try {
          localStorage.setItem(key(userId), JSON.stringify(fresh));
        } catch {
          // storage full or disabled: nothing remembered for next time
        }
      } catch {
        if (gone) return;
        const old = recall(userId);
        setData(old);
        setStale(!!old);
      } finally {
        if (!gone) setLoading(false);
      }
    })();
    return () => {
      gone = true;
    };
  }, [userId, n]);

  const reload = useCallback(() => setN((x) => x + 1), []);
  return { categories: data?.categories ?? null, grid: data?.grid ?? null, compounds: data?.compounds ?? [], loading, failed: !loading && !data, stale, reload };
}

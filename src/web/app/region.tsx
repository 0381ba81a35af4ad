import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import type { RegionView } from '../api/types.ts';
import { useT, type T } from '../i18n/index.tsx';
import { useAuth } from './auth.tsx';

/** A place with the places under it. */
export interface RegionNode extends RegionView {
  children: RegionNode[];
}

/** The place the user works on, shared by every page (phase-2 lists filter on `scopePath`). */
export interface RegionValue {
  loading: boolean;
  /** 'api' when GET /api/regions answered; 'grants' when the tree is made from the grants' scope paths instead. */
  source: 'api' | 'grants';
  /** Every place the user may see, flat. */
  regions: RegionView[];
  tree: RegionNode[];
  /** The chosen place, or null for "all my places". */
  selected: RegionView | null;
  /** The chosen place's scope path (filter lists with it), or null. */
  scopePath: string | null;
  /** Chooses a place (kept in the URL as ?region=id); null clears it. */
  setRegion(id: string | null): void;
  /** A link to a path that keeps the chosen place. */
  withRegion(path: string): string;
  /** A readable name for a scope path: the place's name when known, else the path. */
  labelOfPath(scopePath: string): string;
}

const RegionContext = createContext<RegionValue | null>(null);
const PARAM = 'region';
const REMEMBER = 'gongzhi.region';

/** Builds the tree by parentId; places whose parent is not visible become roots. */
export function buildTree(regions: RegionView[]): RegionNode[] {
  const nodes = new Map<string, RegionNode>(regions.map((r) => [r.id, { ...r, children: [] }]));
  const roots: RegionNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const sort = (list: RegionNode[]) => {
    list.sort((a, b) => a.scopePath.localeCompare(b.scopePath));
    list.forEach((c) => sort(c.children));
  };
  sort(roots);
  return roots;
}

/** The places of a GET /api/regions answer, flat: it may come nested (`children`) or as a plain list. */
export function flattenRegions(list: readonly (RegionView & { children?: unknown[] })[]): RegionView[] {
  const out: RegionView[] = [];
  const walk = (n: RegionView & { children?: unknown[] }) => {
    const { children, ...rest } = n;
    out.push(rest);
    for (const c of children ?? []) walk(c as RegionView & { children?: unknown[] });
  };
  list.forEach(walk);
  return out;
}

/** The fallback tree: one node per granted scope path, nested by path prefix. */
export function regionsFromGrants(paths: string[], t: T): RegionView[] {
  const unique = [...new Set(paths)].sort((a, b) => a.length - b.length);
  return unique.map((p) => {
    const parts = p.split('/').filter(Boolean);
    const parent = unique.filter((q) => q !== p && p.startsWith(q)).sort((a, b) => b.length - a.length)[0] ?? null;
    const code = parts[parts.length - 1] ?? '';
    return { id: p, code, name: p === '/' ? t('region.all') : code, level: null, parentId: parent, scopePath: p };
  });
}

function remembered(): string | null {
  try {
    return sessionStorage.getItem(REMEMBER);
  } catch {
    return null;
  }
}

/** Loads the places the user's grants cover and keeps the chosen one in the URL and the context. */
export function RegionProvider({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [loading, setLoading] = useState(true);
  const [fromApi, setFromApi] = useState<RegionView[] | null>(null);
  const grantPaths = useMemo(() => (me?.user.grants ?? []).map((g) => g.scopePath), [me]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .get<RegionView[] | { items: RegionView[] }>('/api/regions')
      .then((r) => {
        if (live) setFromApi(flattenRegions(Array.isArray(r) ? r : (r?.items ?? [])));
      })
      .catch(() => {
        // The registry module may not serve /api/regions (yet); the grants' scope paths stand in for the tree.
        if (live) setFromApi(null);
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [me?.user.id]);

  const source: RegionValue['source'] = fromApi && fromApi.length ? 'api' : 'grants';
  const regions = useMemo(() => (source === 'api' ? fromApi! : regionsFromGrants(grantPaths, t)), [source, fromApi, grantPaths, t]);
  const tree = useMemo(() => buildTree(regions), [regions]);
  const id = params.get(PARAM);
  const selected = useMemo(() => regions.find((r) => r.id === id && !r.ancestorOnly) ?? null, [regions, id]);

  const setRegion = useCallback(
    (next: string | null) => {
      try {
        if (next) sessionStorage.setItem(REMEMBER, next);
        else sessionStorage.removeItem(REMEMBER);
      } catch {
        // not remembered in private mode
      }
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          if (next) p.set(PARAM, next);
          else p.delete(PARAM);
          return p;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  // A link without ?region (typed URL, bookmark) keeps the place chosen earlier in this tab.
  useEffect(() => {
    if (loading || id) return;
    const r = remembered();
    if (r && regions.some((x) => x.id === r && !x.ancestorOnly)) setRegion(r);
  }, [loading, id, regions, setRegion]);

  const value = useMemo<RegionValue>(
    () => ({
      loading,
      source,
      regions,
      tree,
      selected,
      scopePath: selected?.scopePath ?? null,
      setRegion,
      withRegion: (path: string) => (selected ? `${path}${path.includes('?') ? '&' : '?'}${PARAM}=${encodeURIComponent(selected.id)}` : path),
      labelOfPath: (p: string) => {
        if (p === '/') return t('region.all');
        const r = regions.find((x) => x.scopePath === p);
        // Fallback nodes (no /api/regions) know only the code, so the full path says more.
        return r && r.name !== r.code ? t('region.nameWithCode', { name: r.name, code: r.code }) : p;
      },
    }),
    [loading, source, regions, tree, selected, setRegion, t],
  );
  return <RegionContext.Provider value={value}>{children}</RegionContext.Provider>;
}

/** The chosen place and the places the user may pick. */
export function useRegion(): RegionValue {
  const v = useContext(RegionContext);
  if (!v) throw new Error('useRegion outside RegionProvider');
  return v;
}

/**
 * The chosen place as the `regionId` filter, or undefined for "all my places" (also when the picker is made from grant
 * paths, whose nodes carry no region id; the server limits lists to the user's grants anyway).
 */
export function useRegionId(): string | undefined {
  const { selected, source } = useRegion();
  return source === 'api' && selected ? selected.id : undefined;
}

/** Pure helpers over materialised scope paths such as `/511300/511302/511302001/`. */

/** The strict ancestors of a path, shortest first: `/a/b/c/` → `/a/`, `/a/b/`. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push('/' + parts.slice(0, i).join('/') + '/');
  return out;
}

/**
 * The caller's scopes narrowed to rows under `path`: [path] when a scope covers it, else the scopes inside it.
 * One tight prefix lets the query use a single index range.
 */
export function narrowScopes(scopes: readonly string[], path: string): string[] {
  if (scopes.some((s) => path.startsWith(s))) return [path];
  return scopes.filter((s) => s.startsWith(path));
}

/** Scope prefixes with nested ones folded away (a grant at a street covers its communities). */
export function foldScopes(scopes: readonly string[]): string[] {
  const sorted = [...new Set(scopes)].sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const p of sorted) if (!out.some((q) => p.startsWith(q))) out.push(p);
  return out;
}

/** The longest common path prefix of several paths (for one audit entry over a batch). */
export function commonPath(paths: readonly string[]): string {
  if (paths.length === 0) return '/';
  let parts = paths[0].split('/').filter(Boolean);
  for (const p of paths.slice(1)) {
    const q = p.split('/').filter(Boolean);
    let i = 0;
    while (i < parts.length && i < q.length && parts[i] === q[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.length ? '/' + parts.join('/') + '/' : '/';
}

/** The path and each of its ancestors: '/a/b/' → ['/', '/a/', '/a/b/']. */
export function pathAndAncestors(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return ['/', ...parts.map((_, i) => '/' + parts.slice(0, i + 1).join('/') + '/')];
}

/** Whether a row placed at rowPath concerns a caller with these scopes: it lies inside one, or applies above one (a national method). */
export function concernsScopes(rowPath: string, scopes: readonly string[]): boolean {
  return scopes.some((s) => rowPath.startsWith(s) || s.startsWith(rowPath));
}

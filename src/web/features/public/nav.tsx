// The public pages' own router: three pages under /p/:compoundId read from the address, and links that move between
// them with history.pushState (no reload, the back button works). React Router stays in the console's bundle.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/** A page of the public site. */
export type PublicPage = 'bulletin' | 'opinion' | 'print' | 'unknown';

/** Where the address points: the compound and the page, or null outside /p/. */
export interface PublicRoute {
  compoundId: string;
  page: PublicPage;
}

const PAGES: Record<string, PublicPage> = { '': 'bulletin', opinion: 'opinion', print: 'print' };

/** Reads /p/<compoundId>[/opinion|/print] (a trailing slash allowed); other pages under /p/<id>/ are 'unknown'. */
export function parsePublicPath(pathname: string): PublicRoute | null {
  const m = /^\/p\/([^/]+)(?:\/(.*?))?\/?$/.exec(pathname);
  if (!m) return null;
  let compoundId: string;
  try {
    compoundId = decodeURIComponent(m[1]);
  } catch {
    return null;
  }
  return { compoundId, page: PAGES[m[2] ?? ''] ?? 'unknown' };
}

/** The address of a public page of a compound. */
export function publicPath(compoundId: string, page: Exclude<PublicPage, 'unknown'> = 'bulletin'): string {
  const base = `/p/${encodeURIComponent(compoundId)}`;
  return page === 'bulletin' ? base : `${base}/${page}`;
}

interface Nav {
  route: PublicRoute | null;
  navigate(to: string): void;
}

const NavContext = createContext<Nav>({ route: null, navigate: () => undefined });

/** Follows the address bar: pushState on navigate, popstate on back and forward. */
export function PublicRouter({ children }: { children: ReactNode }) {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string) => {
    if (to === window.location.pathname) return;
    window.history.pushState(null, '', to);
    setPath(window.location.pathname);
    window.scrollTo(0, 0);
  }, []);
  const value = useMemo(() => ({ route: parsePublicPath(path), navigate }), [path, navigate]);
  return <NavContext.Provider value={value}>{children}</NavContext.Provider>;
}

/** The current public route and the navigate function. */
export function usePublicNav(): Nav {
  return useContext(NavContext);
}

/** The compound of the current address ('' outside /p/). */
export function useCompoundId(): string {
  return usePublicNav().route?.compoundId ?? '';
}

/** A link between public pages: a real <a href> (opens in a new tab as usual), an in-page move on a plain click. */
export function PublicLink({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { navigate } = usePublicNav();
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || (rest.target && rest.target !== '_self')) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={click} {...rest} />;
}

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, isApiError, setAuthHandlers, setCsrfToken } from '../api/client.ts';
import type { LoginAnswer, MeView } from '../api/types.ts';

/** Why the user is on the login page. */
export type SignedOutReason = 'expired' | 'signed-out' | null;

/** The session as the app knows it. */
export interface AuthValue {
  status: 'loading' | 'anonymous' | 'signed-in';
  me: MeView | null;
  /** Set when the server ended the session (idle timeout) so the login page can say so. */
  signedOutReason: SignedOutReason;
  /** Reloads /api/auth/me (after a password change, a grant change, …). */
  refresh(): Promise<MeView | null>;
  signIn(username: string, password: string): Promise<LoginAnswer>;
  signOut(): Promise<void>;
  /** True when the user holds any of the permissions (at any place). */
  can(...permissions: string[]): boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

/** Where to go back to after signing in again. */
function hereOf(loc: { pathname: string; search: string }): string {
  return loc.pathname + loc.search;
}

/** Loads the session at start, wires the API client's 401/403 redirects, and offers sign-in and sign-out. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthValue['status']>('loading');
  const [me, setMe] = useState<MeView | null>(null);
  const [signedOutReason, setReason] = useState<SignedOutReason>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const locRef = useRef(location);
  locRef.current = location;

  const refresh = useCallback(async () => {
    try {
      const m = await api.get<MeView>('/api/auth/me', undefined, { noAuthRedirect: true });
      setCsrfToken(m.csrfToken);
      setMe(m);
      setStatus('signed-in');
      return m;
    } catch (e) {
      setCsrfToken(null);
      setMe(null);
      setStatus('anonymous');
      if (isApiError(e, 'SESSION_EXPIRED')) setReason('expired');
      return null;
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    setAuthHandlers({
      onSignedOut() {
        setCsrfToken(null);
        setMe(null);
        setStatus('anonymous');
        setReason('expired');
        const here = hereOf(locRef.current);
        if (!locRef.current.pathname.startsWith('/login')) navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
      },
      onPasswordChangeRequired() {
        if (locRef.current.pathname !== '/change-password') navigate('/change-password', { replace: true });
      },
    });
    return () => setAuthHandlers(null);
  }, [navigate]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const r = await api.post<LoginAnswer>('/api/auth/login', { username, password }, { noAuthRedirect: true });
      setCsrfToken(r.csrfToken);
      setReason(null);
      await refresh();
      return r;
    },
    [refresh],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', undefined, { noAuthRedirect: true });
    } catch {
      // already signed out on the server; nothing else to do
    }
    setCsrfToken(null);
    setMe(null);
    setStatus('anonymous');
    setReason('signed-out');
    navigate('/login', { replace: true });
  }, [navigate]);

  const value = useMemo<AuthValue>(
    () => ({
      status,
      me,
      signedOutReason,
      refresh,
      signIn,
      signOut,
      can: (...perms: string[]) => !!me && perms.some((p) => me.permissions.includes(p)),
    }),
    [status, me, signedOutReason, refresh, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The session: who is signed in, their permissions, sign-in and sign-out. */
export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

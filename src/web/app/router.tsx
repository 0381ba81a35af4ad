import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import { ComingSoon, FullPageSpin, NoAccess, NotFound, RouteError } from '../components/status.tsx';
import { useT } from '../i18n/index.tsx';
import { AuthProvider, useAuth } from './auth.tsx';
import { PAGES, pageAllowed, type PageDef } from './routes.tsx';

// Route-level code splitting: the login route loads only the entry chunk and the login page.
const LoginPage = lazy(() => import('../features/accounts/LoginPage.tsx'));
const ChangePasswordPage = lazy(() => import('../features/accounts/ChangePasswordPage.tsx'));
const Shell = lazy(() => import('./Shell.tsx'));
const HomePage = lazy(() => import('./HomePage.tsx'));

const LAZY = new Map<string, LazyExoticComponent<ComponentType>>(PAGES.filter((p) => p.load).map((p) => [p.path, lazy(p.load!)]));

/** Route handle: the page definition, read by the breadcrumbs and the menu. */
export interface RouteHandle {
  page?: PageDef;
}

function Root() {
  return (
    <AuthProvider>
      <Suspense fallback={<FullPageSpin />}>
        <Outlet />
      </Suspense>
    </AuthProvider>
  );
}

/** Shows a page when the user's permissions allow it, the "coming soon" placeholder when it has no module yet. */
function PageGate({ page }: { page: PageDef }) {
  const { me } = useAuth();
  const t = useT();
  if (!pageAllowed(page, me?.permissions ?? [])) return <NoAccess />;
  const C = LAZY.get(page.path);
  return C ? <C /> : <ComingSoon title={t(page.title)} />;
}

// The residents' pages under /p/ are not routes here: the server answers them with their own entry (public.html).
const routes: RouteObject[] = [
  {
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/change-password', element: <ChangePasswordPage /> },
      {
        path: '/',
        element: <Shell />,
        children: [
          {
            errorElement: <RouteError />,
            children: [
              { index: true, element: <HomePage /> },
              ...PAGES.map((p): RouteObject => ({ path: p.path, element: <PageGate page={p} />, handle: { page: p } satisfies RouteHandle })),
              { path: '*', element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
];

/** The console's router. */
export const router = createBrowserRouter(routes);

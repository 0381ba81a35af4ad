// Entry of the public pages (public.html, served for /p/...): React, the pages and their strings, nothing of the console,
// so a resident's first visit on a weak signal stays small. It must not import antd, the console router or i18n/.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PublicI18nProvider } from './features/public/i18n.tsx';
import { PublicRouter } from './features/public/nav.tsx';
import PublicSite from './features/public/PublicSite.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PublicI18nProvider>
      <PublicRouter>
        <PublicSite />
      </PublicRouter>
    </PublicI18nProvider>
  </StrictMode>,
);

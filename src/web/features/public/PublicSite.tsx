import { useEffect, type ReactNode } from 'react';
import BulletinPage from './BulletinPage.tsx';
import { usePublicI18n } from './i18n.tsx';
import { PublicLink, publicPath, usePublicNav } from './nav.tsx';
import OpinionPage from './OpinionPage.tsx';
import PrintPage from './PrintPage.tsx';
import './public.css';

/**
 * The public pages of one compound under /p/:compoundId — bulletin, opinion form, print version. They have their own
 * entry (public.html, public-main.tsx) outside the console: no session, no antd, only React and this folder.
 */
export default function PublicSite() {
  const { route } = usePublicNav();
  const { t } = usePublicI18n();
  if (route?.page === 'bulletin') return <BulletinPage />;
  if (route?.page === 'opinion') return <OpinionPage />;
  if (route?.page === 'print') return <PrintPage />;
  const home = route && <PublicLink to={publicPath(route.compoundId)} className="gzp-btn gzp-small">{t('public.backToBulletin')}</PublicLink>;
  return <PublicStatus action={home}>{t('public.notFound')}</PublicStatus>;
}

/** The red header of the phone pages: kicker, compound name, place, and the language switch. */
export function PublicHeader({ kicker, title, place }: { kicker: string; title: string; place?: string | null }) {
  const { t, lang, setLang } = usePublicI18n();
  return (
    <header className="gzp-head">
      <div className="gzp-head-row">
        <div style={{ minWidth: 0 }}>
          <p className="gzp-kicker">{kicker}</p>
          <h1>{title}</h1>
          {place && <p className="gzp-place">{place}</p>}
        </div>
        <button
          type="button"
          className="gzp-lang"
          onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
          aria-label={t('public.langSwitchLabel')}
          lang={lang === 'en' ? 'zh-CN' : 'en'}
        >
          {t('public.langSwitch')}
        </button>
      </div>
    </header>
  );
}

/** A loading, failure or not-found message in place of a page, with an optional action. */
export function PublicStatus({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="gzp">
      <div className="gzp-status" role="status" aria-live="polite">
        <p>{children}</p>
        {action}
      </div>
    </div>
  );
}

/** Sets the browser tab's title while the page is shown. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);
}

/** "Community · street" for the header, or null when neither is known. */
export function placeLine(c: { community: string | null; street: string | null } | null | undefined): string | null {
  const parts = [c?.street, c?.community].filter((x): x is string => !!x);
  return parts.length ? parts.join(' · ') : null;
}

/** YYYY-MM-DD of an ISO timestamp or date, in the phone's time zone for timestamps. */
export function dayOf(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** YYYY-MM-DD HH:mm of an ISO timestamp in the phone's time zone. */
export function timeOf(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${dayOf(iso)} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

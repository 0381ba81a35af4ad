import { Button, Result, Spin } from 'antd';
import { isRouteErrorResponse, useNavigate, useRouteError } from 'react-router';
import { useT } from '../i18n/index.tsx';

/** A centred spinner while a page or the session loads. */
export function FullPageSpin() {
  const t = useT();
  return (
    <div style={{ minHeight: '60vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }} role="status" aria-live="polite">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

function HomeButton() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate('/')}>
      {t('common.backHome')}
    </Button>
  );
}

/** The friendly page for a place or screen the user may not open (also for records answered with 403/404 out of scope). */
export function NoAccess({ detail }: { detail?: string }) {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('noAccess.title')}
      subTitle={detail ?? t('noAccess.body')}
      extra={<HomeButton />}
    />
  );
}

/** No page at this address. */
export function NotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.body')}
      extra={<HomeButton />}
    />
  );
}

/** A screen of a later phase: listed in the menu, not built yet. */
export function ComingSoon({ title }: { title: string }) {
  const t = useT();
  return <Result status="info" title={t('comingSoon.title', { page: title })} subTitle={t('comingSoon.body')} />;
}

/** What a route shows when its code failed to load or threw (e.g. an old tab after an upgrade). */
export function RouteError() {
  const t = useT();
  const err = useRouteError();
  if (isRouteErrorResponse(err) && err.status === 404) return <NotFound />;
  return (
    <Result
      status="error"
      title={t('routeError.title')}
      subTitle={t('routeError.body')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reloadPage')}
        </Button>
      }
    />
  );
}

import { useCompoundId } from './nav.tsx';
import { usePublicI18n } from './i18n.tsx';
import { qrUrl } from './api.ts';
import { useBulletin } from './BulletinPage.tsx';
import { dayOf, placeLine, PublicStatus, useDocumentTitle } from './PublicSite.tsx';

/** The bulletin as an A4 sheet for the physical notice board: title, place, date, the decided matters, the QR code. */
export default function PrintPage() {
  const compoundId = useCompoundId();
  const { t } = usePublicI18n();
  const { load, reload } = useBulletin(compoundId);
  const b = load.state === 'ready' ? load.bulletin : null;
  useDocumentTitle(b ? t('public.print.title', { name: b.compound.name }) : null);

  if (load.state === 'loading') return <PublicStatus>{t('public.loading')}</PublicStatus>;
  if (load.state === 'notFound') return <PublicStatus>{t('public.bulletin.notFound')}</PublicStatus>;
  if (!b) {
    return (
      <PublicStatus action={<button type="button" className="gzp-btn gzp-small" onClick={() => void reload()}>{t('public.retry')}</button>}>
        {t('public.loadFailed')}
      </PublicStatus>
    );
  }
  const place = placeLine(b.compound);
  const stars = (v: number | null, n: number) => (v === null || n === 0 ? '—' : `${v.toFixed(1)} / 5（${n}）`);
  return (
    <div className="gzp-print-screen">
      <div className="gzp-print">
        <div className="gzp-print-bar gzp-no-print">
          <span>{t('public.print.hint')}</span>
          <button type="button" className="gzp-btn gzp-small" onClick={() => window.print()}>{t('public.print.print')}</button>
        </div>
        <h1>{t('public.print.title', { name: b.compound.name })}</h1>
        <div className="gzp-print-sub">
          <span>{place ? t('public.print.place', { place }) : ''}</span>
          <span>{t('public.print.date', { date: dayOf(b.generatedAt) })}</span>
        </div>
        {b.items.length === 0 ? (
          <p>{t('public.print.empty')}</p>
        ) : (
          <table>
            <colgroup>
              <col style={{ width: '6%' }} />
              <col style={{ width: '16%' }} />
              <col style={{ width: '26%' }} />
              <col style={{ width: '13%' }} />
              <col style={{ width: '13%' }} />
              <col style={{ width: '16%' }} />
              <col style={{ width: '10%' }} />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('public.print.no')}</th>
                <th scope="col">{t('public.print.matter')}</th>
                <th scope="col">{t('public.print.decision')}</th>
                <th scope="col">{t('public.print.executor')}</th>
                <th scope="col">{t('public.print.deadline')}</th>
                <th scope="col">{t('public.print.result')}</th>
                <th scope="col">{t('public.print.satisfaction')}</th>
              </tr>
            </thead>
            <tbody>
              {b.items.map((i, k) => (
                <tr key={i.id}>
                  <td>{k + 1}</td>
                  <td>{i.title}</td>
                  <td>{i.decision}</td>
                  <td>{i.executor ?? '—'}</td>
                  <td className="gzp-nowrap">{i.deadline ? dayOf(i.deadline) : '—'}</td>
                  <td>{i.result ?? t('public.bulletin.inProgress')}</td>
                  <td>{stars(i.satisfaction, i.satisfactionCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="gzp-print-qr">
          <img src={qrUrl(compoundId)} alt={t('public.print.qrAlt')} width={136} height={136} />
          <div>
            <b>{t('public.print.qrCaption')}</b>
            <span>{t('public.print.footer')}</span>
          </div>
        </div>
      </div>
    </div>
  );
}

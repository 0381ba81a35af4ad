import { useCallback, useEffect, useState } from 'react';
import { PublicLink, publicPath, useCompoundId } from './nav.tsx';
import type { Bulletin, BulletinItem } from '../../../shared/deliberation.ts';
import { usePublicI18n } from './i18n.tsx';
import { getBulletin } from './api.ts';
import { dayOf, placeLine, PublicHeader, PublicStatus, timeOf, useDocumentTitle } from './PublicSite.tsx';
import { RateMatter } from './RateMatter.tsx';
import { StarsSummary } from './Stars.tsx';

type Load = { state: 'loading' } | { state: 'ready'; bulletin: Bulletin } | { state: 'notFound' } | { state: 'failed' };

/** Loads a compound's bulletin; 404 means no such compound, anything else may be the network. */
export function useBulletin(compoundId: string) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const reload = useCallback(async () => {
    setLoad({ state: 'loading' });
    try {
      setLoad({ state: 'ready', bulletin: await getBulletin(compoundId) });
    } catch (e) {
      setLoad({ state: (e as { status?: number }).status === 404 ? 'notFound' : 'failed' });
    }
  }, [compoundId]);
  useEffect(() => void reload(), [reload]);
  return { load, setLoad, reload };
}

function Item({ item, onRated }: { item: BulletinItem; onRated(v: number): void }) {
  const { t, lang } = usePublicI18n();
  const done = !!item.closedAt;
  return (
    <article className="gzp-card" aria-labelledby={`gzp-item-${item.id}`}>
      <div className="gzp-meta">
        <span className="gzp-tag">{t.dyn(`public.category.${item.category}`, item.category)}</span>
        <span>{t('public.bulletin.decidedOn', { date: dayOf(item.decidedAt) })}</span>
      </div>
      <h3 id={`gzp-item-${item.id}`}>{item.title}</h3>
      <dl className="gzp-fields">
        <div>
          <dt>{t('public.bulletin.decision')}</dt>
          <dd>{item.decision}</dd>
        </div>
        {item.executor && (
          <div>
            <dt>{t('public.bulletin.executor')}</dt>
            <dd>{item.executor}</dd>
          </div>
        )}
        {item.deadline && (
          <div>
            <dt>{t('public.bulletin.deadline')}</dt>
            <dd>{dayOf(item.deadline)}</dd>
          </div>
        )}
        <div>
          <dt>{t('public.bulletin.result')}</dt>
          <dd>
            {item.result ?? <span className="gzp-tag">{t('public.bulletin.inProgress')}</span>}
            {item.closedAt && <div className="gzp-muted">{t('public.bulletin.closedOn', { date: dayOf(item.closedAt) })}</div>}
          </dd>
        </div>
        <div>
          <dt>{t('public.bulletin.satisfaction')}</dt>
          <dd><StarsSummary value={item.satisfaction} count={item.satisfactionCount} /></dd>
        </div>
      </dl>
      <div className="gzp-meta" style={{ marginTop: 6 }}>
        <span>{lang === 'en' ? item.methodName.en : item.methodName.zh}</span>
        <span className={`gzp-tag${done ? ' gzp-done' : ''}`}>{lang === 'en' ? item.stageName.en : item.stageName.zh}</span>
      </div>
      {item.rateable && <RateMatter matterId={item.id} onRated={onRated} />}
    </article>
  );
}

/** 议事公示栏: a compound's decided matters, this month's counts, the way to speak up and to rate a result. */
export default function BulletinPage() {
  const compoundId = useCompoundId();
  const { t } = usePublicI18n();
  const { load, setLoad, reload } = useBulletin(compoundId);
  const b = load.state === 'ready' ? load.bulletin : null;
  useDocumentTitle(b ? t('public.bulletin.documentTitle', { name: b.compound.name }) : null);

  if (load.state === 'loading') return <PublicStatus>{t('public.loading')}</PublicStatus>;
  if (load.state === 'notFound') return <PublicStatus>{t('public.bulletin.notFound')}</PublicStatus>;
  if (!b) {
    return (
      <PublicStatus action={<button type="button" className="gzp-btn gzp-small" onClick={() => void reload()}>{t('public.retry')}</button>}>
        {t('public.loadFailed')}
      </PublicStatus>
    );
  }

  // A new rating shows at once in the item's average; the next load brings the server's figure.
  const rated = (id: string, v: number) =>
    setLoad({
      state: 'ready',
      bulletin: {
        ...b,
        items: b.items.map((i) => {
          if (i.id !== id) return i;
          const n = i.satisfactionCount + 1;
          return { ...i, satisfactionCount: n, satisfaction: ((i.satisfaction ?? 0) * i.satisfactionCount + v) / n };
        }),
      },
    });

  return (
    <div className="gzp">
      <PublicHeader kicker={t('public.bulletin.title')} title={b.compound.name} place={placeLine(b.compound)} />
      <main className="gzp-main">
        <PublicLink to={publicPath(compoundId, 'opinion')} className="gzp-btn">
          {t('public.speakUp')}
        </PublicLink>
        <p className="gzp-cta-hint">{t('public.speakUpHint')}</p>
        <div className="gzp-stats">
          <div className="gzp-stat">
            <b>{b.opinionsThisMonth}</b>
            <span>{t('public.bulletin.opinionsThisMonth')}</span>
          </div>
          <div className="gzp-stat">
            <b>{b.meetingsThisMonth}</b>
            <span>{t('public.bulletin.meetingsThisMonth')}</span>
          </div>
          <div className="gzp-stat">
            <b>{b.items.length}</b>
            <span>{t('public.bulletin.itemsCount')}</span>
          </div>
        </div>
        <h2 className="gzp-section">{t('public.bulletin.decided')}</h2>
        {b.items.length === 0 ? (
          <p className="gzp-card gzp-muted">{t('public.bulletin.empty')}</p>
        ) : (
          b.items.map((i) => <Item key={i.id} item={i} onRated={(v) => rated(i.id, v)} />)
        )}
        <footer className="gzp-foot">
          <div>{t('public.bulletin.updated', { time: timeOf(b.generatedAt) })}</div>
          <div>{t('public.bulletin.noPersonalData')}</div>
          <PublicLink to={publicPath(compoundId, 'print')}>{t('public.bulletin.printVersion')}</PublicLink>
        </footer>
      </main>
    </div>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { PublicLink, publicPath, useCompoundId } from './nav.tsx';
import { MATTER_CATEGORIES } from '../../../shared/deliberation.ts';
import { newId } from '../../api/id.ts';
import { usePublicI18n, type PublicT } from './i18n.tsx';
import { getPublicCompound, isTransient, sendOpinion, type PublicApiError, type PublicCompound } from './api.ts';
import { placeLine, PublicHeader, PublicStatus, timeOf, useDocumentTitle } from './PublicSite.tsx';
import { clearDraft, loadDraft, saveDraft, type OpinionDraft } from './storage.ts';

/** Limits of the opinion form, as the server checks them. */
export const CONTENT_MIN = 5;
export const CONTENT_MAX = 1000;
const NAME_MAX = 50;

type Fields = Pick<OpinionDraft, 'content' | 'category' | 'name' | 'phone'>;
type FieldKey = keyof Fields;
type Notice = 'restored' | 'saved' | 'limited' | { failed: string } | null;

/** Whether a phone number looks dialable: digits with optional +, spaces, dashes, brackets; 7–20 digits. */
export function phoneLooksValid(s: string): boolean {
  const digits = s.replace(/\D/g, '').length;
  return /^[\d\s\-+()]+$/.test(s) && digits >= 7 && digits <= 20;
}

function problemsOf(f: Fields, t: PublicT): Partial<Record<FieldKey, string>> {
  const out: Partial<Record<FieldKey, string>> = {};
  const n = f.content.trim().length;
  if (n < CONTENT_MIN) out.content = t('public.opinion.contentTooShort', { min: CONTENT_MIN });
  else if (n > CONTENT_MAX) out.content = t('public.opinion.contentTooLong', { max: CONTENT_MAX });
  if (f.name.trim().length > NAME_MAX) out.name = t('public.opinion.nameTooLong', { max: NAME_MAX });
  if (f.phone.trim() && !phoneLooksValid(f.phone.trim())) out.phone = t('public.opinion.phoneInvalid');
  return out;
}

/** 我要说事: the resident opinion form — no account, phone optional, a draft kept on the phone when sending fails. */
export default function OpinionPage() {
  const compoundId = useCompoundId();
  const { t } = usePublicI18n();
  const [compound, setCompound] = useState<PublicCompound | null | 'missing'>(null);
  const [draft] = useState(() => loadDraft(compoundId));
  const [id, setId] = useState(() => draft?.id ?? newId());
  const [f, setF] = useState<Fields>(() => ({ content: draft?.content ?? '', category: draft?.category ?? '', name: draft?.name ?? '', phone: draft?.phone ?? '' }));
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [notice, setNotice] = useState<Notice>(draft ? 'restored' : null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ id: string; receivedAt: string } | null>(null);

  useEffect(() => {
    getPublicCompound(compoundId).then(setCompound, (e: PublicApiError) => setCompound(e.status === 404 ? 'missing' : null));
  }, [compoundId]);
  const c = compound && compound !== 'missing' ? compound : null;
  useDocumentTitle(c ? `${t('public.opinion.title')} · ${c.name}` : t('public.opinion.title'));

  if (compound === 'missing') return <PublicStatus>{t('public.opinion.notFound')}</PublicStatus>;

  const problems = { ...(tried ? problemsOf(f, t) : {}), ...serverErrors };
  const set = (k: FieldKey, v: string) => {
    setF((x) => ({ ...x, [k]: v }));
    setServerErrors(({ [k]: _gone, ...rest }) => rest);
  };
  const keep = () => saveDraft(compoundId, { id, ...f, savedAt: new Date().toISOString() });

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setTried(true);
    if (Object.keys(problemsOf(f, t)).length) return;
    setBusy(true);
    try {
      const r = await sendOpinion(compoundId, {
        id,
        content: f.content.trim(),
        ...(f.category ? { category: f.category } : {}),
        ...(f.name.trim() ? { name: f.name.trim() } : {}),
        ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
      });
      clearDraft(compoundId);
      setNotice(null);
      setDone(r);
      window.scrollTo(0, 0);
    } catch (err) {
      const ae = err as PublicApiError;
      if (ae.status === 429) { keep(); setNotice('limited'); }
      else if (isTransient(err)) { keep(); setNotice('saved'); }
      else if (ae.fields?.length) {
        const byField: Partial<Record<FieldKey, string>> = {};
        for (const p of ae.fields) if (p.field in f) byField[p.field as FieldKey] = p.message;
        setServerErrors(byField);
        setNotice(Object.keys(byField).length ? null : { failed: ae.message });
      } else setNotice({ failed: ae.message });
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    setDone(null);
    setId(newId());
    setF({ content: '', category: '', name: '', phone: '' });
    setTried(false);
  };
  const discard = () => {
    clearDraft(compoundId);
    again();
    setNotice(null);
  };
  const back = publicPath(compoundId);
  const header = <PublicHeader kicker={c?.name ?? ''} title={t('public.opinion.title')} place={placeLine(c)} />;

  if (done) {
    return (
      <div className="gzp">
        {header}
        <main className="gzp-main">
          <div className="gzp-done-box" role="status">
            <div className="gzp-check" aria-hidden="true">✓</div>
            <h2>{t('public.opinion.doneTitle')}</h2>
            <p style={{ margin: 0 }}>{t('public.opinion.doneTime', { time: timeOf(done.receivedAt) })}</p>
            <p style={{ margin: 0 }}>{t('public.opinion.doneRef', { ref: done.id.slice(0, 8).toUpperCase() })}</p>
            <p className="gzp-muted">{t('public.opinion.doneBody')}</p>
            <div className="gzp-stack">
              <PublicLink to={back} className="gzp-btn">{t('public.backToBulletin')}</PublicLink>
              <button type="button" className="gzp-btn gzp-secondary" onClick={again}>{t('public.opinion.another')}</button>
            </div>
          </div>
        </main>
      </div>
    );
  }

  const n = f.content.trim().length;
  const err = (k: FieldKey) => problems[k] && <p className="gzp-error" id={`gzp-op-${k}-err`}>{problems[k]}</p>;
  const aria = (k: FieldKey) => ({ 'aria-invalid': !!problems[k], 'aria-describedby': problems[k] ? `gzp-op-${k}-err` : undefined });
  return (
    <div className="gzp">
      {header}
      <main className="gzp-main">
        <PublicLink to={back} className="gzp-back">‹ {t('public.backToBulletin')}</PublicLink>
        <p style={{ margin: '4px 0 0' }}>{t('public.opinion.lead')}</p>
        {notice && (
          <div className={`gzp-alert${notice === 'restored' ? '' : ' gzp-bad'}`} role="alert">
            {notice === 'restored' ? t('public.opinion.draftRestored') : notice === 'saved' ? t('public.opinion.draftSaved') : notice === 'limited' ? t('public.opinion.rateLimited') : t('public.opinion.failed', { message: notice.failed })}
            {(notice === 'saved' || notice === 'restored') && (
              <div className="gzp-actions">
                <button type="button" className="gzp-btn gzp-small" onClick={() => void submit()} disabled={busy}>{t('public.opinion.resend')}</button>
                <button type="button" className="gzp-btn gzp-secondary gzp-small" onClick={discard} disabled={busy}>{t('public.opinion.discard')}</button>
              </div>
            )}
          </div>
        )}
        <form className="gzp-form" onSubmit={(e) => void submit(e)} noValidate>
          <label htmlFor="gzp-op-content">{t('public.opinion.content')}</label>
          <textarea
            id="gzp-op-content"
            className="gzp-input"
            value={f.content}
            maxLength={CONTENT_MAX + 200}
            placeholder={t('public.opinion.contentPlaceholder')}
            onChange={(e) => set('content', e.target.value)}
            required
            {...aria('content')}
          />
          <div className={`gzp-counter${n > CONTENT_MAX ? ' gzp-over' : ''}`} aria-live="polite">{t('public.opinion.counter', { n, max: CONTENT_MAX })}</div>
          {err('content')}

          <label htmlFor="gzp-op-category">{t('public.opinion.category')}</label>
          <select id="gzp-op-category" className="gzp-input" value={f.category} onChange={(e) => set('category', e.target.value)} {...aria('category')}>
            <option value="">{t('public.opinion.categoryNone')}</option>
            {MATTER_CATEGORIES.map((k) => <option key={k} value={k}>{t.dyn(`public.category.${k}`, k)}</option>)}
          </select>
          {err('category')}

          <label htmlFor="gzp-op-name">{t('public.opinion.name')}</label>
          <input id="gzp-op-name" className="gzp-input" value={f.name} maxLength={NAME_MAX} autoComplete="name" onChange={(e) => set('name', e.target.value)} {...aria('name')} />
          {err('name')}

          <label htmlFor="gzp-op-phone">{t('public.opinion.phone')}</label>
          <input id="gzp-op-phone" className="gzp-input" type="tel" inputMode="tel" autoComplete="tel" maxLength={20} value={f.phone} onChange={(e) => set('phone', e.target.value)} {...aria('phone')} />
          {err('phone')}

          <div className="gzp-note">
            <strong>{t('public.opinion.privacyTitle')}</strong>
            {t('public.opinion.privacy')}
          </div>
          <button type="submit" className="gzp-btn" disabled={busy}>{busy ? t('public.opinion.sending') : t('public.opinion.submit')}</button>
        </form>
      </main>
    </div>
  );
}

import { useState } from 'react';
import { newId } from '../../api/id.ts';
import { usePublicI18n } from './i18n.tsx';
import { isTransient, rateMatter } from './api.ts';
import { StarPicker } from './Stars.tsx';
import { ratingOf, saveRating } from './storage.ts';

type Outcome = { kind: 'thanks' } | { kind: 'error'; text: string } | null;

/**
 * A resident's 1–5 rating of a decided and executed matter. The client id is kept on the phone with the choice, so
 * tapping "send" again after a lost answer never counts twice; 429 and network failures say what to do.
 */
export function RateMatter({ matterId, onRated }: { matterId: string; onRated(satisfaction: number): void }) {
  const { t } = usePublicI18n();
  const [stored, setStored] = useState(() => ratingOf(matterId));
  const [value, setValue] = useState(stored?.satisfaction ?? 0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  if (stored?.sent) {
    return (
      <div className="gzp-rate" aria-live="polite">
        <p>{outcome?.kind === 'thanks' ? t('public.rate.thanks') : t('public.rate.yours', { n: stored.satisfaction })}</p>
        {outcome?.kind === 'thanks' && <span className="gzp-muted">{t('public.rate.yours', { n: stored.satisfaction })}</span>}
      </div>
    );
  }

  const send = async () => {
    if (value < 1) { setOutcome({ kind: 'error', text: t('public.rate.pickFirst') }); return; }
    // A changed choice is a new rating; the same choice resent keeps its id.
    const id = stored && stored.satisfaction === value ? stored.id : newId();
    saveRating(matterId, { id, satisfaction: value, sent: false });
    setBusy(true);
    setOutcome(null);
    try {
      await rateMatter(matterId, { id, satisfaction: value, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      const rec = { id, satisfaction: value, sent: true };
      saveRating(matterId, rec);
      setStored(rec);
      setOutcome({ kind: 'thanks' });
      onRated(value);
    } catch (e) {
      setStored({ id, satisfaction: value, sent: false });
      const status = (e as { status?: number }).status;
      const text = status === 429 ? t('public.rate.rateLimited') : isTransient(e) ? t('public.rate.network') : (e as Error).message;
      setOutcome({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  };

  const commentId = `gzp-rate-comment-${matterId}`;
  return (
    <div className="gzp-rate">
      <p>{t('public.rate.title')}</p>
      <StarPicker value={value} onChange={setValue} disabled={busy} />
      {value > 0 && (
        <>
          <label htmlFor={commentId} className="gzp-muted" style={{ display: 'block', marginBottom: 4 }}>{t('public.rate.comment')}</label>
          <input id={commentId} className="gzp-input" maxLength={200} value={comment} onChange={(e) => setComment(e.target.value)} style={{ marginBottom: 8 }} />
        </>
      )}
      <button type="button" className="gzp-btn gzp-secondary gzp-small" onClick={() => void send()} disabled={busy}>
        {busy ? t('public.rate.sending') : t('public.rate.submit')}
      </button>
      {outcome?.kind === 'error' && <p className="gzp-error" role="alert">{outcome.text}</p>}
    </div>
  );
}

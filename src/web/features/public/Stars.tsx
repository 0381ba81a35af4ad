import { usePublicI18n } from './i18n.tsx';

/** Five stars for an average satisfaction (rounded to whole stars), with the average and the number of ratings. */
export function StarsSummary({ value, count }: { value: number | null; count: number }) {
  const { t } = usePublicI18n();
  if (value === null || count === 0) return <span className="gzp-muted">{t('public.bulletin.noRatings')}</span>;
  const whole = Math.max(0, Math.min(5, Math.round(value)));
  const avg = value.toFixed(1);
  return (
    <span>
      <span className="gzp-stars" aria-hidden="true">{'★'.repeat(whole)}{'☆'.repeat(5 - whole)}</span>{' '}
      <span>{t('public.bulletin.ratingSummary', { avg, n: count })}</span>
    </span>
  );
}

/** A 1–5 star picker as a radio group of large buttons (arrow keys move, as in any radio group). */
export function StarPicker({ value, onChange, disabled }: { value: number; onChange(n: number): void; disabled?: boolean }) {
  const { t } = usePublicI18n();
  const move = (n: number) => onChange(Math.max(1, Math.min(5, n)));
  return (
    <div className="gzp-starpick" role="radiogroup" aria-label={t('public.rate.starsLabel')}>
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          role="radio"
          aria-checked={value === n}
          aria-label={t('public.rate.star', { n })}
          className={`gzp-star${n <= value ? ' gzp-on' : ''}`}
          tabIndex={value === n || (value === 0 && n === 1) ? 0 : -1}
          disabled={disabled}
          onClick={() => onChange(n)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight' || e.key === 'ArrowUp') { e.preventDefault(); move(value + 1); }
            if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') { e.preventDefault(); move(value - 1); }
          }}
        >
          ★
        </button>
      ))}
    </div>
  );
}

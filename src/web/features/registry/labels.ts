// Labels of the shared code lists in the UI language, and small formatting helpers of the registry screens.
import type { Lang } from '../../i18n/index.tsx';

/** A code's labels in both languages. */
export interface Labelled {
  zh: string;
  en: string;
}

/** The label of a code from a `{ code: { zh, en } }` map; the code itself when unknown, '' for none. */
export function labelOf(map: Record<string, Labelled>, code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const l = map[code];
  return l ? (lang === 'en' ? l.en : l.zh) : code;
}

/** The label of a code from a list of `{ code, zh, en }` entries. */
export function labelIn(list: readonly { code: string; zh: string; en: string }[], code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const l = list.find((x) => x.code === code);
  return l ? (lang === 'en' ? l.en : l.zh) : code;
}

/** Select options from a `{ code: { zh, en } }` map, in its order. */
export function optionsOf(map: Record<string, Labelled>, lang: Lang): { value: string; label: string }[] {
  return Object.entries(map).map(([value, l]) => ({ value, label: lang === 'en' ? l.en : l.zh }));
}

/** Select options from a list of `{ code, zh, en }` entries. */
export function optionsIn(list: readonly { code: string; zh: string; en: string }[], lang: Lang, only?: readonly string[]): { value: string; label: string }[] {
  return list.filter((x) => !only || only.includes(x.code)).map((x) => ({ value: x.code, label: lang === 'en' ? x.en : x.zh }));
}

/** A label from a `{ zh, en }` pair. */
export function pick(l: Labelled | null | undefined, lang: Lang): string {
  return l ? (lang === 'en' ? l.en : l.zh) : '';
}

/** True when a search text looks like a mainland ID number (15 digits, or 17 digits and a check digit). */
export function looksLikeIdNumber(s: string): boolean {
  return /^(\d{15}|\d{17}[\dXx])$/.test(s.replace(/\s+/g, ''));
}

/** True when a search text looks like a mainland mobile number (11 digits from 1, optionally +86 / 86). */
export function looksLikePhone(s: string): boolean {
  return /^(\+?86[-\s]?)?1\d{2}[-\s]?\d{4}[-\s]?\d{4}$/.test(s.trim());
}

/** Today as YYYY-MM-DD in China (the server's notion of "today"). */
export function todayCn(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

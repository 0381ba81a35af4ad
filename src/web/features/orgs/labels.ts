import {
  FIVE_ONES_ITEMS, ORG_CATEGORIES, ORG_CATEGORY_LABELS, ORG_TYPES, POLITICAL_STATUSES, postLabel,
  type OrgCategory, type OrgType, type Post,
} from '../../../shared/org-types.ts';
import type { Lang } from '../../i18n/index.tsx';

/** A code's label in the UI language. */
function pick(l: { zh: string; en: string } | undefined, lang: Lang, code: string): string {
  return l ? (lang === 'en' ? l.en : l.zh) : code;
}

/** The label of an organisation type. */
export function orgTypeLabel(type: string, lang: Lang): string {
  return pick(ORG_TYPES.find((x) => x.code === type), lang, type);
}

/** The label of an organisation category. */
export function categoryLabel(category: string, lang: Lang): string {
  return pick(ORG_CATEGORY_LABELS[category as OrgCategory], lang, category);
}

/** The label of a GB/T 4762 political status code. */
export function politicalStatusLabel(code: string | null, lang: Lang): string | null {
  return code ? pick(POLITICAL_STATUSES.find((s) => s.code === code), lang, code) : null;
}

/** The label of a post in an organisation of this type (党员 in a party org, 委员 in a committee). */
export function postLabelIn(post: Post, type: OrgType, lang: Lang): string {
  return pick(postLabel(post, type), lang, post);
}

/** The type choices grouped by category, for a Select. */
export function typeOptions(lang: Lang) {
  return ORG_CATEGORIES.map((c) => ({
    label: categoryLabel(c, lang),
    title: categoryLabel(c, lang),
    options: ORG_TYPES.filter((x) => x.category === c).map((x) => ({ value: x.code as string, label: lang === 'en' ? x.en : x.zh })),
  }));
}

/** The category choices, for a Select. */
export function categoryOptions(lang: Lang) {
  return ORG_CATEGORIES.map((c) => ({ value: c as string, label: categoryLabel(c, lang) }));
}

/** The political status choices, for a Select. */
export function politicalStatusOptions(lang: Lang) {
  return POLITICAL_STATUSES.map((s) => ({ value: s.code as string, label: lang === 'en' ? s.en : s.zh }));
}

/** The five-ones items with labels, in checklist order. */
export function fiveOnesItems(lang: Lang) {
  return FIVE_ONES_ITEMS.map((i) => ({ code: i.code, key: i.key, label: lang === 'en' ? i.en : i.zh }));
}

/** The term of an organisation as "start ~ end". */
export function termText(o: { termStart: string | null; termEnd: string | null }, none: string): string {
  if (!o.termStart && !o.termEnd) return none;
  return `${o.termStart ?? '…'} ~ ${o.termEnd ?? '…'}`;
}

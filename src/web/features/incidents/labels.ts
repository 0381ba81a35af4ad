// Labels of the incident code lists (src/shared/incidents.ts) in the UI language, read from the locale files.
import { SOURCE_CHANNELS, URGENCIES, type CategoryVersionView } from '../../../shared/incidents.ts';
import type { I18nName } from '../../../shared/method-template.ts';
import type { Lang, T } from '../../i18n/index.tsx';

/** A `{ zh, en }` name in the UI language ('' for none). */
export function nameIn(n: I18nName | null | undefined, lang: Lang): string {
  return n ? (lang === 'en' ? n.en : n.zh) : '';
}

/** A source channel's label. */
export const sourceLabel = (t: T, s: string) => t.dyn(`incidents.source.${s}`, s);
/** An urgency's label. */
export const urgencyLabel = (t: T, u: string) => t.dyn(`incidents.urgency.${u}`, u);
/** An outcome's label. */
export const outcomeLabel = (t: T, o: string) => t.dyn(`incidents.outcome.${o}`, o);
/** A deadline unit's label with its amount: "3 个工作日". */
export const deadlineLabel = (t: T, d: { amount: number; unit: string } | undefined) => (d ? t.dyn(`incidents.unit.${d.unit}`, `{n} ${d.unit}`, { n: d.amount }) : '');

/** Select options of the source channels. */
export const sourceOptions = (t: T) => SOURCE_CHANNELS.map((s) => ({ value: s as string, label: sourceLabel(t, s) }));
/** Select options of the urgencies. */
export const urgencyOptions = (t: T) => URGENCIES.map((u) => ({ value: u as string, label: urgencyLabel(t, u) }));

/** A category tree as cascader options: 大类 with their 小类, labelled "0106 楼道堆物". */
export function categoryTree(v: CategoryVersionView | null, lang: Lang) {
  if (!v) return [];
  const majors = v.categories.filter((c) => c.parentCode === null);
  return majors.map((m) => ({
    value: m.code,
    label: `${m.code} ${nameIn(m.name, lang)}`,
    children: v.categories.filter((c) => c.parentCode === m.code).map((c) => ({ value: c.code, label: `${c.code} ${nameIn(c.name, lang)}` })),
  }));
}

/** The tag colour of an incident's state: red when overdue, green when closed as fixed, grey when otherwise ended. */
export function stageColor(i: { overdue: boolean; outcome: string | null; stage: string }): string {
  if (i.overdue) return 'red';
  if (i.outcome === 'closed' || i.outcome === 'self_handled') return 'green';
  if (i.outcome) return 'default';
  if (i.stage === 'suspended') return 'orange';
  return 'blue';
}

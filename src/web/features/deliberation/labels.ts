// Labels of the deliberation code lists (src/shared/deliberation.ts) in the UI language, read from the locale files so
// every screen of the module names a category, a member kind or a meeting form the same way.
import {
  EVALUATOR_KINDS, JOINT_DECISION_ITEMS, MATTER_CATEGORIES, MATTER_SOURCES, MEETING_FORMS, MEMBER_KINDS, type ChoiceReason,
} from '../../../shared/deliberation.ts';
import type { I18nName } from '../../../shared/method-template.ts';
import type { Lang, T } from '../../i18n/index.tsx';

/** A `{ zh, en }` name in the UI language ('' for none). */
export function nameIn(n: I18nName | null | undefined, lang: Lang): string {
  return n ? (lang === 'en' ? n.en : n.zh) : '';
}

/** A matter category's label. */
export const categoryLabel = (t: T, c: string) => t.dyn(`delib.category.${c}`, c);
/** A matter source's label. */
export const sourceLabel = (t: T, s: string) => t.dyn(`delib.source.${s}`, s);
/** A 1+5+N member kind's label. */
export const memberKindLabel = (t: T, k: string) => t.dyn(`delib.memberKind.${k}`, k);
/** A 1+5 slot's label (FIVE_SLOTS and 'one'). */
export const slotLabel = (t: T, s: string) => t.dyn(`delib.slot.${s}`, s);
/** A meeting form's label. */
export const meetingFormLabel = (t: T, f: string) => t.dyn(`delib.meetingForm.${f}`, f);
/** An evaluator kind's label. */
export const evaluatorLabel = (t: T, k: string) => t.dyn(`delib.evaluator.${k}`, k);
/** An evaluation source's label. */
export const evaluationSourceLabel = (t: T, s: string) => t.dyn(`delib.evaluationSource.${s}`, s);
/** A 民法典 art. 278 item's label, e.g. "（五）使用建筑物及其附属设施的维修资金". */
export const jointItemLabel = (t: T, n: number) => t.dyn(`delib.jointItem.${n}`, String(n));

/** Select options of the matter categories. */
export const categoryOptions = (t: T) => MATTER_CATEGORIES.map((c) => ({ value: c as string, label: categoryLabel(t, c) }));
/** Select options of the matter sources. */
export const sourceOptions = (t: T) => MATTER_SOURCES.map((s) => ({ value: s as string, label: sourceLabel(t, s) }));
/** Select options of the member kinds. */
export const memberKindOptions = (t: T) => MEMBER_KINDS.map((k) => ({ value: k as string, label: memberKindLabel(t, k) }));
/** Select options of the meeting forms. */
export const meetingFormOptions = (t: T) => MEETING_FORMS.map((f) => ({ value: f as string, label: meetingFormLabel(t, f) }));
/** Select options of the evaluator kinds. */
export const evaluatorOptions = (t: T) => EVALUATOR_KINDS.map((k) => ({ value: k as string, label: evaluatorLabel(t, k) }));
/** Select options of the art. 278 items. */
export const jointItemOptions = (t: T) => JOINT_DECISION_ITEMS.map((n) => ({ value: n as number, label: jointItemLabel(t, n) }));

/**
 * The label of a `choice` input's option. Templates store bare option codes; the ones that are meeting forms (the joint
 * talk's "form" input) get their names, any other code is shown as written.
 */
export function choiceLabel(t: T, option: string): string {
  return (MEETING_FORMS as readonly string[]).includes(option) ? meetingFormLabel(t, option) : t.dyn(`delib.choice.${option}`, option);
}

/** Why a member was chosen or left out, in the UI language. */
export function reasonText(r: ChoiceReason, lang: Lang): string {
  return lang === 'en' ? r.en : r.zh;
}

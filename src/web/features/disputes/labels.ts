// Labels of the dispute code lists (src/shared/disputes.ts) in the UI language: types from the shared names, the rest
// from the locale files, so every dispute screen names a status, a mediator kind or a referral the same way.
import {
  DISPUTE_TYPE_NAMES, DISPUTE_TYPES, ELDER_KINDS, MEDIATOR_KINDS, type DisputeEvent, type DisputeStatus, type DisputeType, type MediatorKind,
} from '../../../shared/disputes.ts';
import type { Lang, T } from '../../i18n/index.tsx';

/** A dispute type's name. */
export function disputeTypeLabel(lang: Lang, type: string): string {
  const n = DISPUTE_TYPE_NAMES[type as DisputeType];
  return n ? (lang === 'en' ? n.en : n.zh) : type;
}

/** The dispute types as Select options. */
export function disputeTypeOptions(lang: Lang) {
  return DISPUTE_TYPES.map((v) => ({ value: v, label: disputeTypeLabel(lang, v) }));
}

/** A dispute status's label. */
export const disputeStatusLabel = (t: T, s: string) => t.dyn(`disputes.status.${s}`, s);
/** A mediation event's label (timeline entries and action buttons). */
export const disputeEventLabel = (t: T, e: string) => t.dyn(`disputes.event.${e}`, e);
/** A mediator kind's label. */
export const mediatorKindLabel = (t: T, k: string) => t.dyn(`disputes.mediatorKind.${k}`, k);
/** A 五老 kind's label. */
export const elderKindLabel = (t: T, k: string) => t.dyn(`disputes.elderKind.${k}`, k);
/** A referral target's label. */
export const referralLabel = (t: T, r: string) => t.dyn(`disputes.referral.${r}`, r);
/** A follow-up result's label. */
export const followUpLabel = (t: T, r: string) => t.dyn(`disputes.followUp.${r}`, r);
/** A party side's label. */
export const sideLabel = (t: T, s: string) => t.dyn(`disputes.side.${s}`, s);

/** A mediator's kind, with the 五老 kind for elders: "五老 · 老教师". */
export function mediatorKindText(t: T, m: { kind: MediatorKind | string; elderKind: string | null }): string {
  return m.kind === 'elder' && m.elderKind ? `${mediatorKindLabel(t, m.kind)} · ${elderKindLabel(t, m.elderKind)}` : mediatorKindLabel(t, m.kind);
}

/** The mediator kinds as Select options. */
export const mediatorKindOptions = (t: T) => MEDIATOR_KINDS.map((k) => ({ value: k, label: mediatorKindLabel(t, k) }));
/** The 五老 kinds as Select options. */
export const elderKindOptions = (t: T) => ELDER_KINDS.map((k) => ({ value: k, label: elderKindLabel(t, k) }));

/** Tag colours of the dispute statuses. */
export const DISPUTE_STATUS_COLOR: Record<DisputeStatus, string> = {
  registered: 'blue',
  mediating: 'orange',
  agreed: 'green',
  referred: 'purple',
  withdrawn: 'default',
  followed_up: 'cyan',
};

/** The order of the mediation buttons: the usual next step first, releasing a mediator last. */
export const ACTION_ORDER: DisputeEvent[] = ['assign', 'session', 'agree', 'follow_up', 'reopen', 'refer', 'withdraw', 'unassign'];

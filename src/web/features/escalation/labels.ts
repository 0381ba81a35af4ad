// Labels and small helpers of the joint-meeting screens.
import type { EscalationKind, ItemEffect, JointTaskState, LadderLevel } from '../../../shared/escalation.ts';
import type { DeadlineUnit } from '../../../shared/method-template.ts';
import type { T } from '../../i18n/index.tsx';

/** The label of a ladder level. */
export const levelLabel = (t: T, l: LadderLevel) => t(`joint.level.${l}`);
/** The label of a threshold unit (with its leading space in English). */
export const unitLabel = (t: T, u: DeadlineUnit) => t(`joint.unit.${u}`);
/** How an incident rose. */
export const kindLabel = (t: T, k: EscalationKind) => t(`joint.kind.${k}`);
/** A task state. */
export const stateLabel = (t: T, s: JointTaskState) => t(`joint.state.${s}`);
/** What a decision did to its incident. */
export const effectLabel = (t: T, e: ItemEffect) => t(`joint.effect.${e}`);
/** Tag colour of a level. */
export const LEVEL_COLOR: Record<LadderLevel, string> = { compound: 'default', community: 'blue', street: 'purple', county: 'magenta' };

/** A timestamp as 'YYYY-MM-DD HH:mm' in China time (where the people using it are). */
export function cstTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The current month in China time, 'YYYY-MM'. */
export function cstMonth(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
}

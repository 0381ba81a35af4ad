// The meeting and pool screens' kinds of people, grouped as 1, 5 and N.
import { useT } from '../../i18n/index.tsx';
import { memberKindLabel } from './labels.ts';
import { attendeeKindLabel, KIND_GROUPS, WALK_IN_EXTRA_KINDS } from './labels.meetings.ts';

/** The kinds grouped as 1, 5 and N for a Select; with walkIn, also a resident or a guest (kinds a walk-in may have). */
export function useKindOptions(walkIn = false) {
  const t = useT();
  const groups: { label: string; title: string; options: { value: string; label: string }[] }[] = KIND_GROUPS.map((g) => ({
    label: t(`pool.group.${g.group}`),
    title: t(`pool.group.${g.group}`),
    options: g.kinds.map((k) => ({ value: k as string, label: memberKindLabel(t, k) })),
  }));
  if (walkIn) groups.push({ label: t('meetings.walkInKind.group'), title: t('meetings.walkInKind.group'), options: WALK_IN_EXTRA_KINDS.map((k) => ({ value: k, label: attendeeKindLabel(t, k) })) });
  return groups;
}

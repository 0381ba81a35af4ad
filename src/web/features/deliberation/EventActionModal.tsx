import type { MatterAction, MatterDetail } from '../../../shared/deliberation.ts';
import { useI18n } from '../../i18n/index.tsx';
import { fireMatterEvent, getMatter } from './api.ts';
import { StageActionModal } from './matter/StageActionModal.tsx';

/** Refusals about the matter as a whole rather than one field. */
const REFUSALS = new Set(['OWNERS_VOTE_REQUIRED', 'OWNERS_QUORUM_NOT_MET', 'OWNERS_VOTE_REJECTED', 'EVENT_NOT_ALLOWED_IN_STAGE', 'ROLE_NOT_ALLOWED', 'INSTANCE_CLOSED', 'FORBIDDEN']);

/**
 * Fires one stage action of a matter: a form built from the transition's inputs (texts, vote counts, photos, a
 * satisfaction score, dates, numbers, choices); the art. 278 vote refusals show above the form.
 */
export function EventActionModal({ matter, action, onClose, onDone }: {
  matter: MatterDetail;
  action: MatterAction;
  onClose(): void;
  onDone(m: MatterDetail): void;
}) {
  const { t } = useI18n();
  return (
    <StageActionModal<MatterDetail>
      action={action}
      version={matter.instanceVersion}
      refusals={REFUSALS}
      labels={{
        submit: t('matters.event.submit'), comment: t('matters.event.comment'), attachments: t('matters.event.attachments'), gone: t('matters.event.gone'),
        moves: (to) => t('matters.event.moves', { to }), done: (name) => t('matters.event.done', { name }),
      }}
      fire={(body) => fireMatterEvent(matter.id, body)}
      reload={async () => {
        const m = await getMatter(matter.id);
        return { version: m.instanceVersion, offered: m.abilities.events.some((e) => e.event === action.event) };
      }}
      width={640}
      onClose={onClose}
      onDone={onDone}
    />
  );
}

import type { IncidentAction, IncidentDetail } from '../../../shared/incidents.ts';
import { useI18n } from '../../i18n/index.tsx';
import { StageActionModal } from '../deliberation/matter/StageActionModal.tsx';
import { fireIncidentEvent, getIncident } from './api.ts';
import { SpecialField, specialInput, specialToWire } from './actionInputs.tsx';
import { useCurrentCategories } from './hooks.ts';

/** Refusals about the incident as a whole (the stage moved on, the caller's part, the loop's own rules) rather than one field. */
const REFUSALS = new Set([
  'EVENT_NOT_ALLOWED_IN_STAGE', 'ROLE_NOT_ALLOWED', 'INSTANCE_CLOSED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'INCIDENT_SELF_HANDLE_NOT_ALLOWED',
  'INCIDENT_CONFIRMATION_NOT_NEEDED', 'INCIDENT_CONFIRMATION_REQUIRED', 'INCIDENT_CONFIRMATION_PENDING', 'INCIDENT_CONFIRMATION_OVER',
]);

/**
 * Fires one closed-loop action on an incident: a form built from the transition's inputs (photos uploaded as they are
 * chosen, dates, reasons), with pickers where a text input holds an id (dispatch target with the suggested handler
 * first, verifiers from the grid, a corrected 小类, the incident a duplicate merges into); the loop's own refusals show
 * above the form.
 */
export function IncidentActionModal({ incident, action, initial, onClose, onDone }: {
  incident: IncidentDetail;
  action: IncidentAction;
  /** Input values to start with (the duplicate a merge button chose). */
  initial?: Record<string, unknown>;
  onClose(): void;
  onDone(next: IncidentDetail): void;
}) {
  const { t } = useI18n();
  const categories = useCurrentCategories();
  const kindOf = (key: string) => {
    const k = specialInput(action.event, key);
    return k === 'duplicate' && incident.duplicateCandidates.length === 0 ? null : k;
  };
  return (
    <StageActionModal<IncidentDetail>
      action={action}
      version={incident.version}
      refusals={REFUSALS}
      labels={{
        submit: t('incidents.event.submit'), comment: t('incidents.event.comment'), attachments: t('incidents.event.attachments'), gone: t('incidents.event.gone'),
        moves: (to) => t('incidents.event.moves', { to }), done: (name) => t('incidents.event.done', { name }),
      }}
      fire={(body) => fireIncidentEvent(incident.id, body)}
      reload={async () => {
        const fresh = await getIncident(incident.id);
        return { version: fresh.version, offered: fresh.abilities.events.some((e) => e.event === action.event) };
      }}
      field={(def) => {
        const kind = kindOf(def.key);
        return kind ? <SpecialField key={def.key} def={def} kind={kind} incident={incident} categories={categories} /> : null;
      }}
      toWire={(def, v) => {
        const kind = kindOf(def.key);
        return kind ? { value: specialToWire(kind, v) } : null;
      }}
      initial={initial}
      width={600}
      onClose={onClose}
      onDone={onDone}
    />
  );
}

import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import type { IncidentAction, IncidentDetail } from '../../../shared/incidents.ts';
import { isApiError } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AttachmentInput } from '../deliberation/matter/AttachmentInput.tsx';
import { InputField, inputToWire } from '../deliberation/matter/inputs.tsx';
import { fireIncidentEvent, getIncident } from './api.ts';
import { SpecialField, specialInput, specialToWire } from './actionInputs.tsx';
import { useCurrentCategories } from './hooks.ts';
import { nameIn } from './labels.ts';

/** Refusals about the incident as a whole (the stage moved on, the caller's part, the loop's own rules) rather than one field. */
const REFUSALS = new Set([
  'EVENT_NOT_ALLOWED_IN_STAGE', 'ROLE_NOT_ALLOWED', 'INSTANCE_CLOSED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'INCIDENT_SELF_HANDLE_NOT_ALLOWED',
  'INCIDENT_CONFIRMATION_NOT_NEEDED', 'INCIDENT_CONFIRMATION_REQUIRED', 'INCIDENT_CONFIRMATION_PENDING', 'INCIDENT_CONFIRMATION_OVER',
]);

/** Server paths of list items (`input.photos.2`) mapped onto the list's one field. */
function listRenames(action: IncidentAction): Record<string, string> {
  const out: Record<string, string> = {};
  const lists = [...action.inputs.filter((d) => d.kind === 'photos' || d.kind === 'attachments').map((d) => `input.${d.key}`), 'attachments'];
  for (const base of lists) for (let i = 0; i < 50; i++) out[`${base}.${i}`] = base;
  return out;
}

/**
 * Fires one closed-loop action on an incident: a form built from the transition's inputs (photos uploaded as they are
 * chosen, dates, reasons), with pickers where a text input holds an id (dispatch target with the suggested handler
 * first, verifiers from the grid, a corrected 小类, the incident a duplicate merges into), a comment and attachments.
 * Sent with the version the page showed: field problems land under their fields, refusals show above the form, and 409
 * STALE offers a reload that keeps what was typed.
 */
export function IncidentActionModal({ incident, action, initial, onClose, onDone }: {
  incident: IncidentDetail;
  action: IncidentAction;
  /** Input values to start with (the duplicate a merge button chose). */
  initial?: Record<string, unknown>;
  onClose(): void;
  onDone(next: IncidentDetail): void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const categories = useCurrentCategories();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(incident.version);
  const [refusal, setRefusal] = useState<string | null>(null);
  const title = nameIn(action.name, lang) || action.event;
  const kindOf = (key: string) => {
    const k = specialInput(action.event, key);
    return k === 'duplicate' && incident.duplicateCandidates.length === 0 ? null : k;
  };

  const reload = async () => {
    try {
      const fresh = await getIncident(incident.id);
      setVersion(fresh.version);
      if (!fresh.abilities.events.some((e) => e.event === action.event)) setRefusal(t('incidents.event.gone'));
      else message.info(t('stale.reloaded'));
    } catch (e) {
      handleError(e);
    }
  };

  const submit = async () => {
    const v = (await form.validateFields()) as { input?: Record<string, unknown>; comment?: string; attachments?: string[] };
    const input: Record<string, unknown> = {};
    for (const def of action.inputs) {
      const kind = kindOf(def.key);
      const w = kind ? specialToWire(kind, v.input?.[def.key]) : inputToWire(def, v.input?.[def.key]);
      if (w !== undefined) input[def.key] = w;
    }
    setBusy(true);
    setRefusal(null);
    try {
      const next = await fireIncidentEvent(incident.id, { event: action.event, input, comment: v.comment?.trim() || null, attachments: v.attachments?.length ? v.attachments : undefined, version });
      message.success(t('incidents.event.done', { name: title }));
      onDone(next);
    } catch (e) {
      if (isApiError(e) && REFUSALS.has(e.code)) setRefusal(e.message);
      else handleError(e, { form, rename: listRenames(action), onReload: () => void reload() });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={t('incidents.event.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={600}
    >
      <Typography.Paragraph type="secondary">{t('incidents.event.moves', { to: nameIn(action.toName, lang) || action.to })}</Typography.Paragraph>
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={initial ? { input: initial } : undefined}>
        {action.inputs.map((def) => {
          const kind = kindOf(def.key);
          return kind ? <SpecialField key={def.key} def={def} kind={kind} incident={incident} categories={categories} /> : <InputField key={def.key} def={def} />;
        })}
        <Form.Item label={t('incidents.event.comment')} name="comment">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('incidents.event.attachments')} name="attachments">
          <AttachmentInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}

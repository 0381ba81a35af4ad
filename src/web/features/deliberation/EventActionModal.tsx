import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import type { MatterAction, MatterDetail } from '../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { fireMatterEvent, getMatter } from './api.ts';
import { nameIn } from './labels.ts';
import { AttachmentInput } from './matter/AttachmentInput.tsx';
import { InputField, inputToWire } from './matter/inputs.tsx';

/** Refusals about the matter as a whole rather than one field. */
const REFUSALS = new Set(['OWNERS_VOTE_REQUIRED', 'OWNERS_QUORUM_NOT_MET', 'OWNERS_VOTE_REJECTED', 'EVENT_NOT_ALLOWED_IN_STAGE', 'ROLE_NOT_ALLOWED', 'INSTANCE_CLOSED', 'FORBIDDEN']);

/** Server paths of list items (`input.photos.2`) mapped onto the list's one field. */
function listRenames(action: MatterAction): Record<string, string> {
  const out: Record<string, string> = {};
  const lists = [...action.inputs.filter((d) => d.kind === 'photos' || d.kind === 'attachments').map((d) => `input.${d.key}`), 'attachments'];
  for (const base of lists) for (let i = 0; i < 50; i++) out[`${base}.${i}`] = base;
  return out;
}

/**
 * Fires one stage action of a matter: a form built from the transition's inputs (texts, vote counts, photos, a
 * satisfaction score, dates, numbers, choices), a comment and attachments, sent with the instance version the page
 * showed. Input problems land under their fields; the art. 278 vote refusals show above the form; 409 STALE offers a
 * reload that keeps what was typed.
 */
export function EventActionModal({ matter, action, onClose, onDone }: {
  matter: MatterDetail;
  action: MatterAction;
  onClose(): void;
  onDone(m: MatterDetail): void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(matter.instanceVersion);
  const [refusal, setRefusal] = useState<string | null>(null);

  const title = nameIn(action.name, lang) || action.event;

  const reload = async () => {
    try {
      const m = await getMatter(matter.id);
      setVersion(m.instanceVersion);
      if (!m.abilities.events.some((e) => e.event === action.event)) setRefusal(t('matters.event.gone'));
      else message.info(t('stale.reloaded'));
    } catch (e) {
      handleError(e);
    }
  };

  const submit = async () => {
    const v = (await form.validateFields()) as { input?: Record<string, unknown>; comment?: string; attachments?: string[] };
    const input: Record<string, unknown> = {};
    for (const def of action.inputs) {
      const w = inputToWire(def, v.input?.[def.key]);
      if (w !== undefined) input[def.key] = w;
    }
    setBusy(true);
    setRefusal(null);
    try {
      const m = await fireMatterEvent(matter.id, {
        event: action.event,
        input,
        comment: v.comment?.trim() || null,
        attachments: v.attachments?.length ? v.attachments : undefined,
        version,
      });
      message.success(t('matters.event.done', { name: title }));
      onDone(m);
    } catch (e) {
      // The owners' vote, the stage moved on, the caller's role: read above the form, which stays as typed.
      const code = (e as { code?: string }).code ?? '';
      if (REFUSALS.has(code)) setRefusal((e as Error).message);
      else handleError(e, { form, rename: listRenames(action), onReload: () => void reload() });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={t('matters.event.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph type="secondary">
        {t('matters.event.moves', { to: nameIn(action.toName, lang) || action.to })}
      </Typography.Paragraph>
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        {action.inputs.map((def) => (
          <InputField key={def.key} def={def} />
        ))}
        <Form.Item label={t('matters.event.comment')} name="comment">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('matters.event.attachments')} name="attachments">
          <AttachmentInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useState, type ReactNode } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import type { I18nName, InputDef } from '../../../../shared/method-template.ts';
import { isApiError } from '../../../api/client.ts';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { nameIn } from '../labels.ts';
import { AttachmentInput } from './AttachmentInput.tsx';
import { InputField, inputToWire } from './inputs.tsx';

/** A stage action as the methods engine offers it: the event, where it leads, the inputs it asks for. */
export interface StageAction {
  event: string;
  name: I18nName | null;
  to: string;
  toName: I18nName;
  inputs: InputDef[];
}

/** What a stage action sends. */
export interface StageActionBody {
  event: string;
  input: Record<string, unknown>;
  comment: string | null;
  attachments?: string[];
  version: number;
}

/** Server paths of list items (`input.photos.2`) mapped onto the list's one field. */
function listRenames(action: StageAction): Record<string, string> {
  const out: Record<string, string> = {};
  const lists = [...action.inputs.filter((d) => d.kind === 'photos' || d.kind === 'attachments').map((d) => `input.${d.key}`), 'attachments'];
  for (const base of lists) for (let i = 0; i < 50; i++) out[`${base}.${i}`] = base;
  return out;
}

/**
 * Fires one stage action of a method instance (a matter's step, an incident's closed-loop step): a form built from the
 * transition's inputs, a comment and attachments, sent with the version the page showed. Field problems land under
 * their fields; the subject's own refusals show above the form; 409 STALE offers a reload that keeps what was typed.
 * A subject may draw some inputs itself (`field`, with `toWire` for their values).
 */
export function StageActionModal<T>(props: {
  action: StageAction;
  version: number;
  refusals: ReadonlySet<string>;
  labels: { submit: string; comment: string; attachments: string; gone: string; moves(to: string): string; done(name: string): string };
  fire(body: StageActionBody): Promise<T>;
  /** The subject read again after a 409: its version now, and whether the action is still offered. */
  reload(): Promise<{ version: number; offered: boolean }>;
  field?(def: InputDef): ReactNode | null;
  toWire?(def: InputDef, value: unknown): { value: unknown } | null;
  initial?: Record<string, unknown>;
  width: number;
  onClose(): void;
  onDone(next: T): void;
}) {
  const { action, labels } = props;
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(props.version);
  const [refusal, setRefusal] = useState<string | null>(null);
  const title = nameIn(action.name, lang) || action.event;

  const reload = async () => {
    try {
      const fresh = await props.reload();
      setVersion(fresh.version);
      if (!fresh.offered) setRefusal(labels.gone);
      else message.info(t('stale.reloaded'));
    } catch (e) {
      handleError(e);
    }
  };

  const submit = async () => {
    const v = (await form.validateFields()) as { input?: Record<string, unknown>; comment?: string; attachments?: string[] };
    const input: Record<string, unknown> = {};
    for (const def of action.inputs) {
      const own = props.toWire?.(def, v.input?.[def.key]);
      const w = own ? own.value : inputToWire(def, v.input?.[def.key]);
      if (w !== undefined) input[def.key] = w;
    }
    setBusy(true);
    setRefusal(null);
    try {
      const next = await props.fire({ event: action.event, input, comment: v.comment?.trim() || null, attachments: v.attachments?.length ? v.attachments : undefined, version });
      message.success(labels.done(title));
      props.onDone(next);
    } catch (e) {
      // The stage moved on, the caller's part, the subject's own rules: read above the form, which stays as typed.
      if (isApiError(e) && props.refusals.has(e.code)) setRefusal(e.message);
      else handleError(e, { form, rename: listRenames(action), onReload: () => void reload() });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={labels.submit}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={props.onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={props.width}
    >
      <Typography.Paragraph type="secondary">{labels.moves(nameIn(action.toName, lang) || action.to)}</Typography.Paragraph>
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={props.initial ? { input: props.initial } : undefined}>
        {action.inputs.map((def) => props.field?.(def) ?? <InputField key={def.key} def={def} />)}
        <Form.Item label={labels.comment} name="comment">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item label={labels.attachments} name="attachments">
          <AttachmentInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useState } from 'react';
import { App, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ActionItemView, MatterDetail } from '../../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { RemoteSelect } from '../../../components/RemoteSelect.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { dateStr, dayOf, useOpenId } from '../../registry/formKit.tsx';
import { addAction, completeAction, listActions, searchOrgs, updateAction } from '../api.ts';
import { AttachmentInput } from './AttachmentInput.tsx';

interface ActionValues {
  title?: string;
  executorOrgId?: string | null;
  dueDate?: Dayjs | null;
}

/** The fresh version of an action item after a 409 (the list holds it). */
async function freshVersion(matterId: string, id: string): Promise<number | null> {
  return (await listActions(matterId)).find((a) => a.id === id)?.version ?? null;
}

/** Adds an action item to a matter, or edits one (title, executor organisation, due date). */
export function ActionModal({ matter, item, onClose, onSaved }: { matter: MatterDetail; item: ActionItemView | null; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<ActionValues>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(item?.version ?? 1);
  const createId = useOpenId(true);

  const submit = async () => {
    const v = await form.validateFields();
    const body = { title: v.title!.trim(), executorOrgId: v.executorOrgId ?? null, dueDate: dateStr(v.dueDate) };
    setBusy(true);
    try {
      if (item) await updateAction(item.id, version, body);
      else await addAction(matter.id, createId, body);
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      handleError(e, {
        form,
        onReload: item
          ? async () => {
              const n = await freshVersion(matter.id, item.id).catch(() => null);
              if (n) setVersion(n);
              message.info(t('stale.reloaded'));
            }
          : undefined,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={item ? t('matters.actions.editTitle') : t('matters.actions.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form<ActionValues>
        form={form}
        layout="vertical"
        initialValues={{ title: item?.title, executorOrgId: item?.executorOrg?.id ?? matter.executorOrg?.id ?? null, dueDate: dayOf(item?.dueDate ?? matter.deadline) }}
      >
        <Form.Item label={t('matters.actions.title')} name="title" rules={[{ required: true, whitespace: true, max: 200, message: t('matters.actions.titleRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('matters.field.executorOrg')} name="executorOrgId">
          <RemoteSelect
            load={async (q) => (await searchOrgs(q, { compoundId: matter.compound.id })).map((o) => ({ value: o.id, label: o.name }))}
            initial={item?.executorOrg ? { value: item.executorOrg.id, label: item.executorOrg.name } : matter.executorOrg ? { value: matter.executorOrg.id, label: matter.executorOrg.name } : null}
            placeholder={t('matters.form.orgPlaceholder')}
          />
        </Form.Item>
        <Form.Item label={t('matters.actions.dueDate')} name="dueDate">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Marks an action item done: what was done and at least one photo or file as evidence. */
export function CompleteActionModal({ matter, item, onClose, onSaved }: { matter: MatterDetail; item: ActionItemView; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<{ completion?: string; evidence?: string[] }>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(item.version);
  const renames = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`evidence.${i}`, 'evidence']));

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await completeAction(item.id, version, v.completion!.trim(), v.evidence ?? []);
      message.success(t('matters.actions.completed'));
      onSaved();
    } catch (e) {
      handleError(e, {
        form,
        rename: renames,
        codeFields: { ACTION_EVIDENCE_REQUIRED: 'evidence' },
        onReload: async () => {
          const n = await freshVersion(matter.id, item.id).catch(() => null);
          if (n) setVersion(n);
          message.info(t('stale.reloaded'));
        },
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('matters.actions.completeTitle', { title: item.title })}
      okText={t('matters.actions.complete')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item label={t('matters.actions.completion')} name="completion" rules={[{ required: true, whitespace: true, message: t('matters.actions.completionRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} />
        </Form.Item>
        <Form.Item label={t('matters.actions.evidence')} name="evidence" extra={t('matters.actions.evidenceHint')} rules={[{ required: true, type: 'array', min: 1, message: t('matters.actions.evidenceRequired') }]}>
          <AttachmentInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}

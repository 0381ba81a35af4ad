import { useState } from 'react';
import { App, Form, Input, Modal, Typography } from 'antd';
import type { TaskView } from '../../../shared/campaigns.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useT, type T } from '../../i18n/index.tsx';
import { getTask, waiveTask } from './api.ts';

/** The rules of a waiver reason: required, at least 4 characters (the server's rule too). */
export function reasonRules(t: T) {
  return [
    { required: true, whitespace: true, message: t('campaigns.waive.reasonRequired') },
    { validator: async (_r: unknown, v: string | undefined) => { if (v && [...v.trim()].length < 4) throw new Error(t('campaigns.waive.reasonShort')); } },
    { max: 500 },
  ];
}

/** 免检: waives one open task with a reason, kept on the task and in the audit log. */
export function WaiveModal({ task, onClose, onDone }: { task: TaskView; onClose(): void; onDone(t: TaskView): void }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(task.version);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const done = await waiveTask(task.id, version, v.reason.trim());
      message.success(t('campaigns.waive.done', { name: task.compound.name }));
      onDone(done);
    } catch (e) {
      handleError(e, { form, onReload: () => void getTask(task.id).then((x) => { setVersion(x.version); message.info(t('stale.reloaded')); }, handleError) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('campaigns.waive.title', { name: task.compound.name })} okText={t('campaigns.waive.submit')} cancelText={t('common.cancel')} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('campaigns.waive.help')}</Typography.Paragraph>
      <Form form={form} name="waive" layout="vertical" preserve={false}>
        <Form.Item label={t('campaigns.waive.reason')} name="reason" rules={reasonRules(t)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount placeholder={t('campaigns.waive.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

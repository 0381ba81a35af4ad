import { useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useT } from '../../../i18n/index.tsx';
import { createDocument, type CompoundDocument } from '../api.ts';
import { dateStr, useOpenId } from '../formKit.tsx';

interface Values {
  title: string;
  adoptedOn: Dayjs;
  validTo?: Dayjs | null;
}

/** Props of WorkPlanModal. */
export interface WorkPlanModalProps {
  open: boolean;
  compoundId: string;
  compoundName: string;
  onClose(): void;
  onCreated(doc: CompoundDocument): void;
}

/** "新增工作方案": a compound work plan with its adoption date (the five-ones item counts a plan adopted and still valid). */
export function WorkPlanModal({ open, compoundId, compoundName, onClose, onCreated }: WorkPlanModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const id = useOpenId(open);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const doc = await createDocument(compoundId, id, { kind: 'work_plan', title: v.title.trim(), adoptedOn: dateStr(v.adoptedOn), validTo: dateStr(v.validTo) });
      message.success(t('registry.plan.created'));
      onCreated(doc);
    } catch (e) {
      handleError(e, { form, rename: { kind: 'title' } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('registry.plan.new')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        key={id}
        form={form}
        name="workPlan"
        layout="vertical"
        preserve={false}
        initialValues={{ title: t('registry.plan.defaultTitle', { year: dayjs().year(), name: compoundName }), adoptedOn: dayjs() }}
        onFinish={() => void submit()}
      >
        <Typography.Paragraph type="secondary">{t('registry.plan.hint')}</Typography.Paragraph>
        <Form.Item label={t('registry.plan.title')} name="title" rules={[{ required: true, whitespace: true, message: t('registry.plan.titleRequired') }, { max: 200 }]}>
          <Input autoComplete="off" autoFocus />
        </Form.Item>
        <Form.Item label={t('registry.plan.adoptedOn')} name="adoptedOn" rules={[{ required: true, message: t('registry.plan.adoptedOnRequired') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('registry.plan.validTo')} name="validTo">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

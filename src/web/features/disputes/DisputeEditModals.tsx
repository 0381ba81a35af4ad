import { useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { DisputeDetail } from '../../../shared/disputes.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { dateStr, dayOf, useIsPhone } from '../registry/formKit.tsx';
import { addParties, getDispute, updateDispute } from './api.ts';
import { disputeTypeOptions } from './labels.ts';
import { PartiesFields, partiesToWire, type PartyValues } from './PartiesFields.tsx';

/** Keeps the version a form sends and, on 409 STALE, takes the server's newer one without touching what was typed. */
function useVersion(dispute: DisputeDetail) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [version, setVersion] = useState(dispute.version);
  const reload = async () => {
    try {
      setVersion((await getDispute(dispute.id)).version);
      message.info(t('stale.reloaded'));
    } catch (e) {
      handleError(e);
    }
  };
  return { version, reload, handleError };
}

function modalProps(phone: boolean, width: number) {
  return { width: phone ? '100%' : width, style: phone ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined, destroyOnHidden: true };
}

/** Corrects the type, summary or date of an open dispute (compare-and-set on version). */
export function DisputeEditModal({ dispute, onClose, onSaved }: { dispute: DisputeDetail; onClose(): void; onSaved(d: DisputeDetail): void }) {
  const { t, lang } = useI18n();
  const phone = useIsPhone();
  const [form] = Form.useForm<{ type: string; summary: string; occurredOn: Dayjs | null }>();
  const { version, reload, handleError } = useVersion(dispute);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      onSaved(await updateDispute(dispute.id, version, { type: v.type, summary: v.summary.trim(), occurredOn: dateStr(v.occurredOn) }));
    } catch (e) {
      handleError(e, { form, onReload: () => void reload() });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('disputes.edit')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} confirmLoading={busy} {...modalProps(phone, 640)}>
      <Form form={form} name="disputeEdit" layout="vertical" preserve={false} initialValues={{ type: dispute.type, summary: dispute.summary, occurredOn: dayOf(dispute.occurredOn) }}>
        <Form.Item label={t('disputes.type')} name="type" rules={[{ required: true, message: t('disputes.form.typeRequired') }]}>
          <Select options={disputeTypeOptions(lang)} />
        </Form.Item>
        <Form.Item label={t('disputes.summary')} name="summary" rules={[{ required: true, whitespace: true, message: t('disputes.form.summaryRequired') }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label={t('disputes.occurredOn')} name="occurredOn">
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Adds parties to an open dispute; their details are sealed like the first ones and shown masked. */
export function AddPartiesModal({ dispute, onClose, onSaved }: { dispute: DisputeDetail; onClose(): void; onSaved(d: DisputeDetail): void }) {
  const { t } = useI18n();
  const phone = useIsPhone();
  const [form] = Form.useForm<{ parties: PartyValues[] }>();
  const { version, reload, handleError } = useVersion(dispute);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      onSaved(await addParties(dispute.id, version, partiesToWire(v.parties)));
    } catch (e) {
      handleError(e, { form, onReload: () => void reload() });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('disputes.addParties')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} confirmLoading={busy} {...modalProps(phone, 720)}>
      <Form form={form} name="disputeParties" layout="vertical" preserve={false} initialValues={{ parties: [{}] }}>
        <PartiesFields />
      </Form>
    </Modal>
  );
}

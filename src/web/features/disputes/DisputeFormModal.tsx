import { useState } from 'react';
import { DatePicker, Divider, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { DisputeDetail } from '../../../shared/disputes.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { CompoundSelect } from '../../components/CompoundSelect.tsx';
import { dateStr, useIsPhone, useOpenId } from '../registry/formKit.tsx';
import { registerDispute } from './api.ts';
import { disputeTypeOptions } from './labels.ts';
import { PartiesFields, partiesToWire, type PartyValues } from './PartiesFields.tsx';

interface Values {
  compoundId?: string | null;
  type?: string;
  summary?: string;
  occurredOn?: Dayjs | null;
  parties?: PartyValues[];
}

/**
 * 登记纠纷: compound, type, summary, date it happened and the parties (name; phone and ID number optional, checked here and
 * again by the server, whose problems land under their fields). One client id per opening, so a retried submit registers once.
 */
export function DisputeFormModal({ open, onClose, onSaved }: { open: boolean; onClose(): void; onSaved(d: DisputeDetail): void }) {
  const { t, lang } = useI18n();
  const phone = useIsPhone();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const openId = useOpenId(open);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const d = await registerDispute(openId, {
        compoundId: v.compoundId!,
        type: v.type!,
        summary: (v.summary ?? '').trim(),
        occurredOn: dateStr(v.occurredOn),
        parties: partiesToWire(v.parties),
      });
      onSaved(d);
    } catch (e) {
      handleError(e, { form });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('disputes.register')}
      okText={t('disputes.form.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={phone ? '100%' : 720}
      style={phone ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
    >
      <Form form={form} name="disputeForm" layout="vertical" preserve={false} initialValues={{ parties: [{ side: 'applicant' }, { side: 'respondent' }] }}>
        <Form.Item label={t('disputes.compound')} name="compoundId" rules={[{ required: true, message: t('disputes.form.compoundRequired') }]}>
          <CompoundSelect />
        </Form.Item>
        <Form.Item label={t('disputes.type')} name="type" rules={[{ required: true, message: t('disputes.form.typeRequired') }]}>
          <Select options={disputeTypeOptions(lang)} />
        </Form.Item>
        <Form.Item label={t('disputes.summary')} name="summary" rules={[{ required: true, whitespace: true, message: t('disputes.form.summaryRequired') }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount placeholder={t('disputes.form.summaryPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('disputes.occurredOn')} name="occurredOn">
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Divider titlePlacement="start" style={{ margin: '8px 0 12px' }}>{t('disputes.parties')}</Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('disputes.form.partiesNote')}</Typography.Paragraph>
        <PartiesFields />
      </Form>
    </Modal>
  );
}

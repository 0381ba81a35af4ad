import { useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { PROTECTED_TAG_LABELS } from '../../../shared/registry-codes.ts';
import { REVEALABLE, revealResident, type Resident, type RevealField } from './api.ts';
import { labelOf } from './labels.ts';
import { useOpenId } from './formKit.tsx';

const FIELD_LABEL: Record<RevealField, MessageKey> = {
  phone: 'registry.resident.phone',
  idNumber: 'registry.resident.idNumber',
  birthDate: 'registry.resident.birthDate',
  protectedTags: 'registry.resident.protectedTags',
  name: 'registry.reveal.fullName',
};

type Plain = Partial<Record<RevealField, string | string[] | null>>;

/**
 * "查看明文": asks which fields and why (at least 4 characters; the server records both in the audit log), then shows the plain
 * values in this modal only. Nothing is kept once the modal closes.
 */
export function RevealModal({ resident, onClose }: { resident: Resident | null; onClose(): void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ fields: RevealField[]; reason: string }>();
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const [plain, setPlain] = useState<{ fields: RevealField[]; values: Plain } | null>(null);
  const openId = useOpenId(!!resident);
  // Only minors' names are masked; other fields only when something is registered.
  const offered = REVEALABLE.filter((f) => f !== 'name' || resident?.minor).filter((f) => f !== 'protectedTags' || resident?.hasProtectedTags);

  const submit = async () => {
    if (!resident) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const values = await revealResident(resident.id, v.fields, v.reason.trim());
      setPlain({ fields: v.fields, values });
    } catch (e) {
      handleError(e, { form, codeFields: { REASON_REQUIRED: 'reason' } });
    } finally {
      setBusy(false);
    }
  };

  const show = (f: RevealField, v: string | string[] | null | undefined) => {
    if (v == null || (Array.isArray(v) && v.length === 0)) return <Typography.Text type="secondary">{t('registry.reveal.notRegistered')}</Typography.Text>;
    if (Array.isArray(v)) return v.map((x) => labelOf(PROTECTED_TAG_LABELS, x, lang)).join(t('common.listSep'));
    return (
      <Typography.Text copyable={f === 'phone' || f === 'idNumber'} strong data-testid={`plain-${f}`}>
        {v}
      </Typography.Text>
    );
  };

  return (
    <Modal
      open={!!resident}
      title={t('registry.reveal.title', { name: resident?.name ?? '' })}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => setPlain(null)}
      footer={
        plain ? (
          <Button type="primary" onClick={onClose}>
            {t('registry.reveal.close')}
          </Button>
        ) : (
          [
            <Button key="cancel" onClick={onClose}>
              {t('common.cancel')}
            </Button>,
            <Button key="ok" type="primary" loading={busy} onClick={() => void submit().catch(() => undefined)}>
              {t('registry.reveal.submit')}
            </Button>,
          ]
        )
      }
    >
      {plain ? (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('registry.reveal.shownOnce')} />
          <Descriptions bordered size="small" column={1} items={plain.fields.map((f) => ({ key: f, label: t(FIELD_LABEL[f]), children: show(f, plain.values[f]) }))} />
        </>
      ) : (
        <Form key={openId} form={form} name="reveal" layout="vertical" preserve={false} initialValues={{ fields: ['phone'] }} onFinish={() => void submit()}>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('registry.reveal.audited')} />
          <Form.Item label={t('registry.reveal.fields')} name="fields" rules={[{ required: true, type: 'array', min: 1, message: t('registry.reveal.fieldsRequired') }]}>
            <Checkbox.Group options={offered.map((f) => ({ value: f, label: t(FIELD_LABEL[f]) }))} />
          </Form.Item>
          <Form.Item
            label={t('registry.reveal.reason')}
            name="reason"
            rules={[
              { required: true, whitespace: true, message: t('registry.reveal.reasonRequired') },
              { validator: async (_r, v: string | undefined) => { if (v && [...v.trim()].length < 4) throw new Error(t('registry.reveal.reasonShort')); } },
              { max: 200 },
            ]}
          >
            <Input.TextArea rows={3} placeholder={t('registry.reveal.reasonPlaceholder')} showCount maxLength={200} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

import { useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useT } from '../../i18n/index.tsx';

/** One plain value shown after a reveal. */
export interface PlainRow {
  key: string;
  label: ReactNode;
  value: string | null | undefined;
  /** data-testid of the value. */
  testId: string;
  copy?: boolean;
}

/**
 * "查看明文" with a reason: optionally which fields, then why (at least 4 characters; the server audits the reason, refused
 * reveals too); the plain values show in this modal only and are dropped when it closes.
 */
export function RevealReasonModal({ open, title, fieldOptions, defaultFields, reveal, onClose }: {
  open: boolean;
  title: string;
  /** Fields to choose from; absent: one fixed field. */
  fieldOptions?: { value: string; label: string }[];
  defaultFields?: string[];
  reveal(fields: string[], reason: string): Promise<PlainRow[]>;
  onClose(): void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ fields?: string[]; reason: string }>();
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const [plain, setPlain] = useState<PlainRow[] | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      setPlain(await reveal(v.fields ?? [], v.reason.trim()));
    } catch (e) {
      handleError(e, { form, codeFields: { REASON_REQUIRED: 'reason' } });
    } finally {
      setBusy(false);
    }
  };

  const show = (r: PlainRow) =>
    r.value ? (
      <Typography.Text strong copyable={r.copy} data-testid={r.testId} style={{ overflowWrap: 'anywhere' }}>{r.value}</Typography.Text>
    ) : (
      <Typography.Text type="secondary">{t('disputes.reveal.notGiven')}</Typography.Text>
    );

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => setPlain(null)}
      footer={
        plain ? (
          <Button type="primary" onClick={onClose}>{t('disputes.reveal.close')}</Button>
        ) : (
          [
            <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
            <Button key="ok" type="primary" loading={busy} onClick={() => void submit().catch(() => undefined)}>{t('disputes.reveal.submit')}</Button>,
          ]
        )
      }
    >
      {plain ? (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('disputes.reveal.shownOnce')} />
          <Descriptions bordered size="small" column={1} items={plain.map((r) => ({ key: r.key, label: r.label, children: show(r) }))} />
        </>
      ) : (
        <Form form={form} name="revealReason" layout="vertical" preserve={false} initialValues={{ fields: defaultFields }} onFinish={() => void submit().catch(() => undefined)}>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('disputes.reveal.audited')} />
          {fieldOptions && (
            <Form.Item label={t('disputes.reveal.fields')} name="fields" rules={[{ required: true, type: 'array', min: 1, message: t('disputes.reveal.fieldsRequired') }]}>
              <Checkbox.Group options={fieldOptions} />
            </Form.Item>
          )}
          <Form.Item
            label={t('disputes.reveal.reason')}
            name="reason"
            rules={[
              { required: true, whitespace: true, message: t('disputes.reveal.reasonRequired') },
              { validator: async (_r, v: string | undefined) => { if (v && [...v.trim()].length < 4) throw new Error(t('disputes.reveal.reasonShort')); } },
              { max: 200 },
            ]}
          >
            <Input.TextArea rows={3} showCount maxLength={200} placeholder={t('disputes.reveal.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

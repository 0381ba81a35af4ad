import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Modal, Typography } from 'antd';
import type { OpinionView } from '../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useT } from '../../i18n/index.tsx';
import { useOpenId } from '../registry/formKit.tsx';
import { revealOpinion } from './api.meetings.ts';

/**
 * "查看明文" of an opinion's submitter: asks why (at least 4 characters; the server audits the reason, refused reveals too),
 * then shows name and phone in this modal only. Nothing is kept once it closes.
 */
export function OpinionRevealModal({ opinion, onClose }: { opinion: OpinionView | null; onClose(): void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const [plain, setPlain] = useState<{ name: string | null; phone: string | null } | null>(null);
  const openId = useOpenId(!!opinion);

  const submit = async () => {
    if (!opinion) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      setPlain(await revealOpinion(opinion.id, v.reason.trim()));
    } catch (e) {
      handleError(e, { form, codeFields: { REASON_REQUIRED: 'reason' } });
    } finally {
      setBusy(false);
    }
  };

  const show = (v: string | null, testId: string, copy: boolean) =>
    v ? (
      <Typography.Text strong copyable={copy} data-testid={testId}>{v}</Typography.Text>
    ) : (
      <Typography.Text type="secondary">{t('opinions.notGiven')}</Typography.Text>
    );

  return (
    <Modal
      open={!!opinion}
      title={t('opinions.revealTitle')}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => setPlain(null)}
      footer={
        plain ? (
          <Button type="primary" onClick={onClose}>{t('meetings.common.close')}</Button>
        ) : (
          [
            <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
            <Button key="ok" type="primary" loading={busy} onClick={() => void submit().catch(() => undefined)}>{t('opinions.revealOk')}</Button>,
          ]
        )
      }
    >
      {plain ? (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('opinions.shownOnce')} />
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'name', label: t('opinions.residentName'), children: show(plain.name, 'plain-name', false) },
              { key: 'phone', label: t('opinions.phone'), children: show(plain.phone, 'plain-phone', true) },
            ]}
          />
        </>
      ) : (
        <Form key={openId} form={form} name="opinionReveal" layout="vertical" preserve={false} onFinish={() => void submit().catch(() => undefined)}>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('opinions.revealAudited')} />
          <Form.Item
            label={t('opinions.revealReason')}
            name="reason"
            rules={[
              { required: true, whitespace: true, message: t('opinions.revealReasonRequired') },
              { validator: async (_r, v: string | undefined) => { if (v && [...v.trim()].length < 4) throw new Error(t('opinions.revealReasonShort')); } },
              { max: 200 },
            ]}
          >
            <Input.TextArea rows={3} showCount maxLength={200} placeholder={t('opinions.revealReasonPlaceholder')} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

import { useEffect, useState } from 'react';
import { App, Descriptions, Form, Input, Modal, Typography } from 'antd';
import type { OpinionView } from '../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useT } from '../../i18n/index.tsx';
import { useIsPhone } from '../registry/formKit.tsx';
import { answerOpinion, getOpinion } from './api.meetings.ts';
import { dateTime } from '../../components/dateTime.ts';
import { categoryLabel } from './labels.ts';
import { channelLabel } from './labels.meetings.ts';

/**
 * Answers a resident opinion (问题及时答复). A 409 STALE (someone answered meanwhile) offers a reload that shows their answer
 * and takes the new version, keeping what this user typed.
 */
export function OpinionAnswerModal({ opinion, onClose, onSaved }: { opinion: OpinionView | null; onClose(): void; onSaved(o: OpinionView): void }) {
  const t = useT();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<{ answer: string }>();
  const [busy, setBusy] = useState(false);
  const [current, setCurrent] = useState<OpinionView | null>(opinion);

  useEffect(() => setCurrent(opinion), [opinion]);

  const reload = async () => {
    if (!current) return;
    try {
      setCurrent(await getOpinion(current.id));
      message.info(t('stale.reloaded'));
    } catch (e) {
      handleError(e);
    }
  };

  const submit = async () => {
    if (!current) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const saved = await answerOpinion(current.id, v.answer.trim(), current.version);
      message.success(t('opinions.answered'));
      onSaved(saved);
    } catch (e) {
      handleError(e, { form, onReload: () => void reload() });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!opinion}
      width={phone ? '100%' : 600}
      title={t('opinions.answerTitle', { compound: current?.compound.name ?? '' })}
      okText={t('opinions.answerOk')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      {current && (
        <Descriptions
          size="small"
          column={1}
          bordered
          style={{ marginBottom: 16 }}
          items={[
            { key: 'content', label: t('opinions.content'), children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{current.content}</Typography.Text> },
            { key: 'meta', label: t('opinions.receivedAt'), children: `${dateTime(current.receivedAt)} · ${categoryLabel(t, current.category)} · ${channelLabel(t, current.channel)}` },
            ...(current.answer ? [{ key: 'answer', label: t('opinions.currentAnswer'), children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{current.answer}</Typography.Text> }] : []),
          ]}
        />
      )}
      <Form key={opinion?.id ?? 'none'} form={form} name="opinionAnswer" layout="vertical" preserve={false} initialValues={{ answer: opinion?.answer ?? '' }} onFinish={() => void submit().catch(() => undefined)}>
        <Form.Item label={t('opinions.answerLabel')} name="answer" rules={[{ required: true, whitespace: true, message: t('opinions.answerRequired') }, { max: 2000 }]}>
          <Input.TextArea rows={4} showCount maxLength={2000} placeholder={t('opinions.answerPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

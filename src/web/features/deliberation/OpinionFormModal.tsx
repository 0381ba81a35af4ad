import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { OPINION_CHANNELS, type MatterCategory, type Named, type OpinionChannel, type OpinionView } from '../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useT } from '../../i18n/index.tsx';
import { textOrNull, useIsPhone, useOpenId } from '../registry/formKit.tsx';
import { createOpinion } from './api.meetings.ts';
import { CompoundSelect } from '../../components/CompoundSelect.tsx';
import { categoryOptions } from './labels.ts';
import { channelLabel } from './labels.meetings.ts';

interface Values {
  compoundId?: string | null;
  channel?: OpinionChannel;
  category?: MatterCategory;
  content?: string;
  residentName?: string;
  phone?: string;
  receivedAt?: Dayjs | null;
}

/**
 * 代录: staff enter an opinion heard on a visit, a call, in a WeChat group, online or at the door, for a resident without an
 * account. Name and phone are optional (stored encrypted, shown masked). A retry of the same opening sends the same id.
 */
export function OpinionFormModal({ open, defaultCompound, onClose, onSaved }: { open: boolean; defaultCompound: Named | null; onClose(): void; onSaved(o: OpinionView): void }) {
  const t = useT();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const id = useOpenId(open);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const saved = await createOpinion(id, {
        compoundId: v.compoundId!,
        channel: v.channel!,
        category: v.category!,
        content: v.content!.trim(),
        residentName: textOrNull(v.residentName),
        phone: textOrNull(v.phone),
        receivedAt: v.receivedAt ? v.receivedAt.toISOString() : null,
      });
      message.success(t('opinions.entered'));
      onSaved(saved);
    } catch (e) {
      handleError(e, { form, rename: { name: 'residentName' } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      width={phone ? '100%' : 640}
      title={t('opinions.enterTitle')}
      okText={t('opinions.enterOk')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('opinions.proxyNote')} />
      <Form
        key={id}
        form={form}
        name="opinionForm"
        layout="vertical"
        preserve={false}
        initialValues={{ compoundId: defaultCompound?.id, channel: 'visit', receivedAt: dayjs() }}
        onFinish={() => void submit().catch(() => undefined)}
      >
        <Form.Item label={t('meetings.common.compound')} name="compoundId" rules={[{ required: true, message: t('meetings.common.compoundRequired') }]}>
          <CompoundSelect initial={defaultCompound ? { value: defaultCompound.id, label: defaultCompound.name } : null} allowClear={false} />
        </Form.Item>
        <Form.Item label={t('opinions.channel')} name="channel" rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={OPINION_CHANNELS.map((c) => ({ value: c, label: channelLabel(t, c) }))} />
        </Form.Item>
        <Form.Item label={t('opinions.category')} name="category" rules={[{ required: true, message: t('opinions.categoryRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={categoryOptions(t)} placeholder={t('opinions.categoryPlaceholder')} />
        </Form.Item>
        <Form.Item
          label={t('opinions.content')}
          name="content"
          rules={[
            { required: true, whitespace: true, message: t('opinions.contentRequired') },
            { min: 5, message: t('opinions.contentShort') },
            { max: 2000 },
          ]}
        >
          <Input.TextArea rows={4} showCount maxLength={2000} placeholder={t('opinions.contentPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('opinions.residentName')} name="residentName" extra={t('opinions.optional')} rules={[{ max: 50 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('opinions.phone')}
          name="phone"
          extra={t('opinions.optional')}
          rules={[{ pattern: /^[\d\s+-]{5,20}$/, message: t('opinions.phoneFormat') }]}
        >
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('opinions.receivedAt')} name="receivedAt">
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

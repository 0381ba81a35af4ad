import { useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { ORG_TYPES, type OrgType } from '../../../../shared/org-types.ts';
import { createOrg, type Org } from '../api.ts';
import { dateStr, useOpenId } from '../formKit.tsx';
import { optionsIn } from '../labels.ts';

interface Values {
  type: OrgType;
  name: string;
  foundedOn?: Dayjs | null;
  termStart?: Dayjs | null;
  termEnd?: Dayjs | null;
}

/** Props of NewOrgModal. */
export interface NewOrgModalProps {
  open: boolean;
  /** Where the organisation is anchored: a compound or a region (exactly one). */
  anchor: { compoundId?: string; regionId?: string };
  /** The anchor's name, shown read-only. */
  anchorName: string;
  /** The type chosen beforehand (e.g. 党支部 for the five-ones "party organisation" item). */
  type?: OrgType;
  /** The types offered; all when absent. */
  types?: readonly OrgType[];
  /** A suggested name (editable). */
  defaultName?: string;
  onClose(): void;
  onCreated(org: Org): void;
}

/**
 * "新建组织": type, name, founding date and term, anchored to a compound or region. Used by the five-ones checklist (party
 * organisation, volunteer team) and reusable by the organisation pages. Server notices (advice, not errors) are shown after saving.
 */
export function NewOrgModal({ open, anchor, anchorName, type, types, defaultName, onClose, onCreated }: NewOrgModalProps) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const id = useOpenId(open);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const org = await createOrg(id, {
        type: v.type,
        name: v.name.trim(),
        ...(anchor.compoundId ? { compoundId: anchor.compoundId } : { regionId: anchor.regionId }),
        foundedOn: dateStr(v.foundedOn),
        termStart: dateStr(v.termStart),
        termEnd: dateStr(v.termEnd),
      });
      const notices = (org as Org & { notices?: { zh: string; en: string }[] }).notices ?? [];
      for (const n of notices) message.info(lang === 'en' ? n.en : n.zh);
      message.success(t('registry.org.created', { name: org.name }));
      onCreated(org);
    } catch (e) {
      handleError(e, { form, rename: { compoundId: 'name', regionId: 'name' } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('registry.org.new')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form key={id} form={form} name="newOrg" layout="vertical" preserve={false} initialValues={{ type, name: defaultName }} onFinish={() => void submit()}>
        <Typography.Paragraph type="secondary">{t('registry.org.anchor', { name: anchorName })}</Typography.Paragraph>
        <Form.Item label={t('registry.org.type')} name="type" rules={[{ required: true, message: t('registry.org.typeRequired') }]}>
          <Select options={optionsIn(ORG_TYPES, lang, types)} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item label={t('registry.org.name')} name="name" rules={[{ required: true, whitespace: true, message: t('registry.org.nameRequired') }, { max: 100 }]}>
          <Input autoComplete="off" autoFocus />
        </Form.Item>
        <Form.Item label={t('registry.org.foundedOn')} name="foundedOn" extra={t('registry.org.foundedOnHint')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('registry.org.termStart')} name="termStart">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('registry.org.termEnd')} name="termEnd">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { PAIRING_KINDS, PARTNER_KINDS, type PairingKind, type PartnerKind } from '../../../../shared/org-types.ts';
import { createPairing, searchOrgs, type Pairing } from '../api.ts';
import { dateStr, textOrNull, useOpenId } from '../formKit.tsx';
import { optionsIn } from '../labels.ts';
import { RemoteSelect } from '../../../components/RemoteSelect.tsx';

interface Values {
  kind: PairingKind;
  partnerKind: PartnerKind;
  partnerOrgId?: string;
  partnerName?: string;
  startOn?: Dayjs | null;
  endOn?: Dayjs | null;
  note?: string;
}

/** Props of NewPairingModal. */
export interface NewPairingModalProps {
  open: boolean;
  /** The compound or community paired with. */
  target: { compoundId?: string; regionId?: string };
  targetName: string;
  /** The kind chosen beforehand (e.g. 联系单位 for the five-ones "contact unit" item). */
  kind?: PairingKind;
  onClose(): void;
  onCreated(p: Pairing): void;
}

/**
 * "新增结对": kind, partner (a unit or department from the organisations, or a name typed; a leader by name), dates.
 * Used by the five-ones checklist (responsible leader, contact unit) and reusable by the organisation pages.
 */
export function NewPairingModal({ open, target, targetName, kind, onClose, onCreated }: NewPairingModalProps) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const id = useOpenId(open);
  const chosenKind = Form.useWatch('kind', form) ?? kind ?? 'contact_unit';
  const partnerKind = Form.useWatch('partnerKind', form);
  const partnerOrgId = Form.useWatch('partnerOrgId', form);
  const kindDef = PAIRING_KINDS.find((k) => k.code === chosenKind) ?? PAIRING_KINDS[0];
  const isLeader = (partnerKind ?? kindDef.partnerKinds[0]) === 'leader';

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const p = await createPairing(id, {
        kind: v.kind,
        partnerKind: v.partnerKind,
        partnerOrgId: isLeader ? null : (v.partnerOrgId ?? null),
        partnerName: textOrNull(v.partnerName),
        ...(target.compoundId ? { targetCompoundId: target.compoundId } : { targetRegionId: target.regionId }),
        startOn: dateStr(v.startOn),
        endOn: dateStr(v.endOn),
        note: textOrNull(v.note),
      });
      message.success(t('registry.pairing.created'));
      onCreated(p);
    } catch (e) {
      handleError(e, { form, rename: { partnerPersonId: 'partnerName', targetCompoundId: 'kind', targetRegionId: 'kind' } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('registry.pairing.new')}
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
        name="newPairing"
        layout="vertical"
        preserve={false}
        initialValues={{ kind: kind ?? 'contact_unit', partnerKind: (PAIRING_KINDS.find((k) => k.code === (kind ?? 'contact_unit')) ?? PAIRING_KINDS[0]).partnerKinds[0], startOn: dayjs() }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.kind) {
            const def = PAIRING_KINDS.find((k) => k.code === changed.kind)!;
            form.setFieldsValue({ partnerKind: def.partnerKinds[0], partnerOrgId: undefined });
          }
          if (changed.partnerKind) form.setFieldsValue({ partnerOrgId: undefined });
        }}
        onFinish={() => void submit()}
      >
        <Typography.Paragraph type="secondary">{t('registry.pairing.target', { name: targetName })}</Typography.Paragraph>
        <Form.Item label={t('registry.pairing.kind')} name="kind" rules={[{ required: true }]}>
          <Select options={optionsIn(PAIRING_KINDS, lang)} />
        </Form.Item>
        <Form.Item label={t('registry.pairing.partnerKind')} name="partnerKind" rules={[{ required: true }]}>
          <Select options={optionsIn(PARTNER_KINDS, lang, kindDef.partnerKinds)} />
        </Form.Item>
        {!isLeader && (
          <Form.Item label={t('registry.pairing.partnerOrg')} name="partnerOrgId" extra={t('registry.pairing.partnerOrgHint')}>
            <RemoteSelect
              key={partnerKind}
              placeholder={t('registry.pairing.partnerOrgPlaceholder')}
              load={async (q) =>
                (await searchOrgs({ category: 'unit', q: q || undefined })).map((o) => ({ value: o.id, label: o.anchorName ? t('common.labelWithCode', { label: o.name, code: o.anchorName }) : o.name }))
              }
            />
          </Form.Item>
        )}
        <Form.Item
          label={isLeader ? t('registry.pairing.leaderName') : t('registry.pairing.partnerName')}
          name="partnerName"
          extra={isLeader ? t('registry.pairing.leaderHint') : undefined}
          rules={[{ required: isLeader || !partnerOrgId, whitespace: true, message: t('registry.pairing.partnerRequired') }, { max: 100 }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('registry.pairing.startOn')} name="startOn">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('registry.pairing.endOn')} name="endOn">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('registry.pairing.note')} name="note" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

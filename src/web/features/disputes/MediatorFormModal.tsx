import { useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import type { ElderKind, MediatorKind, MediatorView } from '../../../shared/disputes.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { textOrNull, useIsPhone, useOpenId } from '../registry/formKit.tsx';
import { createMediator, getMediator, updateMediator, type MediatorInput } from './api.ts';
import { disputeTypeOptions, elderKindOptions, mediatorKindOptions } from './labels.ts';
import { RegionTreeSelect } from './RegionTreeSelect.tsx';
import { phoneProblem, ruleOf } from './validate.ts';

interface Values {
  regionId?: string | null;
  kind?: MediatorKind;
  elderKind?: ElderKind | null;
  name?: string;
  phone?: string;
  expertise?: string[];
  note?: string;
}

/**
 * Adds a mediator to a region's pool or edits one: kind (五老 elders with their kind), name, mobile (typed in full, only
 * its mask shown back; left empty on edit it stays), expertise (dispute types or own tags), note. Server problems land
 * under their fields; 409 STALE offers a reload that keeps the typing.
 */
export function MediatorFormModal({ open, mediator, onClose, onSaved }: { open: boolean; mediator: MediatorView | null; onClose(): void; onSaved(m: MediatorView): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const region = useRegion();
  const phone = useIsPhone();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState<number | null>(null);
  const openId = useOpenId(open);
  const kind = Form.useWatch('kind', form);
  const editing = !!mediator;

  const submit = async () => {
    const v = await form.validateFields();
    const input: MediatorInput = {
      kind: v.kind, elderKind: v.kind === 'elder' ? (v.elderKind ?? null) : null, name: v.name?.trim(),
      expertise: (v.expertise ?? []).map((x) => x.trim()).filter(Boolean), note: textOrNull(v.note),
    };
    if (textOrNull(v.phone)) input.phone = v.phone!.trim();
    setBusy(true);
    try {
      const m = mediator ? await updateMediator(mediator.id, version ?? mediator.version, input) : await createMediator(openId, v.regionId!, input);
      onSaved(m);
    } catch (e) {
      handleError(e, {
        form,
        onReload: mediator ? () => void getMediator(mediator.id).then((m) => { setVersion(m.version); message.info(t('stale.reloaded')); }, handleError) : undefined,
      });
    } finally {
      setBusy(false);
    }
  };

  const initial: Values = mediator
    ? { kind: mediator.kind, elderKind: mediator.elderKind, name: mediator.name, expertise: mediator.expertise, note: mediator.note ?? undefined }
    : { regionId: region.selected && !region.selected.ancestorOnly && region.source === 'api' ? region.selected.id : undefined, kind: 'people_mediator' };

  return (
    <Modal
      open={open}
      title={editing ? t('mediators.editTitle', { name: mediator.name }) : t('mediators.add')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      afterClose={() => setVersion(null)}
      width={phone ? '100%' : 560}
      style={phone ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
    >
      <Form form={form} name="mediatorForm" layout="vertical" preserve={false} initialValues={initial}>
        {editing ? (
          <Form.Item label={t('mediators.pool')}>{mediator.region.name}</Form.Item>
        ) : (
          <Form.Item label={t('mediators.pool')} name="regionId" extra={t('mediators.poolHelp')} rules={[{ required: true, message: t('mediators.poolRequired') }]}>
            <RegionTreeSelect />
          </Form.Item>
        )}
        <Form.Item label={t('mediators.kind')} name="kind" rules={[{ required: true, message: t('mediators.kindRequired') }]}>
          <Select options={mediatorKindOptions(t)} />
        </Form.Item>
        {kind === 'elder' && (
          <Form.Item label={t('mediators.elderKind')} name="elderKind" rules={[{ required: true, message: t('mediators.elderKindRequired') }]}>
            <Select options={elderKindOptions(t)} />
          </Form.Item>
        )}
        <Form.Item label={t('mediators.name')} name="name" rules={[{ required: true, whitespace: true, message: t('mediators.nameRequired') }, { max: 50 }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('mediators.phone')}
          name="phone"
          extra={mediator?.phoneMasked ? t('mediators.keepPhone', { mask: mediator.phoneMasked }) : undefined}
          rules={[ruleOf((v) => phoneProblem(v, lang))]}
        >
          <Input inputMode="tel" maxLength={30} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('mediators.expertise')} name="expertise" extra={t('mediators.expertiseHelp')}>
          <Select mode="tags" options={disputeTypeOptions(lang)} maxCount={20} />
        </Form.Item>
        <Form.Item label={t('mediators.note')} name="note" rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

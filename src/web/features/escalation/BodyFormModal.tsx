import { useEffect, useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion } from '../../app/region.tsx';
import { useT } from '../../i18n/index.tsx';
import { CompoundSelect } from '../../components/CompoundSelect.tsx';
import { useOpenId } from '../registry/formKit.tsx';
import { createBody, getBody, updateBody, type JointBodyView, type LadderLevel, type OrgRef } from './api.ts';
import { levelLabel } from './labels.ts';
import { OrgPicker } from './OrgPicker.tsx';

interface Values {
  placeId?: string;
  compoundId?: string | null;
  name?: string;
  members: string[];
  rota: string[];
  rotaStart?: Dayjs | null;
}

const LEVELS: readonly string[] = ['county', 'street', 'community'];

/** Sets up a joint meeting (place, members, rota) or, given a body, changes its members and rota at the version read. */
export function BodyFormModal({ open, body, onClose, onDone }: { open: boolean; body?: JointBodyView | null; onClose(): void; onDone(b: JointBodyView): void }) {
  const t = useT();
  const { message } = App.useApp();
  const region = useRegion();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [version, setVersion] = useState(body?.version ?? 1);
  const [known, setKnown] = useState<OrgRef[]>([]);
  const clientId = useOpenId(open);
  const members = Form.useWatch('members', form) ?? [];

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setVersion(body?.version ?? 1);
    setKnown(body?.members ?? []);
    if (body) form.setFieldsValue({ name: body.name, members: body.members.map((m) => m.id), rota: body.rota.map((m) => m.id), rotaStart: dayjs(`${body.rotaStart}-01`) });
    else form.setFieldsValue({ placeId: region.selected && LEVELS.includes(region.selected.level ?? '') ? region.selected.id : undefined, members: [], rota: [], rotaStart: dayjs() });
  }, [open, body, form, region.selected]);

  const places = region.regions.filter((r) => LEVELS.includes(r.level ?? '') && !r.ancestorOnly)
    .map((r) => ({ value: r.id, label: `${r.name} · ${levelLabel(t, r.level as LadderLevel)}` }));

  const submit = async (v: Values) => {
    setSaving(true);
    const rotaStart = v.rotaStart ? v.rotaStart.format('YYYY-MM') : undefined;
    const rota = v.rota.filter((r) => v.members.includes(r));
    try {
      const saved = body
        ? await updateBody(body.id, { version, name: v.name?.trim() || undefined, members: v.members, rota, rotaStart })
        : await createBody({ id: clientId, placeId: (v.compoundId || v.placeId)!, name: v.name?.trim() || null, members: v.members, rota, rotaStart });
      message.success(t(body ? 'joint.form.saved' : 'joint.form.created'));
      onDone(saved);
    } catch (e) {
      handleError(e, { form, onReload: body ? async () => setVersion((await getBody(body.id)).version) : undefined });
    } finally {
      setSaving(false);
    }
  };

  const memberChoices = members.map((id) => ({ value: id, label: known.find((k) => k.id === id)?.name ?? id }));
  return (
    <Modal open={open} title={t(body ? 'joint.form.editTitle' : 'joint.form.title')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" name="jointBody" onFinish={submit}>
        {!body && (
          <>
            <Form.Item label={t('joint.form.place')} name="placeId" extra={t('joint.form.placeHint')} rules={[{ validator: async (_, v) => { if (!v && !form.getFieldValue('compoundId')) throw new Error(t('joint.form.placeHint')); } }]}>
              <Select options={places} showSearch={{ optionFilterProp: 'label' }} allowClear />
            </Form.Item>
            <Form.Item label={t('joint.form.compound')} name="compoundId">
              <CompoundSelect />
            </Form.Item>
          </>
        )}
        <Form.Item label={t('joint.form.name')} name="name">
          <Input maxLength={100} placeholder={t('joint.form.namePlaceholder')} />
        </Form.Item>
        <Form.Item label={t('joint.form.members')} name="members" rules={[{ required: true, type: 'array', min: 1, message: t('joint.form.members') }]}>
          <OrgPicker known={known} placeholder={t('joint.form.membersPlaceholder')} onNames={(found) => setKnown((k) => [...k, ...found.filter((f) => !k.some((x) => x.id === f.id))])} />
        </Form.Item>
        <Form.Item label={t('joint.form.rota')} name="rota" extra={t('joint.form.rotaHint')}>
          <Select mode="multiple" options={memberChoices} />
        </Form.Item>
        <Form.Item label={t('joint.form.rotaStart')} name="rotaStart">
          <DatePicker picker="month" style={{ width: '100%' }} />
        </Form.Item>
        {body && <Typography.Text type="secondary">{body.place.name} · {levelLabel(t, body.level)}</Typography.Text>}
      </Form>
    </Modal>
  );
}

import { useEffect, useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { HOUSEHOLD_STATUS_LABELS } from '../../../../shared/registry-codes.ts';
import { createBuilding, createHousehold, listGrids, type Building, type Grid, type Household } from '../api.ts';
import { textOrNull, useOpenId } from '../formKit.tsx';
import { optionsOf } from '../labels.ts';

/** "新建楼栋": name ("3幢", "3号楼"), floors, units, year built. */
export function NewBuildingModal({ open, compoundId, onClose, onCreated }: { open: boolean; compoundId: string; onClose(): void; onCreated(b: Building): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; floors?: number | null; units?: number | null; builtYear?: number | null }>();
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const id = useOpenId(open);
  const year = new Date().getFullYear();

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const b = await createBuilding(compoundId, id, { name: v.name.trim(), floors: v.floors ?? null, units: v.units ?? null, builtYear: v.builtYear ?? null });
      message.success(t('registry.building.created', { name: b.name }));
      onCreated(b);
    } catch (e) {
      handleError(e, { form });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('registry.building.new')} okText={t('common.create')} cancelText={t('common.cancel')} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Form key={id} form={form} name="newBuilding" layout="vertical" preserve={false} onFinish={() => void submit()}>
        <Form.Item label={t('registry.building.name')} name="name" extra={t('registry.building.nameHint')} rules={[{ required: true, whitespace: true, message: t('registry.building.nameRequired') }, { max: 30 }]}>
          <Input autoComplete="off" autoFocus />
        </Form.Item>
        <Form.Item label={t('registry.building.floors')} name="floors">
          <InputNumber min={1} max={200} precision={0} suffix={t('registry.unit.floors')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('registry.building.units')} name="units">
          <InputNumber min={1} max={50} precision={0} suffix={t('registry.unit.units')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('registry.building.builtYear')} name="builtYear">
          <InputNumber min={1900} max={year} precision={0} suffix={t('registry.unit.year')} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface HouseholdValues {
  buildingId?: string;
  unit?: string;
  room: string;
  status: string;
  gridId?: string;
  area?: number | null;
}

/** "新建户": building, unit, room, occupancy, grid (of the compound's community), floor area. */
export function NewHouseholdModal({
  open,
  compoundId,
  communityId,
  buildings,
  onClose,
  onCreated,
}: {
  open: boolean;
  compoundId: string;
  communityId: string;
  buildings: Building[];
  onClose(): void;
  onCreated(h: Household): void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<HouseholdValues>();
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const [grids, setGrids] = useState<Grid[]>([]);
  const id = useOpenId(open);

  useEffect(() => {
    if (!open) return;
    let live = true;
    listGrids(communityId)
      .then((g) => live && setGrids(g))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [open, communityId]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const h = await createHousehold(compoundId, id, {
        buildingId: v.buildingId ?? null,
        unit: textOrNull(v.unit),
        room: v.room.trim(),
        status: v.status,
        gridId: v.gridId ?? null,
        area: v.area ?? null,
      });
      message.success(t('registry.household.created', { label: h.label }));
      onCreated(h);
    } catch (e) {
      handleError(e, { form, rename: { buildingName: 'buildingId' } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('registry.household.new')} okText={t('common.create')} cancelText={t('common.cancel')} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Form key={id} form={form} name="newHousehold" layout="vertical" preserve={false} initialValues={{ status: 'resident' }} onFinish={() => void submit()}>
        <Form.Item label={t('registry.household.building')} name="buildingId">
          <Select allowClear options={buildings.map((b) => ({ value: b.id, label: b.name }))} notFoundContent={t('registry.building.empty')} />
        </Form.Item>
        <Form.Item label={t('registry.household.unit')} name="unit" rules={[{ max: 10 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('registry.household.room')} name="room" rules={[{ required: true, whitespace: true, message: t('registry.household.roomRequired') }, { max: 20 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('registry.household.status')} name="status" rules={[{ required: true }]}>
          <Select options={optionsOf(HOUSEHOLD_STATUS_LABELS, lang)} />
        </Form.Item>
        <Form.Item label={t('registry.compound.grid')} name="gridId">
          <Select allowClear options={grids.map((g) => ({ value: g.id, label: t('common.labelWithCode', { label: g.name, code: g.code }) }))} />
        </Form.Item>
        <Form.Item label={t('registry.household.area')} name="area">
          <InputNumber min={0} max={100000} suffix={t('registry.unit.sqm')} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

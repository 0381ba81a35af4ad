import { useEffect, useMemo, useState } from 'react';
import { App, Col, Form, Input, InputNumber, Modal, Row, Select, Switch, TreeSelect } from 'antd';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion, type RegionNode } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { HOUSING_TYPE_LABELS, PROPERTY_MODE_LABELS } from '../../../shared/registry-codes.ts';
import { createCompound, getCompound, listGrids, updateCompound, type CompoundDetail, type CompoundInput, type Grid } from './api.ts';
import { textOrNull, useIsPhone, useOpenId } from './formKit.tsx';
import { optionsOf } from './labels.ts';

interface Values {
  communityId?: string;
  name: string;
  address?: string;
  housingType?: string;
  propertyMode?: string;
  gridId?: string | null;
  buildYear?: number | null;
  renovationYear?: number | null;
  buildingCount?: number | null;
  householdCount?: number | null;
  floorArea?: number | null;
  enclosed?: boolean;
  /** Shown in percent (0–100); the API takes 0–1. */
  feeCollectionRate?: number | null;
  lat?: number | null;
  lng?: number | null;
  note?: string;
}

interface TreeItem {
  value: string;
  title: string;
  selectable: boolean;
  children: TreeItem[];
}

/** The region tree with only communities selectable (a compound belongs to a community). */
function communityTree(nodes: RegionNode[]): TreeItem[] {
  return nodes.map((n) => ({ value: n.id, title: n.name, selectable: n.level === 'community' && !n.ancestorOnly, children: communityTree(n.children) }));
}

function toValues(c: CompoundDetail): Values {
  return {
    communityId: c.communityId,
    name: c.name,
    address: c.address ?? undefined,
    housingType: c.housingType,
    propertyMode: c.propertyMode,
    gridId: c.gridId,
    buildYear: c.buildYear,
    renovationYear: c.renovationYear,
    buildingCount: c.buildingCount,
    householdCount: c.householdCount,
    floorArea: c.floorArea,
    enclosed: c.enclosed,
    feeCollectionRate: c.feeCollectionRate == null ? null : Math.round(c.feeCollectionRate * 10000) / 100,
    lat: c.lat,
    lng: c.lng,
    note: c.note ?? undefined,
  };
}

function toInput(v: Values): CompoundInput {
  return {
    communityId: v.communityId,
    name: v.name.trim(),
    address: textOrNull(v.address),
    housingType: v.housingType ?? '',
    propertyMode: v.propertyMode ?? '',
    gridId: v.gridId ?? null,
    buildYear: v.buildYear ?? null,
    renovationYear: v.renovationYear ?? null,
    buildingCount: v.buildingCount ?? null,
    householdCount: v.householdCount ?? null,
    floorArea: v.floorArea ?? null,
    enclosed: !!v.enclosed,
    feeCollectionRate: v.feeCollectionRate == null ? null : Math.round(v.feeCollectionRate * 100) / 10000,
    lat: v.lat ?? null,
    lng: v.lng ?? null,
    note: textOrNull(v.note),
  };
}

/** Props of CompoundFormModal. */
export interface CompoundFormModalProps {
  open: boolean;
  /** The compound to edit; absent for a new one. */
  compound?: CompoundDetail | null;
  /** The community preselected for a new compound. */
  defaultCommunityId?: string;
  onClose(): void;
  onSaved(c: CompoundDetail): void;
}

/**
 * Create or edit a compound with every field. Server problems land under their fields; on edit, only the changed fields are
 * sent with the version, and a 409 STALE offers a reload that takes the new version while keeping what the user typed.
 */
export function CompoundFormModal({ open, compound, defaultCommunityId, onClose, onSaved }: CompoundFormModalProps) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const region = useRegion();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const id = useOpenId(open);
  const editing = !!compound;
  const [version, setVersion] = useState(compound?.version ?? 1);
  const [grids, setGrids] = useState<Grid[]>([]);
  const communityId = Form.useWatch('communityId', form);
  const initial = useMemo(() => (compound ? toValues(compound) : null), [compound]);

  useEffect(() => {
    if (compound) setVersion(compound.version);
  }, [compound]);

  useEffect(() => {
    let live = true;
    setGrids([]);
    if (communityId) {
      listGrids(communityId)
        .then((g) => live && setGrids(g))
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [communityId]);

  const reload = async () => {
    if (!compound) return;
    const fresh = await getCompound(compound.id);
    setVersion(fresh.version);
    message.info(t('stale.reloaded'));
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const input = toInput(v);
      let saved: CompoundDetail;
      if (compound && initial) {
        // Only what the user changed: a reload after STALE then never overwrites someone else's other fields.
        const before = toInput(initial) as unknown as Record<string, unknown>;
        const changes = Object.fromEntries(Object.entries(input).filter(([k, val]) => k !== 'communityId' && before[k] !== val));
        saved = await updateCompound(compound.id, version, changes);
      } else {
        saved = await createCompound(id, input);
      }
      message.success(editing ? t('common.saved') : t('registry.compound.created', { name: saved.name }));
      onSaved(saved);
    } catch (e) {
      handleError(e, { form, onReload: editing ? () => void reload().catch((x) => handleError(x)) : undefined });
    } finally {
      setBusy(false);
    }
  };

  const span = phone ? 24 : 12;
  const num = (name: keyof Values, label: string, opts: { suffix?: string; min?: number; max?: number; step?: number; precision?: number; extra?: string }) => (
    <Col span={span}>
      <Form.Item label={label} name={name} extra={opts.extra} rules={[{ type: 'number', min: opts.min, max: opts.max, message: t('registry.form.range', { min: opts.min ?? '', max: opts.max ?? '' }) }]}>
        <InputNumber style={{ width: '100%' }} min={opts.min} max={opts.max} step={opts.step} precision={opts.precision} suffix={opts.suffix} />
      </Form.Item>
    </Col>
  );
  const year = new Date().getFullYear();

  return (
    <Modal
      open={open}
      width={phone ? '100%' : 760}
      title={editing ? t('registry.compound.edit', { name: compound?.name ?? '' }) : t('registry.compound.new')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        key={id}
        form={form}
        name="compoundForm"
        layout="vertical"
        preserve={false}
        initialValues={initial ?? { communityId: defaultCommunityId, enclosed: false }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('communityId' in changed) form.setFieldsValue({ gridId: null });
        }}
        onFinish={() => void submit()}
      >
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item label={t('registry.compound.community')} name="communityId" extra={editing ? t('registry.compound.communityFixed') : undefined} rules={[{ required: true, message: t('registry.compound.communityRequired') }]}>
              <TreeSelect
                disabled={editing}
                treeData={communityTree(region.tree)}
                treeDefaultExpandAll
                showSearch
                treeNodeFilterProp="title"
                placeholder={t('registry.compound.communityPlaceholder')}
                notFoundContent={t('region.none')}
              />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item label={t('registry.compound.name')} name="name" rules={[{ required: true, whitespace: true, message: t('registry.compound.nameRequired') }, { max: 100 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item label={t('registry.compound.address')} name="address" rules={[{ max: 200 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item label={t('registry.compound.housingType')} name="housingType" rules={[{ required: true, message: t('registry.compound.housingTypeRequired') }]}>
              <Select options={optionsOf(HOUSING_TYPE_LABELS, lang)} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item label={t('registry.compound.propertyMode')} name="propertyMode" rules={[{ required: true, message: t('registry.compound.propertyModeRequired') }]}>
              <Select options={optionsOf(PROPERTY_MODE_LABELS, lang)} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item label={t('registry.compound.grid')} name="gridId" extra={communityId && !grids.length ? t('registry.compound.noGrids') : undefined}>
              <Select allowClear disabled={!communityId} options={grids.map((g) => ({ value: g.id, label: t('common.labelWithCode', { label: g.name, code: g.code }) }))} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item label={t('registry.compound.enclosed')} name="enclosed" valuePropName="checked">
              <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
            </Form.Item>
          </Col>
          {num('buildYear', t('registry.compound.buildYear'), { suffix: t('registry.unit.year'), min: 1900, max: year, precision: 0 })}
          {num('renovationYear', t('registry.compound.renovationYear'), { suffix: t('registry.unit.year'), min: 1900, max: year + 5, precision: 0 })}
          {num('buildingCount', t('registry.compound.buildingCount'), { suffix: t('registry.unit.buildings'), min: 0, max: 10000, precision: 0 })}
          {num('householdCount', t('registry.compound.householdCount'), { suffix: t('registry.unit.households'), min: 0, max: 100000, precision: 0 })}
          {num('floorArea', t('registry.compound.floorArea'), { suffix: t('registry.unit.sqm'), min: 0, max: 100_000_000 })}
          {num('feeCollectionRate', t('registry.compound.feeCollectionRate'), { suffix: '%', min: 0, max: 100, precision: 2, extra: t('registry.compound.feeHint') })}
          {num('lat', t('registry.compound.lat'), { min: -90, max: 90, step: 0.0001, precision: 6, extra: t('registry.compound.coordHint') })}
          {num('lng', t('registry.compound.lng'), { min: -180, max: 180, step: 0.0001, precision: 6 })}
          <Col span={24}>
            <Form.Item label={t('registry.compound.note')} name="note" rules={[{ max: 1000 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

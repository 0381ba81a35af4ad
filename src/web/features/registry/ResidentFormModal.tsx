import { useEffect, useState } from 'react';
import { App, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { FAMILY_RELATION_LABELS, GENDER_LABELS, POLITICAL_STATUS_LABELS, PROTECTED_TAG_LABELS } from '../../../shared/registry-codes.ts';
import { createResident, getResident, listCompounds, listHouseholds, updateResident, type Resident, type ResidentInput } from './api.ts';
import { dateStr, dayOf, textOrNull, useIsPhone, useOpenId } from './formKit.tsx';
import { optionsOf } from './labels.ts';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';

interface Values {
  compoundId?: string;
  householdId?: string | null;
  name?: string;
  idNumber?: string;
  phone?: string;
  gender?: string | null;
  birthDate?: Dayjs | null;
  politicalStatus?: string | null;
  relation?: string | null;
  changeTags?: boolean;
  protectedTags?: string[];
  movedOutOn?: Dayjs | null;
}

/** Props of ResidentFormModal. */
export interface ResidentFormModalProps {
  open: boolean;
  /** The resident to edit; absent for a new one. */
  resident?: Resident | null;
  /** The compound a new resident belongs to (fixed); absent: chosen in the form. */
  compound?: { id: string; name: string };
  onClose(): void;
  onSaved(r: Resident): void;
}

/**
 * Register or edit a resident. The ID number is the authority for gender and birth date (the server derives them); ID number and
 * phone are typed in full but only their masks are ever shown back. On edit only changed fields are sent; the protected tags are
 * replaced only when the user chooses to (they cannot be read back without the reveal right).
 */
export function ResidentFormModal({ open, resident, compound, onClose, onSaved }: ResidentFormModalProps) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const region = useRegion();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const id = useOpenId(open);
  const editing = !!resident;
  const [version, setVersion] = useState(resident?.version ?? 1);
  const chosenCompound = Form.useWatch('compoundId', form) ?? resident?.compoundId ?? compound?.id;
  const typedId = Form.useWatch('idNumber', form);
  const changeTags = Form.useWatch('changeTags', form);
  const hasIdNumber = !!(typedId && typedId.trim()) || !!resident?.idNumberMasked;

  useEffect(() => {
    if (resident) setVersion(resident.version);
  }, [resident]);

  const reload = async () => {
    if (!resident) return;
    setVersion((await getResident(resident.id)).version);
    message.info(t('stale.reloaded'));
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const input: ResidentInput = {};
      const set = <K extends keyof ResidentInput>(k: K, val: ResidentInput[K], before?: unknown) => {
        if (!editing || val !== before) input[k] = val;
      };
      if (!editing) input.compoundId = compound?.id ?? v.compoundId;
      set('householdId', v.householdId ?? null, resident?.householdId ?? null);
      // A minor's name is shown masked: left empty it stays as registered.
      if (textOrNull(v.name)) set('name', v.name!.trim(), resident?.name);
      if (textOrNull(v.idNumber)) input.idNumber = v.idNumber!.trim();
      if (textOrNull(v.phone)) input.phone = v.phone!.trim();
      if (!hasIdNumber) {
        if (v.gender) input.gender = v.gender;
        if (v.birthDate) input.birthDate = dateStr(v.birthDate);
      }
      set('politicalStatus', v.politicalStatus ?? null, resident?.politicalStatus ?? null);
      set('relation', v.relation ?? null, resident?.relation ?? null);
      if (!editing || v.changeTags) input.protectedTags = v.protectedTags ?? [];
      if (editing) set('movedOutOn', dateStr(v.movedOutOn), resident?.movedOutOn ?? null);
      const saved = resident ? await updateResident(resident.id, version, input) : await createResident(id, input);
      message.success(editing ? t('common.saved') : t('registry.resident.created'));
      onSaved(saved);
    } catch (e) {
      handleError(e, { form, onReload: editing ? () => void reload().catch((x) => handleError(x)) : undefined });
    } finally {
      setBusy(false);
    }
  };

  const span = phone ? 24 : 12;
  const minorName = resident?.minor;

  return (
    <Modal
      open={open}
      width={phone ? '100%' : 760}
      title={editing ? t('registry.resident.edit') : t('registry.resident.new')}
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
        name="residentForm"
        layout="vertical"
        preserve={false}
        initialValues={
          resident
            ? {
                householdId: resident.householdId,
                name: minorName ? undefined : resident.name,
                politicalStatus: resident.politicalStatus,
                relation: resident.relation,
                movedOutOn: dayOf(resident.movedOutOn),
                changeTags: false,
              }
            : { compoundId: compound?.id, protectedTags: [] }
        }
        onValuesChange={(changed: Partial<Values>) => {
          if ('compoundId' in changed) form.setFieldsValue({ householdId: null });
        }}
        onFinish={() => void submit()}
      >
        <Row gutter={16}>
          {!editing && !compound && (
            <Col span={24}>
              <Form.Item label={t('registry.resident.compound')} name="compoundId" rules={[{ required: true, message: t('registry.resident.compoundRequired') }]}>
                <RemoteSelect
                  allowClear={false}
                  placeholder={t('registry.resident.compoundPlaceholder')}
                  load={async (q) => (await listCompounds({ regionId: region.selected?.id, q: q || undefined }, 1, 30)).items.map((c) => ({ value: c.id, label: t('common.labelWithCode', { label: c.name, code: c.communityName }) }))}
                />
              </Form.Item>
            </Col>
          )}
          {(editing || compound) && (
            <Col span={24}>
              <Typography.Paragraph type="secondary">{t('registry.resident.inCompound', { name: resident?.compoundName ?? compound?.name ?? '' })}</Typography.Paragraph>
            </Col>
          )}
          <Col span={span}>
            <Form.Item
              label={t('registry.resident.name')}
              name="name"
              extra={minorName ? t('registry.resident.minorNameHint') : undefined}
              rules={[{ required: !minorName, whitespace: true, message: t('registry.resident.nameRequired') }, { max: 50 }]}
            >
              <Input autoComplete="off" placeholder={minorName ? resident?.name : undefined} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item label={t('registry.resident.household')} name="householdId">
              <RemoteSelect
                key={chosenCompound ?? 'none'}
                disabled={!chosenCompound}
                placeholder={resident?.householdLabel ?? t('registry.resident.householdPlaceholder')}
                load={async (q) => (chosenCompound ? (await listHouseholds(chosenCompound, { q: q || undefined, page: 1, pageSize: 30 })).items.map((h) => ({ value: h.id, label: h.label })) : [])}
              />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item
              label={t('registry.resident.idNumber')}
              name="idNumber"
              extra={resident?.idNumberMasked ? t('registry.resident.keepMasked', { mask: resident.idNumberMasked }) : t('registry.resident.idNumberHint')}
              rules={[{ pattern: /^\s*(\d{15}|\d{17}[\dXx])\s*$/, message: t('registry.resident.idNumberFormat') }]}
            >
              <Input autoComplete="off" inputMode="text" maxLength={20} spellCheck={false} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item
              label={t('registry.resident.phone')}
              name="phone"
              extra={resident?.phoneMasked ? t('registry.resident.keepMasked', { mask: resident.phoneMasked }) : undefined}
              rules={[{ max: 30 }]}
            >
              <Input autoComplete="off" inputMode="tel" />
            </Form.Item>
          </Col>
          {!hasIdNumber && (
            <>
              <Col span={span}>
                <Form.Item label={t('registry.resident.gender')} name="gender" extra={t('registry.resident.noIdHint')}>
                  <Select allowClear options={optionsOf(GENDER_LABELS, lang)} />
                </Form.Item>
              </Col>
              <Col span={span}>
                <Form.Item label={t('registry.resident.birthDate')} name="birthDate">
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={span}>
            <Form.Item label={t('registry.resident.politicalStatus')} name="politicalStatus">
              <Select allowClear options={optionsOf(POLITICAL_STATUS_LABELS, lang)} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item label={t('registry.resident.relation')} name="relation">
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={optionsOf(FAMILY_RELATION_LABELS, lang)} />
            </Form.Item>
          </Col>
          {editing && (
            <Col span={24}>
              <Form.Item name="changeTags" valuePropName="checked" style={{ marginBottom: 8 }}>
                <Checkbox>{resident?.hasProtectedTags ? t('registry.resident.replaceTags') : t('registry.resident.addTags')}</Checkbox>
              </Form.Item>
            </Col>
          )}
          {(!editing || changeTags) && (
            <Col span={24}>
              <Form.Item label={t('registry.resident.protectedTags')} name="protectedTags" extra={t('registry.resident.tagsHint')}>
                <Select mode="multiple" allowClear options={optionsOf(PROTECTED_TAG_LABELS, lang)} />
              </Form.Item>
            </Col>
          )}
          {editing && (
            <Col span={span}>
              <Form.Item label={t('registry.resident.movedOutOn')} name="movedOutOn">
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}

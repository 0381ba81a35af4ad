import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Switch } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { ApiError, type FieldError } from '../../api/client.ts';
import { applyFieldErrors } from '../../api/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { CompoundChoice } from './api.ts';
import { CategoryPicker, minorsOf } from './CategoryPicker.tsx';
import { CompoundSelect } from './CompoundSelect.tsx';
import { LocationField, type DevicePosition } from './LocationField.tsx';
import { PhotoInput } from './PhotoInput.tsx';
import { defaultCompound } from './place.ts';
import type { QueuedPhoto, QueuedReport } from './queue.ts';
import type { PatrolData } from './usePatrolData.ts';
import type { Outbox } from './useOutbox.ts';

interface Values {
  categoryCode?: string;
  description?: string;
  photos?: QueuedPhoto[];
  location?: DevicePosition | null;
  compoundId?: string | null;
  address?: string;
  selfHandled?: boolean;
  selfHandledResult?: string;
  afterPhotos?: QueuedPhoto[];
}

/** The form field a server problem of a report belongs to (photo ids of 自行处置 are the after photos). */
export function formFieldOf(field: string, selfHandled: boolean): string {
  if (/^(input\.)?photos(\.|$)/.test(field)) return selfHandled ? 'afterPhotos' : 'photos';
  if (/^selfHandled\.photos/.test(field)) return 'afterPhotos';
  if (/^(input\.result|selfHandled\.result)$/.test(field)) return 'selfHandledResult';
  if (field === 'lat' || field === 'lng') return 'location';
  if (field === 'communityId' || field === 'gridId') return 'compoundId';
  return field;
}

/** Props of ReportForm. */
export interface ReportFormProps {
  data: PatrolData;
  outbox: Outbox;
  /** A refused report being corrected (same client id), or null for a new one. */
  editing: QueuedReport | null;
  onDone(): void;
}

/** The report form: category, description, photos, device position, compound or address, and 自行处置 with after photos. */
export function ReportForm({ data, outbox, editing, onDone }: ReportFormProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const minors = useMemo(() => minorsOf(data.categories), [data.categories]);
  const selfHandled = Form.useWatch('selfHandled', form) ?? false;
  const [busy, setBusy] = useState(false);
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const picked = useRef<CompoundChoice | null>(null);
  const compoundTouched = useRef(false);

  // The compound under the worker's feet once the position is known (unless they chose one).
  const onLocated = (p: DevicePosition | null) => {
    if (compoundTouched.current || form.getFieldValue('compoundId')) return;
    const c = defaultCompound(data.compounds, p);
    if (c) {
      picked.current = c;
      form.setFieldValue('compoundId', c.id);
    }
  };
  useEffect(() => onLocated(form.getFieldValue('location') ?? null), [data.compounds]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!editing) return;
    const f = editing.fields;
    compoundTouched.current = true;
    picked.current = f.compoundId ? { id: f.compoundId, name: f.compoundName ?? '', communityName: '', gridId: null, lat: null, lng: null } : null;
    form.setFieldsValue({
      categoryCode: f.categoryCode, description: f.description, photos: editing.photos, compoundId: f.compoundId, address: f.address ?? '',
      location: f.lat !== null && f.lng !== null ? { lat: f.lat, lng: f.lng, accuracy: f.accuracy } : null,
      selfHandled: !!f.selfHandledResult, selfHandledResult: f.selfHandledResult ?? '', afterPhotos: editing.afterPhotos,
    });
    const e = editing.lastError;
    if (!e) return setUnmatched([]);
    const fields = e.fields.map((x) => ({ ...x, field: formFieldOf(x.field, !!f.selfHandledResult) }));
    const { unmatched: rest } = applyFieldErrors(form, new ApiError(400, e.code, e.message, fields));
    setUnmatched(rest.length || !fields.length ? (rest.length ? rest : [{ field: '', code: e.code, message: e.message }]) : []);
  }, [editing, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const minor = minors.find((m) => m.code === v.categoryCode)!;
      const loc = v.location ?? null;
      const compoundId = v.compoundId ?? null;
      const compound = compoundId ? (data.compounds.find((c) => c.id === compoundId) ?? picked.current) : null;
      await outbox.add(
        {
          categoryCode: minor.code, categoryName: minor.name, description: v.description!.trim(), compoundId, compoundName: compound?.name ?? null,
          gridId: data.grid?.id ?? null, lat: loc?.lat ?? null, lng: loc?.lng ?? null, accuracy: loc?.accuracy ?? null, address: v.address?.trim() || null,
          selfHandledResult: v.selfHandled ? v.selfHandledResult!.trim() : null,
        },
        v.photos ?? [],
        v.selfHandled ? v.afterPhotos ?? [] : [],
        editing?.id,
      );
      message.success(navigator.onLine ? t('grid.report.sending') : t('grid.report.queued'));
      form.resetFields(['categoryCode', 'description', 'photos', 'address', 'selfHandled', 'selfHandledResult', 'afterPhotos']);
      setUnmatched([]);
      onDone();
    } catch {
      message.error(t('grid.report.saveFailed'));
    } finally {
      setBusy(false);
    }
  };

  // Clears "choose a compound or give the spot" once the worker did; a pristine form shows no error.
  const recheckPlace = () => {
    if (form.getFieldError('address').length) void form.validateFields(['address']).catch(() => undefined);
  };

  const needPlace = ({ getFieldValue }: { getFieldValue(n: string): unknown }) => ({
    validator: async (_: unknown, address?: string) => {
      if (getFieldValue('compoundId') || address?.trim() || (data.grid && getFieldValue('location'))) return;
      throw new Error(data.grid ? t('grid.place.required') : t('grid.place.requiredNoGrid'));
    },
  });

  return (
    <Card size="small" styles={{ body: { padding: 12 } }}>
      {editing && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('grid.report.fixing')} description={unmatched.map((u) => u.message).join('；') || undefined} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ photos: [], afterPhotos: [], selfHandled: false, location: null }} scrollToFirstError>
        <Form.Item name="categoryCode" label={t('grid.field.category')} rules={[{ required: true, message: t('grid.field.categoryRequired') }]}>
          <CategoryPicker minors={minors} />
        </Form.Item>
        <Form.Item name="description" label={t('grid.field.description')} rules={[{ required: true, whitespace: true, message: t('grid.field.descriptionRequired') }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} placeholder={t('grid.field.descriptionPlaceholder')} style={{ fontSize: 16 }} />
        </Form.Item>
        <Form.Item name="photos" label={t('grid.field.photos')}>
          <PhotoInput label={t('grid.field.photos')} />
        </Form.Item>
        <Form.Item name="location" label={t('grid.field.location')}>
          <LocationField onChange={onLocated} onStatus={recheckPlace} />
        </Form.Item>
        <Form.Item name="compoundId" label={t('grid.field.compound')} extra={data.grid ? t('grid.field.compoundHint', { grid: data.grid.name }) : t('grid.field.compoundNoGrid')}>
          <CompoundSelect local={data.compounds} onPick={(c) => { compoundTouched.current = true; picked.current = c; recheckPlace(); }} />
        </Form.Item>
        <Form.Item name="address" label={t('grid.field.address')} dependencies={['compoundId', 'location']} rules={[needPlace, { max: 200 }]}>
          <Input size="large" maxLength={200} placeholder={t('grid.field.addressPlaceholder')} />
        </Form.Item>
        <Form.Item name="selfHandled" label={t('grid.field.selfHandled')} valuePropName="checked" extra={t('grid.field.selfHandledHint')}>
          <Switch />
        </Form.Item>
        {selfHandled && (
          <>
            <Form.Item name="selfHandledResult" label={t('grid.field.result')} rules={[{ required: true, whitespace: true, message: t('grid.field.resultRequired') }, { max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} placeholder={t('grid.field.resultPlaceholder')} style={{ fontSize: 16 }} />
            </Form.Item>
            <Form.Item name="afterPhotos" label={t('grid.field.afterPhotos')} rules={[{ validator: async (_, v?: QueuedPhoto[]) => { if (!v?.length) throw new Error(t('grid.field.afterPhotosRequired')); } }]}>
              <PhotoInput label={t('grid.field.afterPhotos')} />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" size="large" block icon={<SendOutlined />} loading={busy} disabled={!data.categories} style={{ minHeight: 52 }}>
          {editing ? t('grid.report.resubmit') : outbox.online ? t('grid.report.submit') : t('grid.report.submitOffline')}
        </Button>
      </Form>
    </Card>
  );
}

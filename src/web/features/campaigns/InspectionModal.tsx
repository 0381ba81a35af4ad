import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { AimOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { CampaignView, TaskView } from '../../../shared/campaigns.ts';
import { newId } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AttachmentInput } from '../deliberation/matter/AttachmentInput.tsx';
import { textOrNull, useIsPhone, useOpenId } from '../registry/formKit.tsx';
import { getTask, recordInspection, type FindingInput } from './api.ts';
import { coveredMinors, nameIn } from './labels.ts';
import { useCategories } from './useCategories.ts';

/** Refusals about the task or campaign as a whole rather than one field. */
const REFUSALS = new Set(['CAMPAIGN_NOT_RUNNING', 'CAMPAIGN_TASK_CLOSED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'ID_CONFLICT']);

interface FindingValues {
  id: string;
  categoryCode?: string;
  description?: string;
  photos?: string[];
  address?: string;
  lat?: number | null;
  lng?: number | null;
}

interface Values {
  result: 'no_problem' | 'problems_found';
  note?: string;
  findings?: FindingValues[];
}

// Server paths of photo list items (`findings.0.photos.2`) land on the photo field of that finding.
const renames: Record<string, string> = Object.fromEntries(
  Array.from({ length: 50 }, (_, i) => Array.from({ length: 9 }, (_x, j) => [`findings.${i}.photos.${j}`, `findings.${i}.photos`])).flat(),
);

/** "Use my location": the device's position into the finding's lat/lng. */
function LocateButton({ onFound }: { onFound(lat: number, lng: number): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!('geolocation' in navigator)) return null;
  return (
    <Button
      size="small"
      icon={<AimOutlined />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        navigator.geolocation.getCurrentPosition(
          (p) => {
            setBusy(false);
            onFound(Math.round(p.coords.latitude * 1e6) / 1e6, Math.round(p.coords.longitude * 1e6) / 1e6);
          },
          () => {
            setBusy(false);
            message.warning(t('campaigns.inspect.noLocation'));
          },
          { enableHighAccuracy: true, timeout: 10_000 },
        );
      }}
    >
      {t('campaigns.inspect.locate')}
    </Button>
  );
}

/**
 * Records the inspection of one compound: no problem, or problems found with one or more findings (a 小类 the campaign
 * covers, a description, photos uploaded to /api/attachments, an optional place); each finding becomes an incident. The
 * inspection and each finding carry client ids, so a resend after a lost answer records nothing twice.
 */
export function InspectionModal({ campaign, task, onClose, onDone }: { campaign: CampaignView; task: TaskView; onClose(): void; onDone(t: TaskView): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const handleError = useApiErrorHandler();
  const categories = useCategories();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(task.version);
  const [refusal, setRefusal] = useState<string | null>(null);
  const inspectionId = useOpenId(true);
  const result = Form.useWatch('result', form);
  const options = coveredMinors(categories, campaign.problemTypes.map((p) => p.code)).map((c) => ({ value: c.code, label: `${c.code} ${nameIn(c.name, lang)}` }));

  const submit = async () => {
    const v = await form.validateFields();
    const findings: FindingInput[] | undefined = v.result === 'problems_found'
      ? (v.findings ?? []).map((f) => ({
          id: f.id, categoryCode: f.categoryCode!, description: (f.description ?? '').trim(), photos: f.photos ?? [],
          lat: f.lat ?? null, lng: f.lng ?? null, address: textOrNull(f.address),
        }))
      : undefined;
    setBusy(true);
    setRefusal(null);
    try {
      const done = await recordInspection(task.id, { id: inspectionId, version, result: v.result, note: textOrNull(v.note), findings });
      message.success(t('campaigns.inspect.done', { name: task.compound.name }));
      onDone(done);
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (REFUSALS.has(code)) setRefusal((e as Error).message);
      else {
        handleError(e, {
          form,
          rename: renames,
          onReload: () => void getTask(task.id).then((x) => { setVersion(x.version); message.info(t('stale.reloaded')); }, handleError),
        });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('campaigns.inspect.title', { name: task.compound.name })}
      okText={t('campaigns.inspect.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={phone ? '100%' : 680}
      style={phone ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
    >
      <Typography.Paragraph type="secondary">{t('campaigns.inspect.help')}</Typography.Paragraph>
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} />}
      <Form form={form} name="inspection" layout="vertical" preserve={false} initialValues={{ result: 'no_problem', findings: [] }}>
        <Form.Item label={t('campaigns.inspect.result')} name="result" rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[{ value: 'no_problem', label: t('campaigns.result.no_problem') }, { value: 'problems_found', label: t('campaigns.result.problems_found') }]}
            onChange={(e) => {
              if (e.target.value === 'problems_found' && !(form.getFieldValue('findings') ?? []).length) form.setFieldValue('findings', [{ id: newId() }]);
            }}
          />
        </Form.Item>
        {result === 'problems_found' && (
          <Form.List
            name="findings"
            rules={[{ validator: async (_r, v: unknown[] | undefined) => { if (!v?.length) throw new Error(t('campaigns.inspect.findingsRequired')); } }]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f, i) => (
                  <Card
                    key={f.key}
                    size="small"
                    style={{ marginBottom: 12 }}
                    title={t('campaigns.inspect.findingN', { n: i + 1 })}
                    extra={fields.length > 1 && <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('campaigns.inspect.removeFinding', { n: i + 1 })} onClick={() => remove(f.name)} />}
                  >
                    <Form.Item name={[f.name, 'id']} hidden><Input /></Form.Item>
                    <Form.Item label={t('campaigns.inspect.category')} name={[f.name, 'categoryCode']} rules={[{ required: true, message: t('campaigns.inspect.categoryRequired') }]}>
                      <Select options={options} showSearch={{ optionFilterProp: 'label' }} placeholder={t('campaigns.inspect.categoryPlaceholder')} />
                    </Form.Item>
                    <Form.Item label={t('campaigns.inspect.description')} name={[f.name, 'description']} rules={[{ required: true, whitespace: true, message: t('campaigns.inspect.descriptionRequired') }, { max: 2000 }]}>
                      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
                    </Form.Item>
                    <Form.Item label={t('campaigns.inspect.photos')} name={[f.name, 'photos']}>
                      <AttachmentInput photos />
                    </Form.Item>
                    <Form.Item label={t('campaigns.inspect.address')} name={[f.name, 'address']} rules={[{ max: 200 }]} style={{ marginBottom: 8 }}>
                      <Input maxLength={200} placeholder={t('campaigns.inspect.addressPlaceholder')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'lat']} hidden><Input /></Form.Item>
                    <Form.Item name={[f.name, 'lng']} hidden><Input /></Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const lat = form.getFieldValue(['findings', f.name, 'lat']) as number | null | undefined;
                        const lng = form.getFieldValue(['findings', f.name, 'lng']) as number | null | undefined;
                        return (
                          <Space wrap>
                            <LocateButton onFound={(la, ln) => form.setFieldValue(['findings', f.name], { ...form.getFieldValue(['findings', f.name]), lat: la, lng: ln })} />
                            {lat != null && lng != null && <Typography.Text type="secondary">{t('campaigns.inspect.located', { lat, lng })}</Typography.Text>}
                          </Space>
                        );
                      }}
                    </Form.Item>
                  </Card>
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ id: newId() })} disabled={fields.length >= 50} style={{ marginBottom: 16 }}>
                  {t('campaigns.inspect.addFinding')}
                </Button>
              </>
            )}
          </Form.List>
        )}
        <Form.Item label={t('campaigns.inspect.note')} name="note" rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

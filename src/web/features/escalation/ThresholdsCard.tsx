import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { DEADLINE_UNITS, type DeadlineUnit } from '../../../shared/method-template.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion } from '../../app/region.tsx';
import { useT } from '../../i18n/index.tsx';
import { getThresholds, putThresholds, type ThresholdsView } from './api.ts';
import { levelLabel, unitLabel } from './labels.ts';

interface Values {
  levels: { level: string; amount: number; unit: DeadlineUnit }[];
}

/** The overdue thresholds in force at the chosen place (when an overdue incident rises to each level), with an editor for administrators. */
export function ThresholdsCard({ scopePath }: { scopePath: string | null }) {
  const t = useT();
  const { message } = App.useApp();
  const region = useRegion();
  const handleError = useApiErrorHandler();
  const [view, setView] = useState<ThresholdsView | null>(null);
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const path = scopePath ?? '/';

  const load = useCallback(() => getThresholds(path).then(setView, (e: unknown) => handleError(e)), [path, handleError]);
  useEffect(() => {
    void load();
  }, [load]);

  const where = (p: string) => (p === '/' || p === 'default' ? t('joint.thresholds.national') : region.labelOfPath(p));
  const save = async (v: Values) => {
    setSaving(true);
    try {
      setView(await putThresholds({ scopePath: path, levels: v.levels }));
      message.success(t('joint.thresholds.saved'));
      setEditing(false);
    } catch (e) {
      handleError(e, { form });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('joint.thresholds.title')}
      extra={view?.abilities.update && (
        <Button size="small" icon={<EditOutlined />} onClick={() => { form.setFieldsValue({ levels: view.levels.map((l) => ({ level: l.level, amount: l.amount, unit: l.unit })) }); setEditing(true); }}>
          {t('joint.thresholds.edit')}
        </Button>
      )}
    >
      <Space direction="vertical" size={2}>
        {view?.levels.map((l) => (
          <Typography.Text key={l.level}>
            {t('joint.thresholds.rule', { amount: l.amount, unit: unitLabel(t, l.unit), level: levelLabel(t, l.level) })}
            <Typography.Text type="secondary">{t('joint.thresholds.definedAt', { where: where(l.definedAt) })}</Typography.Text>
          </Typography.Text>
        ))}
      </Space>
      <Modal open={editing} title={t('joint.thresholds.edit')} onCancel={() => setEditing(false)} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
        <Form form={form} name="thresholds" layout="vertical" onFinish={save}>
          <Form.List name="levels">
            {(fields) => fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'level']} hidden><input /></Form.Item>
                <Typography.Text strong style={{ minWidth: 96, display: 'inline-block' }}>{levelLabel(t, form.getFieldValue(['levels', f.name, 'level']))}</Typography.Text>
                <Form.Item name={[f.name, 'amount']} label={t('joint.thresholds.amount')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={365} />
                </Form.Item>
                <Form.Item name={[f.name, 'unit']} label={t('joint.thresholds.unit')}>
                  <Select style={{ width: 140 }} options={DEADLINE_UNITS.map((u) => ({ value: u, label: unitLabel(t, u).trim() }))} />
                </Form.Item>
              </Space>
            ))}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}

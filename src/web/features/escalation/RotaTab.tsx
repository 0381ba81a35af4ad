import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useT } from '../../i18n/index.tsx';
import { getRota, swapMonths, type JointBodyView, type RotaView } from './api.ts';
import { cstMonth } from './labels.ts';

/** Twelve months of the rota with each month's chair (swaps marked), and the swap of two months for administrators. */
export function RotaTab({ body, onChanged }: { body: JointBodyView; onChanged(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [year, setYear] = useState(Number(cstMonth().slice(0, 4)));
  const [rota, setRota] = useState<RotaView | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ a: string; b: string; reason: string }>();
  const now = cstMonth();

  const load = useCallback(() => getRota(body.id, year).then(setRota, (e: unknown) => handleError(e)), [body.id, year, handleError]);
  useEffect(() => {
    void load();
  }, [load]);

  const swap = async (v: { a: string; b: string; reason: string }) => {
    if (!rota) return;
    setSaving(true);
    try {
      setRota(await swapMonths(body.id, { version: rota.version, months: [v.a, v.b], reason: v.reason }));
      message.success(t('joint.rota.swappedOk'));
      form.resetFields();
      onChanged();
    } catch (e) {
      handleError(e, { form, rename: { 'months.0': 'a', 'months.1': 'b', months: 'b' }, onReload: load });
    } finally {
      setSaving(false);
    }
  };

  const monthOptions = (rota?.months ?? []).map((m) => ({ value: m.month, label: `${t('joint.rota.month', { m: Number(m.month.slice(5)) })} · ${m.chair?.name ?? t('joint.rota.none')}` }));
  return (
    <Flex vertical gap={12}>
      <Space>
        <Typography.Text>{t('joint.rota.year')}</Typography.Text>
        <InputNumber aria-label={t('joint.rota.year')} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
      </Space>
      <Spin spinning={!rota}>
        <Row gutter={[8, 8]}>
          {(rota?.months ?? []).map((m) => (
            <Col key={m.month} xs={12} sm={8} md={6} xl={4}>
              <Card size="small" styles={{ body: { padding: 10, minHeight: 84 } }} style={m.month === now ? { borderColor: '#c8102e' } : undefined}>
                <Flex vertical gap={2}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('joint.rota.month', { m: Number(m.month.slice(5)) })}</Typography.Text>
                  <Typography.Text strong style={{ wordBreak: 'break-word' }}>{m.chair?.name ?? t('joint.rota.none')}</Typography.Text>
                  {m.overridden && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      <Tag color="orange" style={{ marginInlineEnd: 4 }}>{t('joint.rota.swapped')}</Tag>{t('joint.rota.scheduled', { name: m.scheduled?.name ?? t('joint.rota.none') })}
                    </Typography.Text>
                  )}
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      </Spin>
      {rota?.abilities.swap && (
        <Card size="small" title={t('joint.rota.swap')}>
          <Form form={form} layout="vertical" name="rotaSwap" onFinish={swap}>
            <Row gutter={12}>
              <Col xs={24} md={6}><Form.Item label={t('joint.rota.monthA')} name="a" rules={[{ required: true }]}><Select options={monthOptions} /></Form.Item></Col>
              <Col xs={24} md={6}><Form.Item label={t('joint.rota.monthB')} name="b" rules={[{ required: true }]}><Select options={monthOptions} /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item label={t('joint.rota.reason')} name="reason" rules={[{ required: true, whitespace: true }]}><Input maxLength={500} /></Form.Item></Col>
              <Col xs={24} md={4}>
                <Form.Item label={<span aria-hidden>&nbsp;</span>} colon={false}>
                  <Button htmlType="submit" icon={<SwapOutlined />} loading={saving}>{t('joint.rota.swap')}</Button>
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </Card>
      )}
    </Flex>
  );
}

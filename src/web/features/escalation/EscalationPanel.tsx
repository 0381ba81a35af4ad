import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, Input, Modal, Steps, Tag, Timeline, Typography } from 'antd';
import { RiseOutlined } from '@ant-design/icons';
import type { IncidentEscalationView } from '../../../shared/escalation.ts';
import { api, isApiError, newId } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useT } from '../../i18n/index.tsx';
import { cstTime, effectLabel, kindLabel, levelLabel, stateLabel } from './labels.ts';

/**
 * An incident's place on the escalation ladder, for the incident's page: the chain compound → community → street →
 * county with the level it has reached, every rise, the joint-meeting decisions on it, and "escalate" (with a reason) for
 * those the server allows. Renders nothing for a caller who cannot see the incident.
 */
export function EscalationPanel({ incidentId, onChanged }: { incidentId: string; onChanged?(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [view, setView] = useState<IncidentEscalationView | null>(null);
  const [hidden, setHidden] = useState(false);
  const [asking, setAsking] = useState(false);
  const [saving, setSaving] = useState(false);
  const [clientId, setClientId] = useState(newId);
  const [form] = Form.useForm<{ reason: string }>();

  const load = useCallback(async () => {
    try {
      setView(await api.get<IncidentEscalationView>(`/api/incidents/${incidentId}/escalation`));
    } catch (e) {
      if (isApiError(e) && (e.status === 404 || e.status === 403)) setHidden(true);
      else handleError(e);
    }
  }, [incidentId, handleError]);
  useEffect(() => {
    void load();
  }, [load]);

  const escalate = async (v: { reason: string }) => {
    if (!view) return;
    setSaving(true);
    try {
      setView(await api.post<IncidentEscalationView>(`/api/incidents/${incidentId}/escalations`, { id: clientId, version: view.version, reason: v.reason }));
      message.success(t('escalation.done'));
      setAsking(false);
      setClientId(newId());
      form.resetFields();
      onChanged?.();
    } catch (e) {
      handleError(e, { form, onReload: () => { setAsking(false); void load(); } });
    } finally {
      setSaving(false);
    }
  };

  if (hidden) return null;
  const current = view ? view.chain.findIndex((c) => c.level === view.level) : 0;
  return (
    <Card
      size="small"
      title={t('escalation.title')}
      loading={!view}
      extra={view?.abilities.escalate && view.next && (
        <Button size="small" icon={<RiseOutlined />} onClick={() => setAsking(true)}>{t('escalation.escalateTo', { place: view.next.name })}</Button>
      )}
    >
      {view && (
        <Flex vertical gap={12}>
          <Steps size="small" current={current} responsive items={view.chain.map((c) => ({ title: levelLabel(t, c.level), description: c.name }))} />
          {view.events.length === 0 ? <Typography.Text type="secondary">{t('escalation.none')}</Typography.Text> : (
            <Timeline
              items={view.events.map((e) => ({
                color: e.kind === 'overdue' ? 'red' : 'blue',
                children: (
                  <Flex vertical gap={0}>
                    <Typography.Text>{t('escalation.rose', { from: levelLabel(t, e.fromLevel), to: e.place.name })} <Tag>{kindLabel(t, e.kind)}</Tag></Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{[e.actorName, cstTime(e.at), e.reason].filter(Boolean).join(' · ')}</Typography.Text>
                  </Flex>
                ),
              }))}
            />
          )}
          {view.decisions.length > 0 && (
            <Flex vertical gap={4}>
              <Typography.Text strong>{t('escalation.decisions')}</Typography.Text>
              {view.decisions.map((d) => (
                <Typography.Text key={`${d.sessionId}:${d.taskId}`} style={{ fontSize: 13 }}>
                  {d.bodyName} {d.heldOn}：{d.decision}（{d.responsibleOrg?.name} · {d.dueOn}）
                  {d.effect && <Tag style={{ marginInlineStart: 4 }}>{effectLabel(t, d.effect)}</Tag>}
                  {d.taskState && <Tag color={d.taskState === 'done' ? 'green' : d.taskOverdue ? 'red' : 'blue'}>{d.taskOverdue ? t('joint.tasks.overdue') : stateLabel(t, d.taskState)}</Tag>}
                </Typography.Text>
              ))}
            </Flex>
          )}
        </Flex>
      )}
      {!view && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      <Modal open={asking} title={t('escalation.modalTitle', { place: view?.next?.name ?? '' })} onCancel={() => setAsking(false)} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('escalation.modalHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" name="escalate" onFinish={escalate}>
          <Form.Item label={t('escalation.reason')} name="reason" rules={[{ required: true, whitespace: true, min: 4 }]}>
            <Input.TextArea rows={3} maxLength={1000} placeholder={t('escalation.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, List, Row, Space, Tag, Typography } from 'antd';
import { EditOutlined, UserAddOutlined } from '@ant-design/icons';
import type { DisputeDetail, DisputeEvent } from '../../../shared/disputes.ts';
import { useRecord } from '../../api/useRecord.ts';
import { useRegion } from '../../app/region.tsx';
import { FullPageSpin, NoAccess } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { dateTime } from '../../components/dateTime.ts';
import { useIsPhone } from '../registry/formKit.tsx';
import { getDispute } from './api.ts';
import { AddPartiesModal, DisputeEditModal } from './DisputeEditModals.tsx';
import { DisputeEventModal } from './DisputeEventModal.tsx';
import { DisputeTimeline } from './DisputeTimeline.tsx';
import { ACTION_ORDER, DISPUTE_STATUS_COLOR, disputeEventLabel, disputeStatusLabel, disputeTypeLabel, followUpLabel, mediatorKindText, referralLabel } from './labels.ts';
import { PartiesPanel } from './PartiesPanel.tsx';

/** The outcome and return visit of a dispute, as description items. */
function outcomeItems(t: ReturnType<typeof useI18n>['t'], d: DisputeDetail) {
  const items: { key: string; label: string; children: ReactNode }[] = [];
  const pre = (s: string) => <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{s}</span>;
  if (d.outcome) items.push({ key: 'outcome', label: t('disputes.outcome'), children: `${disputeStatusLabel(t, d.outcome)} · ${dateTime(d.outcomeAt)}` });
  if (d.agreementText) items.push({ key: 'agreement', label: t('disputes.outcome.agreementText'), children: pre(d.agreementText) });
  if (d.referredTo) items.push({ key: 'referral', label: t('disputes.outcome.referredTo'), children: pre(`${referralLabel(t, d.referredTo)}${d.referralNote ? ` · ${d.referralNote}` : ''}`) });
  if (d.withdrawReason) items.push({ key: 'withdraw', label: t('disputes.outcome.withdrawReason'), children: pre(d.withdrawReason) });
  if (d.followUp) items.push({ key: 'followUp', label: t('disputes.followUp'), children: pre(`${d.followUp.on} · ${followUpLabel(t, d.followUp.result)}${d.followUp.note ? ` · ${d.followUp.note}` : ''}`) });
  return items;
}

/**
 * One dispute: status, facts, the parties masked with an audited reveal per field, mediators, sessions, the outcome and
 * return visit, the mediation steps the caller may take (from the server's abilities) and the timeline.
 */
export default function DisputePage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const region = useRegion();
  const phone = useIsPhone();
  const [event, setEvent] = useState<DisputeEvent | null>(null);
  const [editing, setEditing] = useState<'fields' | 'parties' | null>(null);
  const { record: d, setRecord, state } = useRecord(() => getDispute(id), id);

  if (state === 'loading') return <FullPageSpin />;
  if (state === 'noAccess') return <NoAccess />;
  if (!d) return <Alert type="error" showIcon title={t('error.unexpected')} />;

  const events = ACTION_ORDER.filter((e) => d.abilities.events.includes(e));
  const done = (next: DisputeDetail) => {
    setEvent(null);
    setEditing(null);
    setRecord(next);
  };
  const facts = [
    { key: 'compound', label: t('disputes.compound'), children: d.compound.name },
    { key: 'type', label: t('disputes.type'), children: disputeTypeLabel(lang, d.type) },
    { key: 'occurredOn', label: t('disputes.occurredOn'), children: d.occurredOn ?? t('common.none') },
    { key: 'registered', label: t('disputes.registeredAt'), children: `${dateTime(d.registeredAt)} · ${d.registeredBy}` },
    ...(d.sourceIncidentId ? [{ key: 'incident', label: t('disputes.sourceIncident'), children: <Link to={region.withRegion(`/incidents/${d.sourceIncidentId}`)}>{t('disputes.openIncident')}</Link> }] : []),
    ...(d.reopenCount ? [{ key: 'reopen', label: t('disputes.reopenCount'), children: String(d.reopenCount) }] : []),
    { key: 'summary', label: t('disputes.summary'), children: <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{d.summary}</span> },
    ...outcomeItems(t, d),
  ];

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap align="center" style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
            {t('disputes.detailTitle', { compound: d.compound.name, type: disputeTypeLabel(lang, d.type) })}
          </Typography.Title>
          <Tag color={DISPUTE_STATUS_COLOR[d.status]} data-testid="dispute-status">{disputeStatusLabel(t, d.status)}</Tag>
          {d.followUp && <Tag color={d.followUp.result === 'relapsed' ? 'red' : 'green'}>{followUpLabel(t, d.followUp.result)}</Tag>}
        </Space>
        {d.abilities.edit && (
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={() => setEditing('fields')}>{t('common.edit')}</Button>
            <Button icon={<UserAddOutlined />} onClick={() => setEditing('parties')}>{t('disputes.addParties')}</Button>
          </Space>
        )}
      </Flex>

      <Card title={t('disputes.actions')} size="small">
        {events.length ? (
          <Flex wrap gap={8}>
            {events.map((e, i) => (
              <Button key={e} type={i === 0 ? 'primary' : 'default'} danger={e === 'withdraw'} onClick={() => setEvent(e)}>{disputeEventLabel(t, e)}</Button>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('disputes.noActions')}</Typography.Text>
        )}
      </Card>

      <Card title={t('disputes.overview')} size="small">
        <Descriptions size="small" column={phone ? 1 : 2} items={facts.map((f) => ({ ...f, span: ['summary', 'agreement', 'referral', 'withdraw', 'followUp'].includes(f.key) ? (phone ? 1 : 2) : 1 }))} />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('disputes.parties')} size="small" style={{ height: '100%' }}>
            <PartiesPanel dispute={d} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('disputes.mediators')} size="small" style={{ height: '100%' }}>
            {d.mediators.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('disputes.noMediators')} />
            ) : (
              <List
                dataSource={d.mediators}
                rowKey="id"
                renderItem={(m) => (
                  <List.Item>
                    <Flex wrap gap={8} align="center">
                      <Typography.Text strong>{m.name}</Typography.Text>
                      <Tag style={{ marginInlineEnd: 0 }}>{mediatorKindText(t, m)}</Tag>
                      {m.phoneMasked && <Typography.Text code>{m.phoneMasked}</Typography.Text>}
                    </Flex>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>

      <Card title={t('disputes.sessions', { n: d.sessions.length })} size="small">
        {d.sessions.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('disputes.noSessions')} />
        ) : (
          <List
            dataSource={d.sessions}
            rowKey="seq"
            renderItem={(s) => (
              <List.Item>
                <Flex vertical gap={4} style={{ minWidth: 0 }}>
                  <Typography.Text strong>{`${s.heldOn} · ${s.place}`}</Typography.Text>
                  <Typography.Text type="secondary">{t('disputes.session.presentList', { names: s.mediators.map((m) => m.name).join(t('common.listSep')) })}</Typography.Text>
                  <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{s.notes}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${s.recordedBy} · ${dateTime(s.recordedAt)}`}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>

      <Card title={t('disputes.timeline')} size="small">
        <DisputeTimeline dispute={d} />
      </Card>
      <Typography.Text type="secondary">{t('disputes.maskedNote')}</Typography.Text>

      {event && <DisputeEventModal dispute={d} event={event} onClose={() => setEvent(null)} onDone={done} />}
      {editing === 'fields' && <DisputeEditModal dispute={d} onClose={() => setEditing(null)} onSaved={done} />}
      {editing === 'parties' && <AddPartiesModal dispute={d} onClose={() => setEditing(null)} onSaved={done} />}
    </Flex>
  );
}

import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Col, Flex, Row, Space, Tag, Typography } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import type { IncidentAction } from '../../../shared/incidents.ts';
import { useRecord } from '../../api/useRecord.ts';
import { FullPageSpin, NoAccess } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { EscalationPanel } from '../escalation/EscalationPanel.tsx';
import { getIncident } from './api.ts';
import { Duplicates, useCandidates } from './detail/Duplicates.tsx';
import { IncidentFacts } from './detail/IncidentFacts.tsx';
import { IncidentTimeline } from './detail/IncidentTimeline.tsx';
import { LocationSketch } from './detail/LocationSketch.tsx';
import { casePhotos, PhotoGallery } from './detail/PhotoGallery.tsx';
import { useCalendarMarks, useCurrentCategories, useLoopDefs } from './hooks.ts';
import { IncidentActionModal } from './IncidentActionModal.tsx';
import { nameIn, sourceLabel, urgencyLabel } from './labels.ts';
import { DueInfo, StageTag } from './parts.tsx';

/** Actions that send the case back or end it badly come after the forward-moving ones and are not primary. */
const SECONDARY = new Set(['invalidate', 'merge', 'return', 'cancel', 'fail', 'close_unfixed', 'reopen', 'deny_extension', 'deny_suspension', 'request_suspension', 'request_extension']);

/**
 * One incident: a header with category, place, channel, urgency, deadline and handler; the actions the caller may take
 * (from the server's abilities) as buttons opening their forms; the photos, a location sketch, the duplicate check and
 * the timeline.
 */
export default function IncidentPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const loop = useLoopDefs();
  const categories = useCurrentCategories();
  const [action, setAction] = useState<{ a: IncidentAction; initial?: Record<string, unknown> } | null>(null);
  const { record: i, setRecord, state } = useRecord(() => getIncident(id), id);
  const candidates = useCandidates(i);
  const marks = useCalendarMarks(i?.deadlineAt);
  const photos = useMemo(() => (i ? casePhotos(i, loop) : []), [i, loop]);

  if (state === 'loading') return <FullPageSpin />;
  if (state === 'noAccess') return <NoAccess />;
  if (!i) return <Alert type="error" showIcon title={t('error.unexpected')} />;

  const events = [...i.abilities.events].sort((a, b) => Number(SECONDARY.has(a.event)) - Number(SECONDARY.has(b.event)));
  const merge = i.abilities.events.find((e) => e.event === 'merge');
  const sla = categories?.version === i.categoryVersion ? categories.categories.find((c) => c.code === i.categoryCode)?.deadline : undefined;
  const nearby = candidates.flatMap((c) => (c.incident && c.incident.lat !== null && c.incident.lng !== null ? [{ id: c.id, lat: c.incident.lat, lng: c.incident.lng, label: c.incident.description }] : []));
  const showDuplicates = i.possibleDuplicate || !!i.duplicateOf;

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex vertical gap={4}>
        <Space wrap align="center" style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
            {nameIn(i.categoryName, lang) || i.categoryCode}
          </Typography.Title>
          <StageTag i={i} />
          {i.urgency === 'urgent' && <Tag color="volcano">{urgencyLabel(t, i.urgency)}</Tag>}
          <Tag>{sourceLabel(t, i.sourceChannel)}</Tag>
          {i.possibleDuplicate && !i.duplicateOf && <Tag color="gold">{t('incidents.dup.flag')}</Tag>}
        </Space>
        <Space wrap size={[12, 4]}>
          {i.caseNo && <Typography.Text copyable={{ text: i.caseNo }} data-testid="case-no">{t('incidents.caseNo', { no: i.caseNo })}</Typography.Text>}
          <DueInfo i={i} marks={marks} />
          {i.handler && <Typography.Text type="secondary">{t('incidents.list.handledBy', { name: i.handler.name })}</Typography.Text>}
        </Space>
      </Flex>

      <Card title={t('incidents.detail.actions')} size="small">
        {events.length ? (
          <Flex wrap gap={8}>
            {events.map((e, n) => (
              <Button key={e.event} type={n === 0 ? 'primary' : 'default'} danger={e.event === 'cancel' || e.event === 'close_unfixed'} icon={n === 0 ? <ThunderboltOutlined /> : undefined} onClick={() => setAction({ a: e })}>
                {nameIn(e.name, lang) || e.event}
              </Button>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{i.outcome ? t('incidents.detail.ended') : t('incidents.detail.noActions')}</Typography.Text>
        )}
      </Card>

      <Card title={t('incidents.detail.overview')}>
        <IncidentFacts i={i} marks={marks} sla={sla} />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={i.lat !== null && i.lng !== null ? 16 : 24}>
          <Card title={t('incidents.detail.photos', { n: photos.length })} style={{ height: '100%' }}>
            <PhotoGallery photos={photos} />
          </Card>
        </Col>
        {i.lat !== null && i.lng !== null && (
          <Col xs={24} lg={8}>
            <Card title={t('incidents.detail.location')} style={{ height: '100%' }}>
              <LocationSketch lat={i.lat} lng={i.lng} nearby={nearby} />
            </Card>
          </Col>
        )}
      </Row>

      {showDuplicates && (
        <Card title={t('incidents.dup.title')}>
          <Duplicates incident={i} candidates={candidates} onMerge={merge ? (target) => setAction({ a: merge, initial: { duplicate_of: target } }) : undefined} />
        </Card>
      )}

      <EscalationPanel incidentId={i.id} onChanged={() => void getIncident(id).then(setRecord)} />

      <Card title={t('incidents.timeline.title')}>
        <IncidentTimeline incident={i} loop={loop} />
      </Card>

      {action && (
        <IncidentActionModal
          incident={i}
          action={action.a}
          initial={action.initial}
          onClose={() => setAction(null)}
          onDone={(next) => {
            setAction(null);
            setRecord(next);
          }}
        />
      )}
    </Flex>
  );
}

import { Link } from 'react-router';
import { Empty, Flex, Rate, Space, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { IncidentDetail, IncidentTimelineEntry } from '../../../../shared/incidents.ts';
import { useRegion } from '../../../app/region.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { inputLabel } from '../../deliberation/matter/inputs.tsx';
import { AttachmentLinks } from '../../deliberation/matter/MatterTimeline.tsx';
import type { LoopDefs } from '../hooks.ts';

const TERMINAL = new Set(['closed', 'closed_unfixed', 'invalid', 'cancelled']);
/** Events that send the case back (rework, reopening, wrong routing), drawn red. */
const SETBACKS = new Set(['fail', 'reopen', 'return']);
const time = (s: string) => dayjs(s).format('YYYY-MM-DD HH:mm');

/** One input of a fired event as a person reads it: photos as thumbnails, ids as names or links, ratings as stars. */
function InputValue({ k, value, entry, loop }: { k: string; value: unknown; entry: IncidentTimelineEntry; loop: LoopDefs }) {
  const { t } = useI18n();
  const region = useRegion();
  const def = loop.inputDef(entry.event, entry.fromStage, k);
  if (Array.isArray(value) && (def?.kind === 'photos' || def?.kind === 'attachments' || k === 'photos')) return <AttachmentLinks ids={value as string[]} photos={def?.kind !== 'attachments'} />;
  if (def?.kind === 'satisfaction' && typeof value === 'number') return <Rate disabled value={value} style={{ fontSize: 14 }} />;
  if (k === 'duplicate_of' && typeof value === 'string') return <Link to={region.withRegion(`/incidents/${value}`)}>{t('incidents.dup.link', { id: value.slice(0, 8) })}</Link>;
  if (k === 'verifier_ids' && typeof value === 'string') return <>{t('incidents.timeline.verifiers', { n: value.split(',').filter(Boolean).length })}</>;
  if (typeof value === 'string' || typeof value === 'number') return <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{String(value)}</span>;
  return <Typography.Text code style={{ overflowWrap: 'anywhere' }}>{JSON.stringify(value)}</Typography.Text>;
}

/** One entry: the action, who and when, the stage change, the inputs, the comment, attachments and the step's time limit. */
function Entry({ e, loop }: { e: IncidentTimelineEntry; loop: LoopDefs }) {
  const { t, lang } = useI18n();
  const name = e.fromStage === null ? t('incidents.timeline.started') : loop.eventName(e.event, e.fromStage);
  // The organisation's id says nothing to a reader; its name is recorded beside it.
  const inputs = Object.entries(e.input ?? {}).filter(([k]) => !(k === 'handler_org_id' && 'handler_name' in (e.input ?? {})));
  const label = (k: string) => {
    const def = loop.inputDef(e.event, e.fromStage, k);
    return def ? inputLabel(def, lang) : t.dyn(`incidents.input.${k}`, k);
  };
  return (
    <Flex vertical gap={4} style={{ minWidth: 0 }}>
      <Space wrap size={[8, 0]}>
        <Typography.Text strong>{name}</Typography.Text>
        <Typography.Text type="secondary">
          {e.actorName} · {time(e.at)}
        </Typography.Text>
      </Space>
      <Typography.Text type="secondary">
        {e.fromStage ? t('incidents.timeline.move', { from: loop.stageName(e.fromStage), to: loop.stageName(e.toStage) }) : t('incidents.timeline.start', { to: loop.stageName(e.toStage) })}
      </Typography.Text>
      {inputs.map(([k, v]) => (
        <div key={k}>
          <Typography.Text type="secondary">{t('incidents.labelColon', { label: label(k) })}</Typography.Text>
          <InputValue k={k} value={v} entry={e} loop={loop} />
        </div>
      ))}
      {e.comment && (
        <div>
          <Typography.Text type="secondary">{t('incidents.labelColon', { label: t('incidents.event.comment') })}</Typography.Text>
          <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{e.comment}</span>
        </div>
      )}
      {e.attachments.length > 0 && <AttachmentLinks ids={e.attachments} />}
      {e.oldDueAt !== e.newDueAt && (e.oldDueAt || e.newDueAt) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {e.oldDueAt && e.newDueAt
            ? t('incidents.timeline.due', { from: time(e.oldDueAt), to: time(e.newDueAt) })
            : e.newDueAt
              ? t('incidents.timeline.dueSet', { to: time(e.newDueAt) })
              : t('incidents.timeline.dueCleared', { from: time(e.oldDueAt!) })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The incident's append-only timeline, oldest first, with names from the closed-loop template. */
export function IncidentTimeline({ incident, loop }: { incident: IncidentDetail; loop: LoopDefs }) {
  const { t } = useI18n();
  if (incident.timeline.length === 0) return <Empty description={t('incidents.timeline.empty')} />;
  const entries = [...incident.timeline].sort((a, b) => a.seq - b.seq);
  return (
    <Timeline
      items={entries.map((e) => ({
        key: e.seq,
        color: e.toStage === 'closed' ? 'green' : TERMINAL.has(e.toStage) ? 'gray' : SETBACKS.has(e.event) ? 'red' : 'blue',
        content: <Entry e={e} loop={loop} />,
      }))}
    />
  );
}

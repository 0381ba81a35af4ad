import { Empty, Flex, Space, Timeline, Typography } from 'antd';
import type { DisputeDetail, DisputeTimelineEntry } from '../../../shared/disputes.ts';
import { useI18n, type Lang, type T } from '../../i18n/index.tsx';
import { dateTime } from '../../components/dateTime.ts';
import { disputeEventLabel, disputeStatusLabel, disputeTypeLabel, followUpLabel, referralLabel } from './labels.ts';

/** The facts of one entry worth reading: who was assigned, where the session was, the outcome's text. */
function details(t: T, lang: Lang, e: DisputeTimelineEntry): { label: string; value: string }[] {
  const d = e.data;
  const names = (v: unknown) => (Array.isArray(v) ? (v as { name: string }[]).map((m) => m.name).join(t('common.listSep')) : '');
  const s = (v: unknown) => (v == null ? '' : String(v));
  switch (e.event) {
    case 'register': return [{ label: t('disputes.type'), value: disputeTypeLabel(lang, s(d.type)) }, { label: t('disputes.parties'), value: s(d.parties) }];
    case 'assign': case 'unassign': return [{ label: t('disputes.mediators'), value: names(d.mediators) }];
    case 'session': return [
      { label: t('disputes.session.heldOn'), value: s(d.heldOn) }, { label: t('disputes.session.place'), value: s(d.place) },
      { label: t('disputes.session.present'), value: names(d.mediators) }, { label: t('disputes.session.notes'), value: s(d.notes) },
    ];
    case 'agree': return [{ label: t('disputes.outcome.agreementText'), value: s(d.agreementText) }];
    case 'refer': return [
      { label: t('disputes.outcome.referredTo'), value: referralLabel(t, s(d.referredTo)) }, { label: t('disputes.outcome.referralNote'), value: s(d.note) },
      ...('jointMeeting' in d ? [{ label: t('disputes.timeline.jointMeeting'), value: d.jointMeeting ? t('disputes.timeline.onAgenda', { name: s((d.jointMeeting as { bodyName: string }).bodyName) }) : t('disputes.timeline.noJointMeeting') }] : []),
    ];
    case 'withdraw': case 'reopen': return [{ label: t('disputes.action.reason'), value: s(d.reason) }];
    case 'follow_up': return [
      { label: t('disputes.followUp.on'), value: s(d.on) }, { label: t('disputes.followUp.result'), value: followUpLabel(t, s(d.result)) },
      ...(d.note ? [{ label: t('disputes.followUp.note'), value: s(d.note) }] : []),
    ];
    case 'add_parties': return [{ label: t('disputes.timeline.partiesAdded'), value: s(d.count) }];
    case 'update': return [{ label: t('disputes.timeline.fields'), value: Object.keys(d).map((k) => t.dyn(`disputes.field.${k}`, k)).join(t('common.listSep')) }];
    default: return [];
  }
}

/** A dispute's append-only timeline, oldest first: event, who and when, the status change and the facts recorded. */
export function DisputeTimeline({ dispute }: { dispute: DisputeDetail }) {
  const { t, lang } = useI18n();
  if (dispute.timeline.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const entries = [...dispute.timeline].sort((a, b) => a.seq - b.seq);
  const terminal = new Set(['agreed', 'referred', 'withdrawn', 'followed_up']);
  return (
    <Timeline
      items={entries.map((e) => ({
        key: e.seq,
        color: e.event === 'reopen' ? 'red' : terminal.has(e.toStatus) ? 'green' : 'blue',
        content: (
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Space wrap size={[8, 0]}>
              <Typography.Text strong>{disputeEventLabel(t, e.event)}</Typography.Text>
              <Typography.Text type="secondary">{e.actorName} · {dateTime(e.at)}</Typography.Text>
            </Space>
            {e.fromStatus !== e.toStatus && (
              <Typography.Text type="secondary">
                {e.fromStatus ? t('disputes.timeline.move', { from: disputeStatusLabel(t, e.fromStatus), to: disputeStatusLabel(t, e.toStatus) }) : disputeStatusLabel(t, e.toStatus)}
              </Typography.Text>
            )}
            {details(t, lang, e).filter((x) => x.value).map((x) => (
              <div key={x.label} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                <Typography.Text type="secondary">{t('disputes.labelColon', { label: x.label })}</Typography.Text>
                {x.value}
              </div>
            ))}
          </Flex>
        ),
      }))}
    />
  );
}

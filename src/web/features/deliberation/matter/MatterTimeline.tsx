import { Empty, Flex, Image, Rate, Space, Timeline, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { MatterDetail, MatterTimelineEntry } from '../../../../shared/deliberation.ts';
import type { InputDef } from '../../../../shared/method-template.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { attachmentUrl } from '../api.ts';
import { choiceLabel, nameIn } from '../labels.ts';
import { inputLabel } from './inputs.tsx';
import { eventName, inputDef, useMethodDefs } from './methodDefs.ts';

/** Links to attachments (photos as thumbnails that open large). */
export function AttachmentLinks({ ids, photos }: { ids: string[]; photos?: boolean }) {
  const { t } = useI18n();
  if (photos) {
    return (
      <Image.PreviewGroup>
        <Space wrap size={8}>
          {ids.map((id, i) => (
            <Image key={id} src={attachmentUrl(id)} width={72} height={72} style={{ objectFit: 'cover' }} alt={t('matters.attachment.photo', { n: i + 1 })} />
          ))}
        </Space>
      </Image.PreviewGroup>
    );
  }
  return (
    <Space wrap size={12}>
      {ids.map((id, i) => (
        <a key={id} href={attachmentUrl(id)} target="_blank" rel="noreferrer">
          <PaperClipOutlined /> {t('matters.attachment.file', { n: i + 1 })}
        </a>
      ))}
    </Space>
  );
}

/** One input value of a fired event, as a person reads it. */
function InputValue({ def, value }: { def: InputDef | undefined; value: unknown }) {
  const { t } = useI18n();
  const kind = def?.kind;
  if (kind === 'satisfaction' && typeof value === 'number') return <Rate disabled value={value} style={{ fontSize: 14 }} />;
  if ((kind === 'photos' || kind === 'attachments') && Array.isArray(value)) return <AttachmentLinks ids={value as string[]} photos={kind === 'photos'} />;
  if (kind === 'choice' && typeof value === 'string') return <>{choiceLabel(t, value)}</>;
  if (value && typeof value === 'object' && 'for' in value) {
    const v = value as { for: number; against: number; abstain: number; eligible?: number };
    return <>{t(v.eligible != null ? 'matters.vote.textWithEligible' : 'matters.vote.text', { for: v.for, against: v.against, abstain: v.abstain, eligible: v.eligible ?? '' })}</>;
  }
  if (typeof value === 'string') return <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{value}</span>;
  return <Typography.Text code style={{ overflowWrap: 'anywhere' }}>{JSON.stringify(value)}</Typography.Text>;
}

/** One timeline entry: the action, who and when, the stage change, the inputs, the comment and attachments. */
function Entry({ e, stageName, defs }: { e: MatterTimelineEntry; stageName: (k: string | null) => string; defs: ReturnType<typeof useMethodDefs> }) {
  const { t, lang } = useI18n();
  const name = nameIn(eventName(defs, e.event, e.fromStage), lang) || (e.fromStage === null ? t('matters.timeline.started') : e.event);
  const inputs = Object.entries(e.input ?? {});
  return (
    <Flex vertical gap={4} style={{ minWidth: 0 }}>
      <Space wrap size={[8, 0]}>
        <Typography.Text strong>{name}</Typography.Text>
        <Typography.Text type="secondary">
          {e.actorName} · {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
        </Typography.Text>
      </Space>
      <Typography.Text type="secondary">
        {e.fromStage ? t('matters.timeline.move', { from: stageName(e.fromStage), to: stageName(e.toStage) }) : t('matters.timeline.start', { to: stageName(e.toStage) })}
      </Typography.Text>
      {inputs.map(([k, v]) => {
        const def = inputDef(defs, e.event, e.fromStage, k);
        return (
          <div key={k}>
            <Typography.Text type="secondary">{t('matters.labelColon', { label: def ? inputLabel(def, lang) : k })}</Typography.Text>
            <InputValue def={def} value={v} />
          </div>
        );
      })}
      {e.comment && (
        <div>
          <Typography.Text type="secondary">{t('matters.labelColon', { label: t('matters.event.comment') })}</Typography.Text>
          <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{e.comment}</span>
        </div>
      )}
      {e.attachments.length > 0 && <AttachmentLinks ids={e.attachments} />}
    </Flex>
  );
}

/** The matter's append-only timeline, newest last, with event and input names from its method. */
export function MatterTimeline({ matter }: { matter: MatterDetail }) {
  const { t, lang } = useI18n();
  const defs = useMethodDefs(matter.methodKey);
  if (matter.timeline.length === 0) return <Empty description={t('matters.timeline.empty')} />;
  const stageName = (k: string | null) => {
    if (!k) return '';
    return nameIn(matter.stages.find((s) => s.key === k)?.name, lang) || k;
  };
  const entries = [...matter.timeline].sort((a, b) => a.seq - b.seq);
  return (
    <Timeline
      items={entries.map((e) => ({
        key: e.id,
        color: matter.stages.find((s) => s.key === e.toStage)?.terminal ? 'green' : 'blue',
        content: <Entry e={e} stageName={stageName} defs={defs} />,
      }))}
    />
  );
}

import { useEffect, useRef, useState } from 'react';
import { App, Button, Col, Flex, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import type { MeetingView, OwnersVoteCount, VoteView } from '../../../../shared/deliberation.ts';
import { newId } from '../../../api/client.ts';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useT } from '../../../i18n/index.tsx';
import { useIsPhone } from '../../registry/formKit.tsx';
import { getMatterBrief, getOwnerTotals, recordVote } from '../api.meetings.ts';
import { jointItemOptions } from '../labels.ts';
import { areaOfCenti, centiOf, outcomeLabel } from '../labels.meetings.ts';
import { OwnersCheck } from './OwnersCheck.tsx';

interface Values {
  kind: 'simple' | 'owners';
  eligible?: number | null;
  votesFor?: number | null;
  votesAgainst?: number | null;
  votesAbstain?: number | null;
  ownersItem?: number;
  totalArea?: string;
  totalOwners?: number | null;
  participatingArea?: string;
  participatingOwners?: number | null;
  yesArea?: string;
  yesOwners?: number | null;
  noArea?: string;
  noOwners?: number | null;
}

const ROWS = [
  ['totalArea', 'totalOwners', 'meetings.vote.total'],
  ['participatingArea', 'participatingOwners', 'meetings.vote.participating'],
  ['yesArea', 'yesOwners', 'meetings.vote.yes'],
  ['noArea', 'noOwners', 'meetings.vote.no'],
] as const;

/** The typed owners' counts as the shared rule takes them, or null while any is missing or not a number. */
export function countOf(v: Partial<Values>): OwnersVoteCount | null {
  const areas = [v.totalArea, v.participatingArea, v.yesArea, v.noArea].map(centiOf);
  const owners = [v.totalOwners, v.participatingOwners, v.yesOwners, v.noOwners];
  if (!v.ownersItem || areas.some((a) => a === null) || owners.some((o) => typeof o !== 'number')) return null;
  const [totalAreaC, participatingAreaC, yesAreaC, noAreaC] = areas as number[];
  const [totalOwners, participatingOwners, yesOwners, noOwners] = owners as number[];
  return { item: v.ownersItem, totalAreaC, totalOwners, participatingAreaC, participatingOwners, yesAreaC, yesOwners, noAreaC, noOwners };
}

/**
 * 表决: a simple show of hands, or an owners' vote under 民法典 art. 278 (item 1–9; totals prefilled from the registry;
 * area and headcount of those taking part, for and against), with the rule checked live as the user types. Votes are
 * immutable: a recorded one shows its outcome in the list above.
 */
export function VoteForm({ meeting, onRecorded }: { meeting: MeetingView; onRecorded(v: VoteView): void }) {
  const t = useT();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [totalsNote, setTotalsNote] = useState<string | null>(null);
  const id = useRef(newId());
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const kind = values?.kind ?? 'simple';
  const prefilled = useRef(false);

  // A matter decided jointly by owners brings its art. 278 item.
  useEffect(() => {
    if (!meeting.matterId) return;
    getMatterBrief(meeting.matterId)
      .then((m) => {
        if (m.jointDecisionItem) form.setFieldsValue({ kind: 'owners', ownersItem: m.jointDecisionItem });
      })
      .catch(() => undefined);
  }, [meeting.matterId, form]);

  useEffect(() => {
    if (kind !== 'owners' || prefilled.current) return;
    prefilled.current = true;
    getOwnerTotals(meeting.compound.id)
      .then((r) => {
        const c = centiOf(Number(r.areaM2).toFixed(2));
        form.setFieldsValue({ totalArea: c === null ? undefined : areaOfCenti(c), totalOwners: r.households });
        setTotalsNote(t('meetings.vote.prefilled', { households: r.households, area: c === null ? '—' : areaOfCenti(c) }));
      })
      .catch(() => setTotalsNote(t('meetings.vote.prefillFailed')));
  }, [kind, meeting.compound.id, form, t]);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const n = (x: number | null | undefined) => x ?? 0;
      const vote = await recordVote(
        meeting.id,
        id.current,
        v.kind === 'simple'
          ? { kind: 'simple', matterId: meeting.matterId, eligible: v.eligible ?? null, votesFor: n(v.votesFor), votesAgainst: n(v.votesAgainst), votesAbstain: n(v.votesAbstain) }
          : {
              kind: 'owners', matterId: meeting.matterId, ownersItem: v.ownersItem!,
              totalArea: v.totalArea!.trim(), totalOwners: n(v.totalOwners), participatingArea: v.participatingArea!.trim(), participatingOwners: n(v.participatingOwners),
              yesArea: v.yesArea!.trim(), yesOwners: n(v.yesOwners), noArea: v.noArea!.trim(), noOwners: n(v.noOwners),
            },
      );
      id.current = newId();
      message.success(t('meetings.vote.recorded', { outcome: outcomeLabel(t, vote.outcome) }));
      form.resetFields(['eligible', 'votesFor', 'votesAgainst', 'votesAbstain', 'participatingArea', 'participatingOwners', 'yesArea', 'yesOwners', 'noArea', 'noOwners']);
      onRecorded(vote);
    } catch (e) {
      handleError(e, { form });
    } finally {
      setBusy(false);
    }
  };

  const area = () => [
    { required: true, message: t('meetings.vote.required') },
    { validator: async (_r: unknown, s?: string) => { if (s && centiOf(s) === null) throw new Error(t('meetings.vote.areaFormat')); } },
  ];
  const count = (required: boolean) => [{ required, message: t('meetings.vote.required') }];
  const int = (label: string) => <InputNumber min={0} precision={0} style={{ width: '100%' }} aria-label={label} inputMode="numeric" />;

  return (
    <Form<Values> form={form} name="vote" layout="vertical" initialValues={{ kind: 'simple' }} onFinish={(v) => void submit(v)} style={{ maxWidth: 720 }}>
      <Form.Item label={t('meetings.vote.kind')} name="kind">
        <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'simple', label: t('meetings.vote.simple') }, { value: 'owners', label: t('meetings.vote.owners') }]} />
      </Form.Item>
      {kind === 'simple' ? (
        <Row gutter={12}>
          {(['votesFor', 'votesAgainst', 'votesAbstain', 'eligible'] as const).map((f) => (
            <Col key={f} span={phone ? 12 : 6}>
              <Form.Item label={t(`meetings.vote.${f}`)} name={f} rules={count(f !== 'eligible')}>
                {int(t(`meetings.vote.${f}`))}
              </Form.Item>
            </Col>
          ))}
        </Row>
      ) : (
        <>
          <Form.Item label={t('meetings.vote.item')} name="ownersItem" rules={[{ required: true, message: t('meetings.vote.itemRequired') }]} extra={t('meetings.vote.itemHint')}>
            <Select options={jointItemOptions(t)} placeholder={t('meetings.vote.itemPlaceholder')} />
          </Form.Item>
          {totalsNote && <Typography.Paragraph type="secondary">{totalsNote}</Typography.Paragraph>}
          {ROWS.map(([a, o, label]) => (
            <Row gutter={12} key={a}>
              <Col span={12}>
                <Form.Item label={t('meetings.vote.areaOf', { what: t(label) })} name={a} rules={area()}>
                  <Input inputMode="decimal" suffix="㎡" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label={t('meetings.vote.ownersOf', { what: t(label) })} name={o} rules={count(true)}>
                  {int(t('meetings.vote.ownersOf', { what: t(label) }))}
                </Form.Item>
              </Col>
            </Row>
          ))}
          <div style={{ marginBottom: 16 }}>
            <OwnersCheck count={values ? countOf(values) : null} />
          </div>
        </>
      )}
      <Flex gap={8} wrap align="center">
        <Button type="primary" htmlType="submit" loading={busy}>{t('meetings.vote.record')}</Button>
        <Typography.Text type="secondary">{t('meetings.vote.immutable')}</Typography.Text>
      </Flex>
    </Form>
  );
}

import { useEffect, useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import { CheckCircleFilled, UserAddOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { MEMBER_KINDS, type AttendeeView, type MeetingView, type PoolMemberView } from '../../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useT } from '../../../i18n/index.tsx';
import { listPool, signIn } from '../api.meetings.ts';
import { memberKindLabel } from '../labels.ts';
import { attendeeKindLabel } from '../labels.meetings.ts';
import { useKindOptions } from '../kit.meetings.tsx';

/** One attendee as a full-width touch target: tap to sign in, then it shows the time. */
function AttendeeRow({ a, busy, enabled, onSignIn }: { a: AttendeeView; busy: boolean; enabled: boolean; onSignIn(): void }) {
  const t = useT();
  const signed = !!a.signedInAt;
  return (
    <li>
      <button
        type="button"
        disabled={signed || !enabled || busy || !a.memberId}
        onClick={onSignIn}
        aria-pressed={signed}
        aria-label={signed ? t('meetings.signIn.signedAria', { name: a.name }) : t('meetings.signIn.tapAria', { name: a.name })}
        style={{
          width: '100%',
          minHeight: 56,
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: '8px 12px',
          border: `1px solid ${signed ? '#b7eb8f' : '#d9d9d9'}`,
          borderRadius: 8,
          background: signed ? '#f6ffed' : '#fff',
          cursor: signed || !enabled ? 'default' : 'pointer',
          textAlign: 'left',
          font: 'inherit',
          color: 'inherit',
          opacity: busy ? 0.6 : 1,
        }}
      >
        <span
          aria-hidden
          style={{ width: 28, height: 28, flex: 'none', borderRadius: '50%', border: signed ? 'none' : '2px solid #bfbfbf', display: 'grid', placeItems: 'center', fontSize: 28, color: '#52c41a' }}
        >
          {signed && <CheckCircleFilled />}
        </span>
        <span style={{ flex: 1, minWidth: 0 }}>
          <span style={{ display: 'block', fontSize: 16, fontWeight: 500, overflowWrap: 'anywhere' }}>{a.name}</span>
          <span style={{ display: 'block', fontSize: 13, color: '#888' }}>
            {attendeeKindLabel(t, a.kind)}
            {!a.invited && ` · ${t('meetings.signIn.walkIn')}`}
          </span>
        </span>
        <span style={{ flex: 'none', fontSize: 13, color: signed ? '#389e0d' : '#888' }}>
          {signed ? t('meetings.signIn.at', { time: dayjs(a.signedInAt).format('HH:mm') }) : enabled ? t('meetings.signIn.tap') : t('meetings.signIn.notYet')}
        </span>
      </button>
    </li>
  );
}

/**
 * 签到: the invited members as big rows to tick (works one-handed on a 390-px phone), each showing when it signed in, and
 * walk-ins added from the pool or by name and kind. Every tap answers with the whole meeting, which the page keeps.
 */
export function SignInPanel({ meeting, onChange }: { meeting: MeetingView; onChange(m: MeetingView): void }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<{ name?: string; kind?: string }>();
  const [busy, setBusy] = useState<string | null>(null);
  const [pool, setPool] = useState<PoolMemberView[]>([]);
  const [fromPool, setFromPool] = useState<string | null>(null);
  const kindOptions = useKindOptions(true);
  const enabled = meeting.abilities.signIn;

  useEffect(() => {
    if (!enabled) return;
    listPool(meeting.compound.id, { active: true }).then(setPool, () => setPool([]));
  }, [enabled, meeting.compound.id]);

  const run = async (key: string, who: Parameters<typeof signIn>[1], done?: () => void) => {
    setBusy(key);
    try {
      onChange(await signIn(meeting.id, who));
      done?.();
    } catch (e) {
      handleError(e, key === 'walkIn' ? { form } : {});
    } finally {
      setBusy(null);
    }
  };

  const addWalkIn = async () => {
    const v = await form.validateFields();
    await run('walkIn', { name: v.name!.trim(), kind: v.kind! }, () => {
      form.resetFields();
      message.success(t('meetings.signIn.walkInAdded', { name: v.name!.trim() }));
    });
  };

  const attending = new Set(meeting.attendees.map((a) => a.memberId).filter(Boolean));
  const others = pool.filter((m) => !attending.has(m.id));
  // 1, then the five, then N: the order the 1+5+N rule reads in.
  const rank = (k: string) => ((MEMBER_KINDS as readonly string[]).indexOf(k) + 100) % 100;
  const invited = meeting.attendees.filter((a) => a.invited).sort((x, y) => rank(x.kind) - rank(y.kind) || x.name.localeCompare(y.name, 'zh-CN'));
  const walkIns = meeting.attendees.filter((a) => !a.invited);
  const signed = meeting.attendees.filter((a) => a.signedInAt).length;

  return (
    <Flex vertical gap={16} style={{ minWidth: 0, maxWidth: 720 }}>
      <Typography.Text strong style={{ fontSize: 16 }}>{t('meetings.signIn.count', { n: signed, of: meeting.attendees.length })}</Typography.Text>
      {invited.length === 0 && <Typography.Text type="secondary">{t('meetings.signIn.noInvited')}</Typography.Text>}
      <ul aria-label={t('meetings.signIn.invitedList')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
        {invited.map((a) => (
          <AttendeeRow key={a.id} a={a} busy={busy === a.id} enabled={enabled} onSignIn={() => void run(a.id, { memberId: a.memberId! })} />
        ))}
      </ul>
      {walkIns.length > 0 && (
        <>
          <Typography.Text type="secondary">{t('meetings.signIn.walkIns')}</Typography.Text>
          <ul aria-label={t('meetings.signIn.walkIns')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
            {walkIns.map((a) => <AttendeeRow key={a.id} a={a} busy={false} enabled={false} onSignIn={() => undefined} />)}
          </ul>
        </>
      )}
      {enabled && (
        <Card size="small" title={<><UserAddOutlined /> {t('meetings.signIn.addWalkIn')}</>}>
          {others.length > 0 && (
            <Flex gap={8} wrap style={{ marginBottom: 16 }}>
              <Select
                aria-label={t('meetings.signIn.fromPool')}
                size="large"
                style={{ flex: '1 1 200px', minWidth: 0 }}
                placeholder={t('meetings.signIn.fromPool')}
                value={fromPool}
                onChange={setFromPool}
                showSearch={{ optionFilterProp: 'label' }}
                options={others.map((m) => ({ value: m.id, label: `${m.name} · ${memberKindLabel(t, m.kind)}` }))}
              />
              <Button size="large" disabled={!fromPool} loading={busy === 'pool'} onClick={() => void run('pool', { memberId: fromPool! }, () => setFromPool(null))}>
                {t('meetings.signIn.signInMember')}
              </Button>
            </Flex>
          )}
          <Form form={form} name="walkIn" layout="vertical" initialValues={{ kind: 'resident' }} onFinish={() => void addWalkIn().catch(() => undefined)}>
            <Form.Item label={t('meetings.signIn.name')} name="name" rules={[{ required: true, whitespace: true, message: t('meetings.signIn.nameRequired') }, { max: 50 }]}>
              <Input size="large" autoComplete="off" />
            </Form.Item>
            <Form.Item label={t('meetings.signIn.kind')} name="kind" rules={[{ required: true }]}>
              <Select size="large" options={kindOptions} />
            </Form.Item>
            <Button type="primary" size="large" block htmlType="submit" loading={busy === 'walkIn'}>{t('meetings.signIn.addAndSign')}</Button>
          </Form>
        </Card>
      )}
    </Flex>
  );
}

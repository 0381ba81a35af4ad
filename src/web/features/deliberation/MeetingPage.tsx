import { useEffect, useState, type ReactNode } from 'react';
import { App, Button, Card, Descriptions, Flex, Modal, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { CheckOutlined, EditOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { MeetingView } from '../../../shared/deliberation.ts';
import { api } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRecord } from '../../api/useRecord.ts';
import { useRegion } from '../../app/region.tsx';
import { FullPageSpin, NoAccess } from '../../components/status.tsx';
import { useT } from '../../i18n/index.tsx';
import { useIsPhone } from '../registry/formKit.tsx';
import { getMatterBrief, getMeeting, markHeld } from './api.meetings.ts';
import { dateTime } from '../../components/dateTime.ts';
import { meetingFormLabel } from './labels.ts';
import { MEETING_STATUS_COLOR, meetingStatusLabel, purposeLabel } from './labels.meetings.ts';
import { MeetingForm, type MeetingDefaults } from './meeting/MeetingForm.tsx';
import { MinutesForm } from './meeting/MinutesForm.tsx';
import { SignInPanel } from './meeting/SignInPanel.tsx';
import { VoteForm } from './meeting/VoteForm.tsx';
import { VoteList } from './meeting/VoteList.tsx';

const TABS = ['signIn', 'minutes', 'votes'] as const;
type TabKey = (typeof TABS)[number];

/** A new meeting: starts from ?matterId= (the matter's compound and title) or ?compoundId=. */
function NewMeeting() {
  const t = useT();
  const navigate = useNavigate();
  const region = useRegion();
  const [params] = useSearchParams();
  const matterId = params.get('matterId');
  const compoundId = params.get('compoundId');
  const [defaults, setDefaults] = useState<MeetingDefaults | null>(matterId || compoundId ? null : { compound: null, matter: null });

  useEffect(() => {
    let live = true;
    const done = (d: MeetingDefaults) => live && setDefaults(d);
    if (matterId) {
      getMatterBrief(matterId).then((m) => done({ compound: m.compound, matter: { id: m.id, title: m.title } }), () => done({ compound: null, matter: null }));
    } else if (compoundId) {
      api.get<{ id: string; name: string }>(`/api/compounds/${encodeURIComponent(compoundId)}`).then((c) => done({ compound: { id: c.id, name: c.name }, matter: null }), () => done({ compound: null, matter: null }));
    }
    return () => {
      live = false;
    };
  }, [matterId, compoundId]);

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('meetings.new')}</Typography.Title>
      <Card>
        {defaults ? (
          <MeetingForm
            meeting={null}
            defaults={defaults}
            onSaved={(m) => navigate(region.withRegion(`/deliberation/meetings/${m.id}`), { replace: true })}
            onCancel={() => navigate(-1)}
          />
        ) : (
          <FullPageSpin />
        )}
      </Card>
    </Flex>
  );
}

/** One meeting: what, when, where; sign-in, minutes and decisions, votes; edit and "mark held" when the server allows. */
function MeetingDetail({ id }: { id: string }) {
  const t = useT();
  const { message } = App.useApp();
  const region = useRegion();
  const phone = useIsPhone();
  const handleError = useApiErrorHandler();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const [holding, setHolding] = useState(false);
  const { record: m, setRecord, state, reload } = useRecord(() => getMeeting(id), id);
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'signIn';

  if (state === 'loading') return <FullPageSpin />;
  if (state === 'noAccess') return <NoAccess />;
  if (!m) return <NoAccess detail={t('meetings.loadFailed')} />;

  const update = (next: MeetingView) => setRecord(next);
  const signedIn = m.attendees.filter((a) => a.signedInAt).length;
  const heldBlockers = [...(signedIn === 0 ? [t('meetings.held.needSignIn')] : []), ...(m.minutes?.trim() ? [] : [t('meetings.held.needMinutes')])];

  const hold = async () => {
    setHolding(true);
    try {
      update(await markHeld(m.id, m.version));
      message.success(t('meetings.held.done'));
    } catch (e) {
      handleError(e, { onReload: () => void reload() });
    } finally {
      setHolding(false);
    }
  };

  const setTab = (k: string) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (k === 'signIn') p.delete('tab');
      else p.set('tab', k);
      return p;
    }, { replace: true });

  const content: Record<TabKey, ReactNode> = {
    signIn: <SignInPanel meeting={m} onChange={update} />,
    minutes: <MinutesForm key={m.id} meeting={m} onChange={update} />,
    votes: (
      <Flex vertical gap={16}>
        <VoteList votes={m.votes} />
        {m.abilities.vote && (
          <Card size="small" title={t('meetings.vote.new')}>
            <VoteForm meeting={m} onRecorded={() => void reload()} />
          </Card>
        )}
      </Flex>
    ),
  };

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="start" wrap gap={8}>
        <Space wrap align="center">
          <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>{m.title}</Typography.Title>
          <Tag color={MEETING_STATUS_COLOR[m.status]}>{meetingStatusLabel(t, m.status)}</Tag>
        </Space>
        <Space wrap>
          {m.abilities.edit && m.status === 'planned' && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
          {m.abilities.markHeld && m.status === 'planned' && (
            <Popconfirm title={t('meetings.held.confirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => void hold()} disabled={heldBlockers.length > 0}>
              <Button type="primary" icon={<CheckOutlined />} loading={holding} disabled={heldBlockers.length > 0}>{t('meetings.held.mark')}</Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>
      {m.abilities.markHeld && m.status === 'planned' && heldBlockers.length > 0 && (
        <Typography.Text type="secondary">{t('meetings.held.blocked', { what: heldBlockers.join(t('common.listSep')) })}</Typography.Text>
      )}
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'compound', label: t('meetings.common.compound'), children: m.compound.name },
            { key: 'startsAt', label: t('meetings.startsAt'), children: dateTime(m.startsAt) },
            { key: 'place', label: t('meetings.place'), children: m.place ?? t('common.none') },
            { key: 'purpose', label: t('meetings.purpose'), children: purposeLabel(t, m.purpose) },
            { key: 'form', label: t('meetings.form'), children: meetingFormLabel(t, m.form) },
            {
              key: 'matter',
              label: t('meetings.matter'),
              children: m.matterId ? <Link to={region.withRegion(`/deliberation/matters/${m.matterId}`)}>{m.matterTitle ?? t('meetings.openMatter')}</Link> : t('common.none'),
            },
            ...(m.heldAt ? [{ key: 'heldAt', label: t('meetings.heldAt'), children: dateTime(m.heldAt) }] : []),
          ]}
        />
      </Card>
      <Card size="small" styles={{ body: { padding: phone ? 12 : 16 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={TABS.map((k) => ({
            key: k,
            label: k === 'signIn' ? t('meetings.tab.signIn', { n: signedIn, of: m.attendees.length }) : k === 'minutes' ? t('meetings.tab.minutes') : t('meetings.tab.votes', { n: m.votes.length }),
            children: content[k],
          }))}
        />
      </Card>
      <Modal open={editing} title={t('meetings.editTitle')} footer={null} onCancel={() => setEditing(false)} destroyOnHidden width={phone ? '100%' : 720}>
        <MeetingForm
          meeting={m}
          onSaved={(next) => {
            update(next);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      </Modal>
    </Flex>
  );
}

/** 'deliberation/meetings/:id': a new meeting for id 'new', else the meeting. */
export default function MeetingPage() {
  const { id = '' } = useParams();
  return id === 'new' ? <NewMeeting /> : <MeetingDetail id={id} />;
}

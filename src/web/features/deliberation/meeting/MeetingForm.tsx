import { useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { MEETING_FORMS, MEETING_PURPOSES, type MeetingForm as Form5, type MeetingPurpose, type MeetingView, type Named } from '../../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { RemoteSelect, type Choice } from '../../../components/RemoteSelect.tsx';
import { useT } from '../../../i18n/index.tsx';
import { textOrNull, useOpenId } from '../../registry/formKit.tsx';
import { createMeeting, getMeeting, listParticipants, searchMatters, updateMeeting, type MeetingPatch } from '../api.meetings.ts';
import { CompoundSelect } from '../../../components/CompoundSelect.tsx';
import { meetingFormLabel } from '../labels.ts';
import { purposeLabel } from '../labels.meetings.ts';
import { InvitePicker } from './InvitePicker.tsx';

interface Values {
  compoundId?: string | null;
  matterId?: string | null;
  purpose?: MeetingPurpose;
  form?: Form5;
  title?: string;
  startsAt?: Dayjs | null;
  place?: string;
  invitedMemberIds?: string[];
}

/** The pool members invited to a meeting. */
const invitedOf = (m: MeetingView) => m.attendees.filter((a) => a.invited && a.memberId).map((a) => a.memberId!);

/** What a new meeting starts from (a matter's "hold a meeting", the monthly report's "schedule one"). */
export interface MeetingDefaults {
  compound: Named | null;
  matter: { id: string; title: string } | null;
}

/**
 * Schedules a meeting (compound, matter, purpose, form, title, time, place, invited members from the 1+5+N pool; a linked
 * matter's chosen participants are invited to start with) or edits one (title, form, time, place, and the invitations while
 * it is planned). Server problems land under their fields; an edit's 409 STALE keeps what was typed and offers a reload.
 */
export function MeetingForm({ meeting, defaults, onSaved, onCancel }: { meeting: MeetingView | null; defaults?: MeetingDefaults; onSaved(m: MeetingView): void; onCancel(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(meeting?.version ?? 1);
  const createId = useOpenId(true);
  const watchedCompound = Form.useWatch('compoundId', form);
  const compoundId = meeting ? meeting.compound.id : (watchedCompound ?? defaults?.compound?.id ?? null);
  const matterId = Form.useWatch('matterId', form);

  useEffect(() => {
    if (meeting) setVersion(meeting.version);
  }, [meeting]);

  // A linked matter's chosen participants are the natural invitation list.
  useEffect(() => {
    if (meeting || !matterId) return;
    let live = true;
    listParticipants(matterId)
      .then((ps) => {
        if (live && ps.length && !(form.getFieldValue('invitedMemberIds') ?? []).length) form.setFieldsValue({ invitedMemberIds: ps.map((p) => p.memberId) });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [matterId, meeting, form]);

  const reload = async () => {
    if (!meeting) return;
    try {
      setVersion((await getMeeting(meeting.id)).version);
      message.info(t('stale.reloaded'));
    } catch (e) {
      handleError(e);
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      let saved: MeetingView;
      if (meeting) {
        const patch: MeetingPatch = {};
        if (v.title!.trim() !== meeting.title) patch.title = v.title!.trim();
        if (v.form !== meeting.form) patch.form = v.form;
        if (v.startsAt && !v.startsAt.isSame(dayjs(meeting.startsAt), 'minute')) patch.startsAt = v.startsAt.toISOString();
        if (textOrNull(v.place) !== meeting.place) patch.place = textOrNull(v.place);
        const invited = v.invitedMemberIds ?? [];
        if (meeting.status === 'planned' && [...invited].sort().join() !== [...invitedOf(meeting)].sort().join()) patch.invitedMemberIds = invited;
        saved = await updateMeeting(meeting.id, version, patch);
        message.success(t('common.saved'));
      } else {
        saved = await createMeeting(createId, {
          compoundId: v.compoundId!,
          matterId: v.matterId ?? null,
          purpose: v.purpose!,
          form: v.form!,
          title: v.title!.trim(),
          startsAt: v.startsAt!.toISOString(),
          place: textOrNull(v.place),
          invitedMemberIds: v.invitedMemberIds ?? [],
        });
        message.success(t('meetings.created'));
      }
      onSaved(saved);
    } catch (e) {
      handleError(e, { form, onReload: meeting ? () => void reload() : undefined });
    } finally {
      setBusy(false);
    }
  };

  const matterChoice: Choice | null = defaults?.matter ? { value: defaults.matter.id, label: defaults.matter.title } : null;
  const initial: Values = meeting
    ? { form: meeting.form, title: meeting.title, startsAt: dayjs(meeting.startsAt), place: meeting.place ?? undefined, invitedMemberIds: invitedOf(meeting) }
    : {
        compoundId: defaults?.compound?.id,
        matterId: defaults?.matter?.id,
        purpose: 'deliberation',
        form: 'together',
        title: defaults?.matter?.title ?? '',
        startsAt: dayjs().add(1, 'day').hour(19).minute(0).second(0),
        invitedMemberIds: [],
      };

  return (
    <Form<Values>
      form={form}
      name="meetingForm"
      layout="vertical"
      initialValues={initial}
      onValuesChange={(changed: Partial<Values>) => {
        if ('compoundId' in changed) form.setFieldsValue({ matterId: null, invitedMemberIds: [] });
      }}
      onFinish={() => void submit().catch(() => undefined)}
      style={{ maxWidth: 760 }}
    >
      {!meeting && (
        <>
          <Form.Item label={t('meetings.common.compound')} name="compoundId" rules={[{ required: true, message: t('meetings.common.compoundRequired') }]}>
            <CompoundSelect initial={defaults?.compound ? { value: defaults.compound.id, label: defaults.compound.name } : null} allowClear={false} />
          </Form.Item>
          <Form.Item label={t('meetings.matter')} name="matterId" extra={t('meetings.matterHint')}>
            <RemoteSelect
              key={compoundId ?? 'none'}
              disabled={!compoundId}
              initial={matterChoice}
              load={async (q) => (compoundId ? (await searchMatters(compoundId, q)).map((m) => ({ value: m.id, label: m.title })) : [])}
              placeholder={t('meetings.matterPlaceholder')}
            />
          </Form.Item>
          <Form.Item label={t('meetings.purpose')} name="purpose" rules={[{ required: true }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={MEETING_PURPOSES.map((p) => ({ value: p, label: purposeLabel(t, p) }))} />
          </Form.Item>
        </>
      )}
      <Form.Item label={t('meetings.form')} name="form" rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={MEETING_FORMS.map((f) => ({ value: f, label: meetingFormLabel(t, f) }))} />
      </Form.Item>
      <Form.Item label={t('meetings.title')} name="title" rules={[{ required: true, whitespace: true, message: t('meetings.titleRequired') }, { max: 200 }]}>
        <Input autoComplete="off" placeholder={t('meetings.titlePlaceholder')} />
      </Form.Item>
      <Form.Item label={t('meetings.startsAt')} name="startsAt" rules={[{ required: true, message: t('meetings.startsAtRequired') }]}>
        <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%', maxWidth: 280 }} />
      </Form.Item>
      <Form.Item label={t('meetings.place')} name="place" rules={[{ max: 200 }]}>
        <Input autoComplete="off" placeholder={t('meetings.placePlaceholder')} />
      </Form.Item>
      {(!meeting || meeting.status === 'planned') && (
        <Form.Item label={t('meetings.invited')} name="invitedMemberIds" extra={t('meetings.invitedHint')}>
          <InvitePicker compoundId={compoundId} />
        </Form.Item>
      )}
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={busy}>{meeting ? t('common.save') : t('meetings.create')}</Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

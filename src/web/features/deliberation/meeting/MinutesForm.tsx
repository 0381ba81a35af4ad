import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Typography } from 'antd';
import type { MeetingView } from '../../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useT } from '../../../i18n/index.tsx';
import { textOrNull } from '../../registry/formKit.tsx';
import { getMeeting, updateMeeting } from '../api.meetings.ts';

interface Values {
  minutes?: string;
  decisions?: string;
}

/**
 * 会议纪要与决定. The form edits against the version its text was loaded from: when the meeting changes elsewhere on the
 * page (a sign-in) and the minutes did not, it moves to the new version; when someone else saved other minutes, the save
 * answers 409 STALE, and the reload shows their text beside what this user typed (kept) and takes their version.
 */
export function MinutesForm({ meeting, onChange }: { meeting: MeetingView; onChange(m: MeetingView): void }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const base = useRef({ version: meeting.version, minutes: meeting.minutes, decisions: meeting.decisions });
  const [theirs, setTheirs] = useState<MeetingView | null>(null);
  const editable = meeting.abilities.edit;

  useEffect(() => {
    if (meeting.minutes === base.current.minutes && meeting.decisions === base.current.decisions) base.current.version = meeting.version;
  }, [meeting]);

  const reload = async () => {
    try {
      const fresh = await getMeeting(meeting.id);
      base.current = { version: fresh.version, minutes: fresh.minutes, decisions: fresh.decisions };
      setTheirs(fresh);
      message.info(t('stale.reloaded'));
    } catch (e) {
      handleError(e);
    }
  };

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const saved = await updateMeeting(meeting.id, base.current.version, { minutes: textOrNull(v.minutes), decisions: textOrNull(v.decisions) });
      base.current = { version: saved.version, minutes: saved.minutes, decisions: saved.decisions };
      setTheirs(null);
      message.success(t('meetings.minutes.saved'));
      onChange(saved);
    } catch (e) {
      handleError(e, { form, onReload: () => void reload() });
    } finally {
      setBusy(false);
    }
  };

  if (!editable) {
    return (
      <Flex vertical gap={12}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('meetings.minutes.minutes')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{meeting.minutes || t('meetings.minutes.none')}</Typography.Paragraph>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('meetings.minutes.decisions')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{meeting.decisions || t('meetings.minutes.none')}</Typography.Paragraph>
      </Flex>
    );
  }

  return (
    <Form<Values> form={form} name="minutes" layout="vertical" initialValues={{ minutes: meeting.minutes ?? '', decisions: meeting.decisions ?? '' }} onFinish={(v) => void submit(v)}>
      {theirs && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setTheirs(null)}
          style={{ marginBottom: 16 }}
          title={t('meetings.minutes.theirs')}
          description={
            <Flex vertical gap={4}>
              <Typography.Text strong>{t('meetings.minutes.minutes')}</Typography.Text>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{theirs.minutes || t('meetings.minutes.none')}</Typography.Text>
              <Typography.Text strong>{t('meetings.minutes.decisions')}</Typography.Text>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{theirs.decisions || t('meetings.minutes.none')}</Typography.Text>
            </Flex>
          }
        />
      )}
      <Form.Item label={t('meetings.minutes.minutes')} name="minutes" extra={t('meetings.minutes.minutesHint')} rules={[{ max: 20000 }]}>
        <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} placeholder={t('meetings.minutes.minutesPlaceholder')} />
      </Form.Item>
      <Form.Item label={t('meetings.minutes.decisions')} name="decisions" rules={[{ max: 10000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} placeholder={t('meetings.minutes.decisionsPlaceholder')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>{t('meetings.minutes.save')}</Button>
    </Form>
  );
}

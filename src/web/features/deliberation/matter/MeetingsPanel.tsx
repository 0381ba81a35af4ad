import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Flex, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { MatterDetail, MeetingView } from '../../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useRegion } from '../../../app/region.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { listMeetings } from '../api.meetings.ts';
import { meetingFormLabel } from '../labels.ts';

const STATUS_COLOR: Record<string, string> = { planned: 'blue', held: 'green', cancelled: 'default' };

/** The meetings held or planned for the matter, each linking to its page; "New meeting" opens the meeting form for it. */
export function MeetingsPanel({ matter }: { matter: MatterDetail }) {
  const { t } = useI18n();
  const region = useRegion();
  const navigate = useNavigate();
  const handleError = useApiErrorHandler();
  const [items, setItems] = useState<MeetingView[]>([]);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await listMeetings({ matterId: matter.id }, 1, 100)).items);
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [matter.id, handleError]);
  useEffect(() => {
    void load();
  }, [load]);

  // The meeting page's create form reads the matter (and through it the compound and participants) from ?matterId=.
  const newMeeting = `/deliberation/meetings/new?matterId=${encodeURIComponent(matter.id)}`;
  return (
    <Flex vertical gap={12}>
      {matter.abilities.addMeeting && (
        <Flex justify="flex-end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(region.withRegion(newMeeting))}>
            {t('matters.meetings.new')}
          </Button>
        </Flex>
      )}
      <Table<MeetingView>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('matters.meetings.empty') }}
        columns={[
          {
            title: t('matters.meetings.title'),
            dataIndex: 'title',
            key: 'title',
            render: (v: string, m) => <Link to={region.withRegion(`/deliberation/meetings/${m.id}`)}>{v}</Link>,
          },
          { title: t('matters.meetings.form'), dataIndex: 'form', key: 'form', render: (v: string) => meetingFormLabel(t, v) },
          { title: t('matters.meetings.startsAt'), dataIndex: 'startsAt', key: 'startsAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: t('matters.meetings.place'), dataIndex: 'place', key: 'place', responsive: ['md'], render: (v: string | null) => v ?? t('common.none') },
          {
            title: t('matters.meetings.status'),
            dataIndex: 'status',
            key: 'status',
            render: (v: string) => <Tag color={STATUS_COLOR[v]}>{t.dyn(`matters.meetings.status.${v}`, v)}</Tag>,
          },
          {
            title: t('matters.meetings.attendance'),
            key: 'attendance',
            responsive: ['md'],
            render: (_: unknown, m) => (
              <Typography.Text>{t('matters.meetings.signedIn', { n: m.attendees.filter((a) => a.signedInAt).length, total: m.attendees.length })}</Typography.Text>
            ),
          },
        ]}
      />
    </Flex>
  );
}

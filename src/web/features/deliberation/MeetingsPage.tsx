import { Button, Card, Col, DatePicker, Flex, Form, Row, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { FilterActions } from '../../components/FilterActions.tsx';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { Dayjs } from 'dayjs';
import { MEETING_PURPOSES, MEETING_STATUSES, type MeetingView } from '../../../shared/deliberation.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRegion, useRegionId } from '../../app/region.tsx';
import { useT } from '../../i18n/index.tsx';
import { useIsPhone } from '../registry/formKit.tsx';
import { listMeetings, type MeetingFilter } from './api.meetings.ts';
import { CompoundSelect } from '../../components/CompoundSelect.tsx';
import { dateTime } from '../../components/dateTime.ts';
import { usePagedList } from '../../components/pagedList.ts';
import { meetingFormLabel, meetingFormOptions } from './labels.ts';
import { MEETING_STATUS_COLOR, meetingStatusLabel, purposeLabel } from './labels.meetings.ts';
import { PagedListView } from '../../components/PagedListView.tsx';

interface FilterValues {
  compoundId?: string | null;
  purpose?: string;
  form?: string;
  status?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** Meetings (议事会议) across the chosen place: filters, server paging, schedule a new one. */
export default function MeetingsPage() {
  const t = useT();
  const auth = useAuth();
  const region = useRegion();
  const navigate = useNavigate();
  const regionId = useRegionId();
  const phone = useIsPhone();
  const [form] = Form.useForm<FilterValues>();
  const list = usePagedList<MeetingView, MeetingFilter>((f, page, size, signal) => listMeetings({ ...f, regionId }, page, size, signal), {}, regionId);

  const apply = (v: FilterValues) =>
    list.setFilter({
      compoundId: v.compoundId || undefined,
      purpose: v.purpose,
      form: v.form,
      status: v.status,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    });

  const link = (m: MeetingView) => region.withRegion(`/deliberation/meetings/${m.id}`);
  const signed = (m: MeetingView) => t('meetings.signedCount', { n: m.attendees.filter((a) => a.signedInAt).length, of: m.attendees.length });
  const status = (m: MeetingView) => <Tag color={MEETING_STATUS_COLOR[m.status]}>{meetingStatusLabel(t, m.status)}</Tag>;
  const columns: TableColumnsType<MeetingView> = [
    { title: t('meetings.startsAt'), key: 'startsAt', width: 100, render: (_: unknown, m) => dateTime(m.startsAt) },
    { title: t('meetings.title'), key: 'title', render: (_: unknown, m) => <Link to={link(m)}>{m.title}</Link> },
    { title: t('meetings.common.compound'), key: 'compound', width: 120, render: (_: unknown, m) => m.compound.name },
    { title: t('meetings.purpose'), key: 'purpose', width: 90, render: (_: unknown, m) => purposeLabel(t, m.purpose) },
    { title: t('meetings.form'), key: 'form', width: 90, render: (_: unknown, m) => meetingFormLabel(t, m.form) },
    { title: t('meetings.matter'), key: 'matter', width: 160, render: (_: unknown, m) => (m.matterId ? <Link to={region.withRegion(`/deliberation/matters/${m.matterId}`)}>{m.matterTitle ?? t('meetings.openMatter')}</Link> : t('common.none')) },
    { title: t('meetings.attendance'), key: 'attendance', width: 72, render: (_: unknown, m) => signed(m) },
    { title: t('meetings.status'), key: 'status', width: 84, render: (_: unknown, m) => status(m) },
  ];
  const filtered = Object.values(list.filter).some((v) => v !== undefined);
  const empty = filtered ? t('meetings.emptyFiltered') : t('meetings.empty');
  const col = { xs: 24, sm: 12, lg: 8, xl: 6 };

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('page.meetings')}</Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.refresh')}</Button>
          {auth.can('deliberation.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(region.withRegion('/deliberation/meetings/new'))}>{t('meetings.new')}</Button>
          )}
        </Space>
      </Flex>
      <Card styles={{ body: { padding: 16 } }}>
        <Form form={form} name="meetingFilter" layout="vertical" onFinish={apply} aria-label={t('meetings.common.filters')}>
          <Row gutter={12}>
            <Col {...col}>
              <Form.Item label={t('meetings.common.compound')} name="compoundId">
                <CompoundSelect placeholder={t('common.all')} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('meetings.purpose')} name="purpose">
                <Select allowClear placeholder={t('common.all')} options={MEETING_PURPOSES.map((p) => ({ value: p, label: purposeLabel(t, p) }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('meetings.form')} name="form">
                <Select allowClear placeholder={t('common.all')} options={meetingFormOptions(t)} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('meetings.status')} name="status">
                <Select allowClear placeholder={t('common.all')} options={MEETING_STATUSES.map((s) => ({ value: s, label: meetingStatusLabel(t, s) }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('meetings.dateRange')} name="range">
                <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <FilterActions col={col} phone={phone} onReset={() => { form.resetFields(); apply({}); }} />
          </Row>
        </Form>
        <PagedListView<MeetingView>
          list={list}
          phone={phone}
          label={t('page.meetings')}
          empty={empty}
          columns={columns}
          scrollX={960}
          card={(m) => ({
            title: <Link to={link(m)}>{m.title}</Link>,
            extra: status(m),
            body: (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {[dateTime(m.startsAt), m.compound.name, meetingFormLabel(t, m.form), purposeLabel(t, m.purpose), signed(m)].join(' · ')}
              </Typography.Text>
            ),
          })}
        />
      </Card>
    </Flex>
  );
}

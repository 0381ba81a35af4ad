import { useState } from 'react';
import { FilterActions } from '../../components/FilterActions.tsx';
import { Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { BarChartOutlined, PlusOutlined, ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { Dayjs } from 'dayjs';
import { DISPUTE_STATUSES, type DisputeView } from '../../../shared/disputes.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRegion, useRegionId } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { CompoundSelect } from '../../components/CompoundSelect.tsx';
import { dateTime } from '../../components/dateTime.ts';
import { usePagedList } from '../../components/pagedList.ts';
import { useIsPhone } from '../registry/formKit.tsx';
import { listDisputes, type DisputeFilter } from './api.ts';
import { DisputeFormModal } from './DisputeFormModal.tsx';
import { DISPUTE_STATUS_COLOR, disputeStatusLabel, disputeTypeLabel, disputeTypeOptions, followUpLabel } from './labels.ts';
import { PartiesCell } from './PartiesCell.tsx';
import { PagedListView } from '../../components/PagedListView.tsx';

interface FilterValues {
  compoundId?: string | null;
  type?: string;
  status?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
}

/**
 * 矛盾纠纷台账: disputes of the chosen place with filters (compound, type, status, registration dates, text) and server
 * paging, parties masked; registering a new dispute; links to the mediator pools and the counts.
 */
export default function DisputesPage() {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const region = useRegion();
  const navigate = useNavigate();
  const regionId = useRegionId();
  const phone = useIsPhone();
  const [form] = Form.useForm<FilterValues>();
  const list = usePagedList<DisputeView, DisputeFilter>((f, page, size, signal) => listDisputes({ ...f, regionId }, page, size, signal), {}, regionId);
  const [registering, setRegistering] = useState(false);
  const [more, setMore] = useState(false);
  const showMore = !phone || more;

  const apply = (v: FilterValues) =>
    list.setFilter({
      compoundId: v.compoundId || undefined,
      type: v.type,
      status: v.status,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
      q: v.q?.trim() || undefined,
    });

  const link = (d: DisputeView) => region.withRegion(`/disputes/${d.id}`);
  const status = (d: DisputeView) => (
    <Space size={4} wrap>
      <Tag color={DISPUTE_STATUS_COLOR[d.status]} style={{ marginInlineEnd: 0 }}>{disputeStatusLabel(t, d.status)}</Tag>
      {d.followUp && <Tag color={d.followUp.result === 'relapsed' ? 'red' : 'green'} style={{ marginInlineEnd: 0 }}>{followUpLabel(t, d.followUp.result)}</Tag>}
    </Space>
  );
  const columns: TableColumnsType<DisputeView> = [
    { title: t('disputes.registeredAt'), key: 'registeredAt', width: 100, render: (_: unknown, d) => dateTime(d.registeredAt) },
    { title: t('disputes.compound'), key: 'compound', width: 120, render: (_: unknown, d) => d.compound.name },
    { title: t('disputes.type'), key: 'type', width: 110, render: (_: unknown, d) => disputeTypeLabel(lang, d.type) },
    {
      title: t('disputes.summary'),
      key: 'summary',
      render: (_: unknown, d) => (
        <Link to={link(d)}>
          <Typography.Paragraph style={{ margin: 0, color: 'inherit' }} ellipsis={{ rows: 2 }}>{d.summary}</Typography.Paragraph>
        </Link>
      ),
    },
    { title: t('disputes.parties'), key: 'parties', width: 190, render: (_: unknown, d) => <PartiesCell parties={d.parties} /> },
    { title: t('disputes.status'), key: 'status', width: 110, render: (_: unknown, d) => status(d) },
  ];
  const filtered = Object.values(list.filter).some((v) => v !== undefined);
  const empty = filtered ? t('disputes.emptyFiltered') : t('disputes.empty');
  const col = { xs: 24, sm: 12, lg: 8, xl: 6 };

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('disputes.page.list')}</Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.refresh')}</Button>
          <Button icon={<TeamOutlined />} onClick={() => navigate(region.withRegion('/disputes/mediators'))}>{t('disputes.page.mediators')}</Button>
          <Button icon={<BarChartOutlined />} onClick={() => navigate(region.withRegion('/disputes/stats'))}>{t('disputes.page.stats')}</Button>
          {auth.can('dispute.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>{t('disputes.register')}</Button>
          )}
        </Space>
      </Flex>
      <Card styles={{ body: { padding: 16 } }}>
        <Form form={form} name="disputeFilter" layout="vertical" onFinish={apply} aria-label={t('disputes.filters')}>
          <Row gutter={12}>
            <Col {...col}>
              <Form.Item label={t('disputes.search')} name="q">
                <Input allowClear placeholder={t('disputes.searchPlaceholder')} onPressEnter={() => form.submit()} autoComplete="off" />
              </Form.Item>
            </Col>
            {showMore && (
              <>
                <Col {...col}>
                  <Form.Item label={t('disputes.compound')} name="compoundId">
                    <CompoundSelect placeholder={t('common.all')} />
                  </Form.Item>
                </Col>
                <Col {...col}>
                  <Form.Item label={t('disputes.type')} name="type">
                    <Select allowClear placeholder={t('common.all')} options={disputeTypeOptions(lang)} />
                  </Form.Item>
                </Col>
                <Col {...col}>
                  <Form.Item label={t('disputes.status')} name="status">
                    <Select allowClear placeholder={t('common.all')} options={DISPUTE_STATUSES.map((s) => ({ value: s, label: disputeStatusLabel(t, s) }))} />
                  </Form.Item>
                </Col>
                <Col {...col}>
                  <Form.Item label={t('disputes.registeredRange')} name="range">
                    <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </>
            )}
            <FilterActions col={col} phone={phone} onReset={() => { form.resetFields(); apply({}); }} more={more} onToggleMore={() => setMore((m) => !m)} />
          </Row>
        </Form>
        <PagedListView<DisputeView>
          list={list}
          phone={phone}
          label={t('disputes.page.list')}
          empty={empty}
          columns={columns}
          scrollX={900}
          card={(d) => ({
            title: <Link to={link(d)}>{d.compound.name}</Link>,
            extra: status(d),
            body: (
              <Flex vertical gap={6} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                <Link to={link(d)} style={{ color: 'inherit' }}>
                  <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3 }}>{d.summary}</Typography.Paragraph>
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {dateTime(d.registeredAt)} · {disputeTypeLabel(lang, d.type)}
                </Typography.Text>
                <PartiesCell parties={d.parties} />
              </Flex>
            ),
          })}
        />
      </Card>
      <Typography.Text type="secondary">{t('disputes.maskedNote')}</Typography.Text>
      <DisputeFormModal
        open={registering}
        onClose={() => setRegistering(false)}
        onSaved={(d) => {
          setRegistering(false);
          navigate(region.withRegion(`/disputes/${d.id}`));
        }}
      />
    </Flex>
  );
}

import { useState } from 'react';
import { Button, Card, Col, Flex, Form, Input, Row, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { CAMPAIGN_STATUSES, type CampaignView } from '../../../shared/campaigns.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRegion, useRegionId } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { usePagedList } from '../../components/pagedList.ts';
import { useIsPhone } from '../registry/formKit.tsx';
import { listCampaigns, type CampaignFilter } from './api.ts';
import { CampaignFormModal } from './CampaignFormModal.tsx';
import { CoverageBar } from './CoverageBar.tsx';
import { CAMPAIGN_STATUS_COLOR, campaignStatusLabel, nameIn } from './labels.ts';
import { PagedListView } from '../../components/PagedListView.tsx';

/**
 * 专项整治: campaigns over, above or under the chosen place with their status, period, problem types and inspection
 * coverage (compounds inspected / in scope); planning a new one.
 */
export default function CampaignsPage() {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const region = useRegion();
  const navigate = useNavigate();
  const regionId = useRegionId();
  const phone = useIsPhone();
  const [form] = Form.useForm<{ status?: string; q?: string }>();
  const list = usePagedList<CampaignView, CampaignFilter>((f, page, size, signal) => listCampaigns({ ...f, regionId }, page, size, signal), {}, regionId);
  const [creating, setCreating] = useState(false);

  const link = (c: CampaignView) => region.withRegion(`/campaigns/${c.id}`);
  const status = (c: CampaignView) => (
    <Space size={4} wrap>
      <Tag color={CAMPAIGN_STATUS_COLOR[c.status]} style={{ marginInlineEnd: 0 }}>{campaignStatusLabel(t, c.status)}</Tag>
      {c.overdue && <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('campaigns.overdue')}</Tag>}
    </Space>
  );
  const types = (c: CampaignView) => (
    <Flex wrap gap={4}>{c.problemTypes.map((p) => <Tag key={p.code} style={{ marginInlineEnd: 0 }}>{nameIn(p.name, lang)}</Tag>)}</Flex>
  );
  const columns: TableColumnsType<CampaignView> = [
    { title: t('campaigns.name'), key: 'name', render: (_: unknown, c) => <Link to={link(c)}>{c.name}</Link> },
    { title: t('campaigns.region'), key: 'region', width: 110, render: (_: unknown, c) => c.region.name },
    { title: t('campaigns.problemTypes'), key: 'types', width: 200, render: (_: unknown, c) => types(c) },
    { title: t('campaigns.period'), key: 'period', width: 120, render: (_: unknown, c) => `${c.startsOn} ~ ${c.endsOn}` },
    { title: t('campaigns.status'), key: 'status', width: 100, render: (_: unknown, c) => status(c) },
    { title: t('campaigns.coverage'), key: 'coverage', width: 200, render: (_: unknown, c) => (c.status === 'planned' ? <Typography.Text type="secondary">{t('campaigns.notStarted')}</Typography.Text> : <CoverageBar c={c.coverage} size="small" />) },
  ];
  const col = { xs: 24, sm: 12, lg: 8 };

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('campaigns.page.list')}</Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.refresh')}</Button>
          {auth.can('campaign.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('campaigns.create')}</Button>}
        </Space>
      </Flex>
      <Card styles={{ body: { padding: 16 } }}>
        <Form form={form} name="campaignFilter" layout="vertical" onFinish={(v) => list.setFilter({ status: v.status, q: v.q?.trim() || undefined })}>
          <Row gutter={12}>
            <Col {...col}>
              <Form.Item label={t('campaigns.search')} name="q">
                <Input allowClear placeholder={t('campaigns.searchPlaceholder')} onPressEnter={() => form.submit()} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('campaigns.status')} name="status">
                <Select allowClear placeholder={t('common.all')} options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: campaignStatusLabel(t, s) }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={phone ? undefined : <span aria-hidden>&nbsp;</span>} colon={false}>
                <Space wrap>
                  <Button type="primary" htmlType="submit">{t('common.search')}</Button>
                  <Button onClick={() => { form.resetFields(); list.setFilter({}); }}>{t('common.reset')}</Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <PagedListView<CampaignView>
          list={list}
          phone={phone}
          label={t('campaigns.page.list')}
          empty={t('campaigns.empty')}
          columns={columns}
          scrollX={900}
          card={(c) => ({
            title: <Link to={link(c)}>{c.name}</Link>,
            extra: status(c),
            body: (
              <Flex vertical gap={6} style={{ minWidth: 0 }}>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>{`${c.region.name} · ${c.startsOn} ~ ${c.endsOn}`}</Typography.Text>
                {types(c)}
                {c.status !== 'planned' && <CoverageBar c={c.coverage} size="small" />}
              </Flex>
            ),
          })}
        />
      </Card>
      <CampaignFormModal
        open={creating}
        campaign={null}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          navigate(region.withRegion(`/campaigns/${c.id}`));
        }}
      />
    </Flex>
  );
}

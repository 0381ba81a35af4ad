import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { EditOutlined, FlagOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import type { CampaignCoverage } from '../../../shared/campaigns.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRecord } from '../../api/useRecord.ts';
import { FullPageSpin, NoAccess } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { dateTime } from '../../components/dateTime.ts';
import { useIsPhone } from '../registry/formKit.tsx';
import { getCampaign, getCoverage, startCampaign } from './api.ts';
import { CampaignFormModal } from './CampaignFormModal.tsx';
import { CoveragePanel } from './CoveragePanel.tsx';
import { FindingsPanel } from './FindingsPanel.tsx';
import { FinishModal } from './FinishModal.tsx';
import { CAMPAIGN_STATUS_COLOR, campaignStatusLabel, nameIn } from './labels.ts';
import { TasksPanel } from './TasksPanel.tsx';

/**
 * One campaign: status with start and finish, its facts, coverage (inspected / in scope, per community, compounds added
 * after the start), the compounds not yet inspected with "record inspection" and "waive", and the findings by type with
 * links to their incidents.
 */
export default function CampaignPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const handleError = useApiErrorHandler();
  const { record: c, setRecord, state, reload } = useRecord(() => getCampaign(id), id);
  const [coverage, setCoverage] = useState<CampaignCoverage | null>(null);
  const [covLoading, setCovLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const [editing, setEditing] = useState(false);
  const [finishing, setFinishing] = useState(false);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    if (state !== 'ready') return;
    const ac = new AbortController();
    setCovLoading(true);
    getCoverage(id, ac.signal)
      .then(setCoverage)
      .catch((e) => (e as Error)?.name !== 'AbortError' && handleError(e))
      .finally(() => !ac.signal.aborted && setCovLoading(false));
    return () => ac.abort();
  }, [id, state, tick, handleError]);

  // After any change the campaign, its coverage, the task list and the findings all load afresh.
  const changed = useCallback(() => {
    void reload();
    setTick((n) => n + 1);
  }, [reload]);

  if (state === 'loading') return <FullPageSpin />;
  if (state === 'noAccess') return <NoAccess />;
  if (!c) return <Alert type="error" showIcon title={t('error.unexpected')} />;

  const start = async () => {
    setStarting(true);
    try {
      const next = await startCampaign(c.id, c.version);
      message.success(t('campaigns.start.done', { n: next.coverage.inScope }));
      setRecord(next);
      setTick((n) => n + 1);
    } catch (e) {
      handleError(e, { onReload: changed });
    } finally {
      setStarting(false);
    }
  };

  const facts = [
    { key: 'region', label: t('campaigns.region'), children: c.region.name },
    { key: 'period', label: t('campaigns.period'), children: `${c.startsOn} ~ ${c.endsOn}` },
    { key: 'types', label: t('campaigns.problemTypes'), children: <Flex wrap gap={4}>{c.problemTypes.map((p) => <Tag key={p.code} style={{ marginInlineEnd: 0 }}>{`${p.code} ${nameIn(p.name, lang)}`}</Tag>)}</Flex> },
    ...(c.startedAt ? [{ key: 'started', label: t('campaigns.startedAt'), children: dateTime(c.startedAt) }] : []),
    ...(c.finishedAt ? [{ key: 'finished', label: t('campaigns.finishedAt'), children: dateTime(c.finishedAt) }] : []),
    ...(c.description ? [{ key: 'description', label: t('campaigns.description'), children: <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.description}</span> }] : []),
  ];

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap align="center" style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>{c.name}</Typography.Title>
          <Tag color={CAMPAIGN_STATUS_COLOR[c.status]} data-testid="campaign-status">{campaignStatusLabel(t, c.status)}</Tag>
          {c.overdue && <Tag color="red">{t('campaigns.overdue')}</Tag>}
        </Space>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={changed}>{t('common.refresh')}</Button>
          {c.abilities.edit && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
          {c.abilities.start && (
            <Popconfirm title={t('campaigns.start.confirm')} description={t('campaigns.start.help')} onConfirm={start} okText={t('common.confirm')} cancelText={t('common.cancel')}>
              <Button type="primary" icon={<PlayCircleOutlined />} loading={starting}>{t('campaigns.start')}</Button>
            </Popconfirm>
          )}
          {c.abilities.finish && <Button type="primary" icon={<FlagOutlined />} onClick={() => setFinishing(true)}>{t('campaigns.finish')}</Button>}
        </Space>
      </Flex>

      <Card size="small" title={t('campaigns.overview')}>
        <Descriptions size="small" column={phone ? 1 : 2} items={facts} />
      </Card>

      <CoveragePanel campaign={c} coverage={coverage} loading={covLoading} onChanged={changed} />

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <TasksPanel campaign={c} refreshKey={tick} onChanged={changed} />
        </Col>
        <Col xs={24} xl={10}>
          <FindingsPanel campaign={c} coverage={coverage} refreshKey={tick} />
        </Col>
      </Row>

      {editing && (
        <CampaignFormModal
          open
          campaign={c}
          onClose={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            setRecord(next);
          }}
        />
      )}
      {finishing && (
        <FinishModal
          campaign={c}
          onClose={() => {
            setFinishing(false);
            changed();
          }}
          onDone={(next) => {
            setFinishing(false);
            setRecord(next);
            setTick((n) => n + 1);
          }}
        />
      )}
    </Flex>
  );
}

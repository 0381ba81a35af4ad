import { useState } from 'react';
import { FilterActions } from '../../components/FilterActions.tsx';
import { Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EyeOutlined, MessageOutlined, NodeIndexOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { Dayjs } from 'dayjs';
import { OPINION_CHANNELS, OPINION_STATUSES, type OpinionView } from '../../../shared/deliberation.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRegion, useRegionId } from '../../app/region.tsx';
import { useT } from '../../i18n/index.tsx';
import { useIsPhone } from '../registry/formKit.tsx';
import { listOpinions, type OpinionFilter } from './api.meetings.ts';
import { CompoundSelect } from '../../components/CompoundSelect.tsx';
import { dateTime } from '../../components/dateTime.ts';
import { usePagedList } from '../../components/pagedList.ts';
import { categoryLabel, categoryOptions } from './labels.ts';
import { channelLabel, opinionStatusLabel } from './labels.meetings.ts';
import { OpinionAnswerModal } from './OpinionAnswerModal.tsx';
import { OpinionFormModal } from './OpinionFormModal.tsx';
import { OpinionRevealModal } from './OpinionRevealModal.tsx';
import { PagedListView } from '../../components/PagedListView.tsx';

interface FilterValues {
  compoundId?: string | null;
  status?: string;
  channel?: string;
  category?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
}

const STATUS_COLOR: Record<string, string> = { received: 'blue', answered: 'green', taken_up: 'purple' };

/** Where "take up as a matter" leads: the matters page opens its create form with the compound and the opinions. */
export function takeUpLink(compoundId: string, opinionIds: string[]): string {
  return `/deliberation/matters?new=1&compoundId=${encodeURIComponent(compoundId)}&opinionIds=${opinionIds.map(encodeURIComponent).join(',')}`;
}

/**
 * 民情民意: resident opinions with filters and server paging, names and phones masked (reveal with a reason), staff entry
 * on behalf of offline residents, answering, and taking one or more opinions of a compound up as a matter.
 */
export default function OpinionsPage() {
  const t = useT();
  const auth = useAuth();
  const region = useRegion();
  const navigate = useNavigate();
  const regionId = useRegionId();
  const phone = useIsPhone();
  const [form] = Form.useForm<FilterValues>();
  const list = usePagedList<OpinionView, OpinionFilter>((f, page, size, signal) => listOpinions({ ...f, regionId }, page, size, signal), {}, regionId);
  const [entering, setEntering] = useState(false);
  const [answering, setAnswering] = useState<OpinionView | null>(null);
  const [revealing, setRevealing] = useState<OpinionView | null>(null);
  const [selected, setSelected] = useState<OpinionView[]>([]);
  // On phones only the search box shows until the user asks for the other filters.
  const [more, setMore] = useState(false);
  const showMore = !phone || more;

  const apply = (v: FilterValues) =>
    list.setFilter({
      compoundId: v.compoundId || undefined,
      status: v.status,
      channel: v.channel,
      category: v.category,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
      q: v.q?.trim() || undefined,
    });

  const sameCompound = selected.length > 0 && selected.every((o) => o.compound.id === selected[0].compound.id);
  const person = (o: OpinionView) => (
    <Space size={4} wrap>
      {o.nameMasked || o.phoneMasked ? (
        <Flex vertical align="start">
          {o.nameMasked && <Typography.Text code>{o.nameMasked}</Typography.Text>}
          {o.phoneMasked && <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{o.phoneMasked}</Typography.Text>}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('opinions.anonymous')}</Typography.Text>
      )}
      {o.abilities.reveal && (o.nameMasked || o.phoneMasked) && (
        <Tooltip title={t('opinions.reveal')}>
          <Button size="small" type="text" icon={<EyeOutlined />} aria-label={t('opinions.reveal')} onClick={() => setRevealing(o)} />
        </Tooltip>
      )}
    </Space>
  );
  const status = (o: OpinionView) => (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOR[o.status]}>{opinionStatusLabel(t, o.status)}</Tag>
      {o.matterId && <Link to={region.withRegion(`/deliberation/matters/${o.matterId}`)}>{t('opinions.openMatter')}</Link>}
    </Space>
  );
  const actions = (o: OpinionView) => (
    <Space size={4} wrap>
      {o.abilities.answer && (
        <Button size="small" icon={<MessageOutlined />} onClick={() => setAnswering(o)}>
          {o.answer ? t('opinions.reanswer') : t('opinions.answer')}
        </Button>
      )}
      {o.abilities.takeUp && (
        <Button size="small" icon={<NodeIndexOutlined />} onClick={() => navigate(region.withRegion(takeUpLink(o.compound.id, [o.id])))}>{t('opinions.takeUp')}</Button>
      )}
    </Space>
  );
  const content = (o: OpinionView) => (
    <>
      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true, symbol: t('meetings.common.more') }}>
        {o.content}
      </Typography.Paragraph>
      {o.answer && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }} ellipsis={{ rows: 2, expandable: true, symbol: t('meetings.common.more') }}>
          {t('opinions.answerShown', { answer: o.answer })}
        </Typography.Paragraph>
      )}
    </>
  );
  const channel = (o: OpinionView) => (
    <Space size={4} wrap>
      {channelLabel(t, o.channel)}
      {o.proxy && <Tooltip title={o.enteredBy ? t('opinions.enteredBy', { name: o.enteredBy }) : undefined}><Tag>{t('opinions.proxy')}</Tag></Tooltip>}
    </Space>
  );

  const columns: TableColumnsType<OpinionView> = [
    { title: t('opinions.receivedAt'), key: 'receivedAt', width: 100, render: (_: unknown, o) => dateTime(o.receivedAt) },
    { title: t('meetings.common.compound'), key: 'compound', width: 110, render: (_: unknown, o) => o.compound.name },
    { title: t('opinions.content'), key: 'content', render: (_: unknown, o) => content(o) },
    {
      title: t('opinions.categoryChannel'),
      key: 'category',
      width: 110,
      render: (_: unknown, o) => (
        <Flex vertical gap={2} align="start">
          {categoryLabel(t, o.category)}
          {channel(o)}
        </Flex>
      ),
    },
    { title: t('opinions.resident'), key: 'resident', width: 140, render: (_: unknown, o) => person(o) },
    { title: t('opinions.status'), key: 'status', width: 100, render: (_: unknown, o) => status(o) },
    { title: t('common.actions'), key: 'actions', width: 136, fixed: 'right', render: (_: unknown, o) => actions(o) },
  ];
  const filtered = Object.values(list.filter).some((v) => v !== undefined);
  const empty = filtered ? t('opinions.emptyFiltered') : t('opinions.empty');
  const col = { xs: 24, sm: 12, lg: 8, xl: 6 };

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('page.opinions')}</Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.refresh')}</Button>
          {auth.can('opinion.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEntering(true)}>{t('opinions.enter')}</Button>
          )}
        </Space>
      </Flex>
      <Card styles={{ body: { padding: 16 } }}>
        <Form form={form} name="opinionFilter" layout="vertical" onFinish={apply} aria-label={t('meetings.common.filters')}>
          <Row gutter={12}>
            <Col {...col}>
              <Form.Item label={t('meetings.common.search')} name="q">
                <Input allowClear placeholder={t('opinions.searchPlaceholder')} onPressEnter={() => form.submit()} autoComplete="off" />
              </Form.Item>
            </Col>
            {showMore && (
              <>
                <Col {...col}>
                  <Form.Item label={t('meetings.common.compound')} name="compoundId">
                    <CompoundSelect placeholder={t('common.all')} />
                  </Form.Item>
                </Col>
                <Col {...col}>
                  <Form.Item label={t('opinions.status')} name="status">
                    <Select allowClear placeholder={t('common.all')} options={OPINION_STATUSES.map((s) => ({ value: s, label: opinionStatusLabel(t, s) }))} />
                  </Form.Item>
                </Col>
                <Col {...col}>
                  <Form.Item label={t('opinions.channel')} name="channel">
                    <Select allowClear placeholder={t('common.all')} options={OPINION_CHANNELS.map((c) => ({ value: c, label: channelLabel(t, c) }))} />
                  </Form.Item>
                </Col>
                <Col {...col}>
                  <Form.Item label={t('opinions.category')} name="category">
                    <Select allowClear placeholder={t('common.all')} options={categoryOptions(t)} />
                  </Form.Item>
                </Col>
                <Col {...col}>
                  <Form.Item label={t('opinions.receivedRange')} name="range">
                    <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </>
            )}
            <FilterActions col={col} phone={phone} onReset={() => { form.resetFields(); apply({}); }} more={more} onToggleMore={() => setMore((m) => !m)} />
          </Row>
        </Form>
        {selected.length > 0 && (
          <Flex align="center" gap={8} wrap style={{ marginBottom: 12 }}>
            <Typography.Text>{t('opinions.selected', { n: selected.length })}</Typography.Text>
            {sameCompound ? (
              <Button type="primary" size="small" icon={<NodeIndexOutlined />} onClick={() => navigate(region.withRegion(takeUpLink(selected[0].compound.id, selected.map((o) => o.id))))}>
                {t('opinions.takeUpSelected')}
              </Button>
            ) : (
              <Typography.Text type="warning">{t('opinions.oneCompoundOnly')}</Typography.Text>
            )}
            <Button size="small" type="link" onClick={() => setSelected([])}>{t('opinions.clearSelection')}</Button>
          </Flex>
        )}
        <PagedListView<OpinionView>
          list={list}
          phone={phone}
          label={t('page.opinions')}
          empty={empty}
          columns={columns}
          scrollX={980}
          card={(o) => ({
            title: o.compound.name,
            extra: status(o),
            body: (
              <Flex vertical gap={6} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {content(o)}
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {dateTime(o.receivedAt)} · {categoryLabel(t, o.category)} · {channelLabel(t, o.channel)}
                  {o.proxy ? ` · ${t('opinions.proxy')}` : ''}
                </Typography.Text>
                {person(o)}
                {actions(o)}
              </Flex>
            ),
          })}
          table={{
            rowSelection: {
              selectedRowKeys: selected.map((o) => o.id),
              getCheckboxProps: (o) => ({ disabled: !o.abilities.takeUp, 'aria-label': t('opinions.select') }),
              onChange: (_keys, rows) => setSelected(rows),
              preserveSelectedRowKeys: true,
            },
          }}
        />
      </Card>
      <Typography.Text type="secondary">{t('opinions.maskedNote')}</Typography.Text>
      <OpinionFormModal
        open={entering}
        defaultCompound={null}
        onClose={() => setEntering(false)}
        onSaved={() => {
          setEntering(false);
          list.reload();
        }}
      />
      <OpinionAnswerModal
        opinion={answering}
        onClose={() => setAnswering(null)}
        onSaved={(o) => {
          setAnswering(null);
          list.replace(o, (x) => x.id === o.id);
        }}
      />
      <OpinionRevealModal opinion={revealing} onClose={() => setRevealing(null)} />
    </Flex>
  );
}

import { useState } from 'react';
import { FilterActions } from '../../components/FilterActions.tsx';
import { App, Button, Card, Col, Flex, Form, Input, Popconfirm, Row, Segmented, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, EyeOutlined, PlusOutlined, ReloadOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import type { MediatorView } from '../../../shared/disputes.ts';
import { useAuth } from '../../app/auth.tsx';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { usePagedList } from '../../components/pagedList.ts';
import { useIsPhone } from '../registry/formKit.tsx';
import { listMediators, revealMediatorPhone, updateMediator, type MediatorFilter } from './api.ts';
import { disputeTypeLabel, mediatorKindOptions, mediatorKindText } from './labels.ts';
import { MediatorFormModal } from './MediatorFormModal.tsx';
import { RegionTreeSelect } from './RegionTreeSelect.tsx';
import { RevealReasonModal } from './RevealReasonModal.tsx';
import { PagedListView } from '../../components/PagedListView.tsx';

interface FilterValues {
  regionId?: string | null;
  kind?: string;
  q?: string;
}

type Shown = 'active' | 'inactive' | 'all';

/**
 * 调解员库: the mediators of the pools the user can see (their places' pools and the pools above, which serve them too),
 * with the pool's region, kind (五老 elders with their kind), masked phone with an audited reveal, expertise; add, edit,
 * deactivate and reactivate (never deleted, so past mediation stays readable).
 */
export default function MediatorsPage() {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const phone = useIsPhone();
  const [form] = Form.useForm<FilterValues>();
  const [shown, setShown] = useState<Shown>('active');
  const list = usePagedList<MediatorView, MediatorFilter>((f, page, size, signal) => listMediators({ ...f, active: shown === 'all' ? undefined : shown === 'active' }, page, size, signal), {}, shown);
  const [editing, setEditing] = useState<{ mediator: MediatorView | null } | null>(null);
  const [revealing, setRevealing] = useState<MediatorView | null>(null);

  const apply = (v: FilterValues) => list.setFilter({ regionId: v.regionId || undefined, kind: v.kind, q: v.q?.trim() || undefined });
  const toggle = async (m: MediatorView) => {
    try {
      const next = await updateMediator(m.id, m.version, { active: !m.active });
      message.success(next.active ? t('mediators.reactivated', { name: m.name }) : t('mediators.deactivated', { name: m.name }));
      list.reload();
    } catch (e) {
      handleError(e, { onReload: list.reload });
    }
  };

  const phoneCell = (m: MediatorView) =>
    m.phoneMasked ? (
      <Space size={2}>
        <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{m.phoneMasked}</Typography.Text>
        {m.abilities.reveal && (
          <Tooltip title={t('mediators.revealPhone')}>
            <Button size="small" type="text" icon={<EyeOutlined />} aria-label={t('mediators.revealPhoneOf', { name: m.name })} onClick={() => setRevealing(m)} />
          </Tooltip>
        )}
      </Space>
    ) : (
      <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
    );
  const expertise = (m: MediatorView) => (
    <Flex wrap gap={4}>{m.expertise.map((x) => <Tag key={x} color="blue" style={{ marginInlineEnd: 0 }}>{disputeTypeLabel(lang, x)}</Tag>)}</Flex>
  );
  const actions = (m: MediatorView) =>
    m.abilities.edit && (
      <Space size={4} wrap>
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ mediator: m })}>{t('common.edit')}</Button>
        <Popconfirm title={m.active ? t('mediators.deactivateConfirm', { name: m.name }) : t('mediators.reactivateConfirm', { name: m.name })} onConfirm={() => toggle(m)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
          <Button size="small" danger={m.active} icon={m.active ? <StopOutlined /> : <UndoOutlined />}>{m.active ? t('mediators.deactivate') : t('mediators.reactivate')}</Button>
        </Popconfirm>
      </Space>
    );
  const nameCell = (m: MediatorView) => (
    <Space size={4} wrap>
      <Typography.Text strong>{m.name}</Typography.Text>
      {!m.active && <Tag style={{ marginInlineEnd: 0 }}>{t('mediators.inactive')}</Tag>}
    </Space>
  );

  const columns: TableColumnsType<MediatorView> = [
    { title: t('mediators.pool'), key: 'region', width: 120, render: (_: unknown, m) => m.region.name },
    { title: t('mediators.name'), key: 'name', width: 120, render: (_: unknown, m) => nameCell(m) },
    { title: t('mediators.kind'), key: 'kind', width: 130, render: (_: unknown, m) => mediatorKindText(t, m) },
    { title: t('mediators.phone'), key: 'phone', width: 150, render: (_: unknown, m) => phoneCell(m) },
    { title: t('mediators.expertise'), key: 'expertise', render: (_: unknown, m) => expertise(m) },
    { title: t('common.actions'), key: 'actions', width: 170, render: (_: unknown, m) => actions(m) },
  ];
  const col = { xs: 24, sm: 12, lg: 6 };

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('disputes.page.mediators')}</Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.refresh')}</Button>
          {auth.can('dispute.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mediator: null })}>{t('mediators.add')}</Button>}
        </Space>
      </Flex>
      <Card styles={{ body: { padding: 16 } }}>
        <Form form={form} name="mediatorFilter" layout="vertical" onFinish={apply}>
          <Row gutter={12}>
            <Col {...col}>
              <Form.Item label={t('mediators.search')} name="q">
                <Input allowClear placeholder={t('mediators.searchPlaceholder')} onPressEnter={() => form.submit()} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('mediators.pool')} name="regionId" tooltip={t('mediators.poolFilterHelp')}>
                <RegionTreeSelect allowClear placeholder={t('common.all')} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('mediators.kind')} name="kind">
                <Select allowClear placeholder={t('common.all')} options={mediatorKindOptions(t)} />
              </Form.Item>
            </Col>
            <FilterActions col={col} phone={phone} onReset={() => { form.resetFields(); apply({}); }} />
          </Row>
        </Form>
        <Segmented<Shown>
          style={{ marginBottom: 12 }}
          value={shown}
          onChange={setShown}
          options={[{ value: 'active', label: t('mediators.showActive') }, { value: 'inactive', label: t('mediators.showInactive') }, { value: 'all', label: t('common.all') }]}
        />
        <PagedListView<MediatorView>
          list={list}
          phone={phone}
          label={t('disputes.page.mediators')}
          empty={t('mediators.empty')}
          columns={columns}
          scrollX={860}
          card={(m) => ({
            title: nameCell(m),
            extra: <Typography.Text type="secondary">{m.region.name}</Typography.Text>,
            body: (
              <Flex vertical gap={6} style={{ minWidth: 0 }}>
                <span>{mediatorKindText(t, m)}</span>
                {phoneCell(m)}
                {expertise(m)}
                {m.note && <Typography.Text type="secondary">{m.note}</Typography.Text>}
                {actions(m)}
              </Flex>
            ),
          })}
        />
      </Card>
      <MediatorFormModal
        open={!!editing}
        mediator={editing?.mediator ?? null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <RevealReasonModal
        open={!!revealing}
        title={t('mediators.revealTitle', { name: revealing?.name ?? '' })}
        reveal={async (_f, reason) => [{ key: 'phone', label: t('mediators.phone'), value: (await revealMediatorPhone(revealing!.id, reason)).phone, testId: 'plain-phone', copy: true }]}
        onClose={() => setRevealing(null)}
      />
    </Flex>
  );
}

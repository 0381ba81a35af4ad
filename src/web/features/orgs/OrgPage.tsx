import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { POST_CODES, type OrgType } from '../../../shared/org-types.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRecord } from '../../api/useRecord.ts';
import { useRegion } from '../../app/region.tsx';
import { FullPageSpin, NoAccess } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { deleteOrg, deletePosition, getOrg, type OrgWarning, type PositionView } from './api.ts';
import { categoryLabel, orgTypeLabel, politicalStatusLabel, postLabelIn, termText } from './labels.ts';
import { OrgFormModal } from './OrgFormModal.tsx';
import { EndPositionModal, PositionModal } from './PositionModal.tsx';

/** The organisation's own rule warnings, in the UI language. */
export function WarningList({ warnings, empty }: { warnings: OrgWarning[]; empty: string }) {
  const { lang, t } = useI18n();
  if (!warnings.length) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <Flex vertical gap={8}>
      {warnings.map((w, i) => (
        <Alert
          key={`${w.code}-${w.positionId ?? ''}-${i}`}
          type={w.severity === 'error' ? 'error' : 'warning'}
          showIcon
          title={
            <Space wrap size={4}>
              <Typography.Text strong>{t.dyn(`orgs.warning.${w.code}`, w.code)}</Typography.Text>
              <span>{lang === 'en' ? w.en : w.zh}</span>
            </Space>
          }
        />
      ))}
    </Flex>
  );
}

/** One organisation: its facts, warnings, and post holders with add, change, end and delete as the abilities allow. */
export default function OrgPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const region = useRegion();
  const navigate = useNavigate();
  const handleError = useApiErrorHandler();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [changing, setChanging] = useState<PositionView | null>(null);
  const [ending, setEnding] = useState<PositionView | null>(null);
  const [showEnded, setShowEnded] = useState(false);

  const { record: org, state, reload: load } = useRecord(() => getOrg(id), id);

  if (state === 'loading') return <FullPageSpin />;
  if (state === 'noAccess') return <NoAccess />;
  if (!org) return <Alert type="error" showIcon title={t('error.unexpected')} />;

  const type = org.type as OrgType;
  const none = t('common.none');
  const remove = async () => {
    try {
      await deleteOrg(org.id);
      message.success(t('orgs.detail.deleted'));
      navigate(region.withRegion('/orgs/organisations'));
    } catch (e) {
      handleError(e);
    }
  };
  const removePosition = async (p: PositionView) => {
    try {
      await deletePosition(p.id);
      message.success(t('orgs.position.deleted'));
      void load();
    } catch (e) {
      handleError(e);
    }
  };

  // Current holders first, then by rank of post (书记, 副书记, 委员, …), then by start date.
  const positions = (showEnded ? org.positions : org.positions.filter((p) => p.active))
    .slice()
    .sort((a, b) => Number(b.active) - Number(a.active) || POST_CODES.indexOf(a.post) - POST_CODES.indexOf(b.post) || (a.startOn ?? '').localeCompare(b.startOn ?? ''));
  const columns: TableColumnsType<PositionView> = [
    {
      title: t('orgs.position.person'),
      dataIndex: 'personName',
      key: 'person',
      render: (v: string, p) => (
        <Flex vertical>
          <Typography.Text strong>{v}</Typography.Text>
          {p.politicalStatus && <Typography.Text type="secondary">{politicalStatusLabel(p.politicalStatus, lang)}</Typography.Text>}
        </Flex>
      ),
    },
    { title: t('orgs.position.post'), dataIndex: 'post', key: 'post', render: (_: unknown, p) => postLabelIn(p.post, type, lang) },
    ...(org.category === 'party'
      ? [
          {
            title: t('orgs.position.membership'),
            dataIndex: 'membership',
            key: 'membership',
            render: (v: string | null) => (v ? <Tag color={v === 'full' ? 'red' : 'orange'}>{t.dyn(`orgs.position.membership.${v}`, v)}</Tag> : none),
          },
        ]
      : []),
    { title: t('orgs.position.partTime'), dataIndex: 'partTime', key: 'partTime', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
    { title: t('orgs.position.startOn'), dataIndex: 'startOn', key: 'startOn', render: (v: string | null) => v ?? none },
    { title: t('orgs.position.endOn'), dataIndex: 'endOn', key: 'endOn', render: (v: string | null) => v ?? none },
    {
      title: t('orgs.position.state'),
      dataIndex: 'active',
      key: 'active',
      render: (v: boolean) => (v ? <Tag color="green">{t('orgs.position.current')}</Tag> : <Tag>{t('orgs.position.ended')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, p) => (
        <Space wrap size={0}>
          {p.abilities.update && (
            <Button type="link" size="small" onClick={() => setChanging(p)}>
              {t('common.edit')}
            </Button>
          )}
          {p.abilities.update && p.active && (
            <Button type="link" size="small" onClick={() => setEnding(p)}>
              {t('orgs.position.end')}
            </Button>
          )}
          {p.abilities.delete && (
            <Popconfirm title={t('orgs.position.deleteConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => removePosition(p)}>
              <Button type="link" size="small" danger>
                {t('orgs.position.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {org.name}
          </Typography.Title>
          <Tag>{orgTypeLabel(org.type, lang)}</Tag>
          {org.active ? <Tag color="green">{t('orgs.status.active')}</Tag> : <Tag>{t('orgs.status.inactive')}</Tag>}
        </Space>
        <Space wrap>
          {org.abilities.update && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )}
          {org.abilities.delete && (
            <Popconfirm title={t('orgs.detail.deleteConfirm', { name: org.name })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => remove()}>
              <Button danger icon={<DeleteOutlined />}>
                {t('orgs.detail.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>

      <Card title={t('orgs.detail.overview')}>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
          items={[
            { key: 'type', label: t('orgs.field.type'), children: orgTypeLabel(org.type, lang) },
            { key: 'category', label: t('orgs.field.category'), children: categoryLabel(org.category, lang) },
            {
              key: 'anchor',
              label: t('orgs.field.anchor'),
              children: org.compoundId ? <Link to={region.withRegion(`/registry/compounds/${org.compoundId}`)}>{org.anchorName ?? org.compoundId}</Link> : (org.anchorName ?? none),
            },
            { key: 'uscc', label: t('orgs.field.uscc'), children: org.uscc ? <Typography.Text code>{org.uscc}</Typography.Text> : none },
            { key: 'term', label: t('orgs.field.term'), children: termText(org, none) },
            { key: 'founded', label: t('orgs.field.foundedOn'), children: org.foundedOn ?? none },
            { key: 'filed', label: t('orgs.field.filedOn'), children: org.filedOn ?? none },
            { key: 'dissolved', label: t('orgs.field.dissolvedOn'), children: org.dissolvedOn ?? none },
            {
              key: 'parent',
              label: t('orgs.field.parent'),
              children: org.parentOrgId ? <Link to={region.withRegion(`/orgs/organisations/${org.parentOrgId}`)}>{org.parentName ?? org.parentOrgId}</Link> : none,
            },
            { key: 'note', label: t('orgs.field.note'), children: org.note ?? none },
          ]}
        />
      </Card>

      <Card title={t('orgs.detail.warnings')}>
        <WarningList warnings={org.warnings} empty={t('orgs.detail.noWarnings')} />
      </Card>

      <Card
        title={t('orgs.detail.positions')}
        extra={
          <Space wrap>
            <Space size={4}>
              <Switch id="show-ended" size="small" checked={showEnded} onChange={setShowEnded} />
              <label htmlFor="show-ended">{t('orgs.detail.showEnded')}</label>
            </Space>
            {org.abilities.addPosition && (
              <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t('orgs.position.add')}
              </Button>
            )}
          </Space>
        }
      >
        <Table<PositionView>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={positions}
          scroll={{ x: 'max-content' }}
          pagination={positions.length > 20 ? { pageSize: 20 } : false}
          locale={{ emptyText: t('orgs.detail.noPositions') }}
        />
      </Card>

      <OrgFormModal
        open={editing}
        org={org}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          void load();
        }}
      />
      <PositionModal
        open={adding || !!changing}
        org={org}
        position={changing}
        onClose={() => {
          setAdding(false);
          setChanging(null);
        }}
        onSaved={() => {
          setAdding(false);
          setChanging(null);
          void load();
        }}
      />
      <EndPositionModal
        org={org}
        position={ending}
        onClose={() => setEnding(null)}
        onSaved={() => {
          setEnding(null);
          void load();
        }}
      />
    </Flex>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, List, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { CategoryVersionView } from '../../../shared/incidents.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { FullPageSpin } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { getCategories, listCategoryVersions, type CategoryVersionHeader } from './api.ts';
import { CategoryEditor } from './categories/CategoryEditor.tsx';
import { forgetCategories, usePathLabel } from './hooks.ts';
import { deadlineLabel, nameIn, urgencyLabel } from './labels.ts';

type TreeRow = { key: string; code: string; name: string; sla: string; urgency: string | null; children?: TreeRow[] };

/**
 * 事件分类: the versioned category tree (大类/小类 with SLA and urgency), the routing rules and the version history, read
 * by everyone who works incidents; administrators with incident.configure publish a new version from the current one.
 */
export default function CategoriesPage() {
  const { t, lang } = useI18n();
  const handleError = useApiErrorHandler();
  const [shown, setShown] = useState<CategoryVersionView | null>(null);
  const [current, setCurrent] = useState<CategoryVersionView | null>(null);
  const [history, setHistory] = useState<CategoryVersionHeader[]>([]);
  const [tab, setTab] = useState('tree');
  const pathLabel = usePathLabel(shown?.rules.map((r) => r.scopePath) ?? []);

  const load = useCallback(async () => {
    try {
      const [cur, versions] = await Promise.all([getCategories(), listCategoryVersions()]);
      setCurrent(cur);
      setShown(cur);
      setHistory(versions);
    } catch (e) {
      handleError(e);
    }
  }, [handleError]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!shown || !current) return <FullPageSpin />;
  const tree: TreeRow[] = shown.categories.filter((c) => c.parentCode === null).map((m) => ({
    key: m.code, code: m.code, name: nameIn(m.name, lang), sla: '', urgency: null,
    children: shown.categories.filter((c) => c.parentCode === m.code).map((c) => ({ key: c.code, code: c.code, name: nameIn(c.name, lang), sla: deadlineLabel(t, c.deadline), urgency: c.urgency ?? null })),
  }));
  const treeColumns: TableColumnsType<TreeRow> = [
    { title: t('incidents.cat.code'), dataIndex: 'code', key: 'code', width: 140 },
    { title: t('incidents.cat.name'), dataIndex: 'name', key: 'name' },
    { title: t('incidents.cat.deadline'), dataIndex: 'sla', key: 'sla' },
    { title: t('incidents.field.urgency'), dataIndex: 'urgency', key: 'urgency', render: (u: string | null) => (u ? <Tag color={u === 'urgent' ? 'volcano' : 'default'}>{urgencyLabel(t, u)}</Tag> : null) },
  ];
  const codeName = (code: string | null) => (code === null ? t('incidents.cat.anyCategory') : `${code} ${nameIn(shown.categories.find((c) => c.code === code)?.name, lang)}`);
  const viewing = shown.version !== current.version;

  const items = [
    { key: 'tree', label: t('incidents.cat.tree'), children: <Table<TreeRow> size="small" columns={treeColumns} dataSource={tree} pagination={false} defaultExpandAllRows scroll={{ x: 'max-content' }} /> },
    {
      key: 'rules',
      label: t('incidents.cat.rulesCount', { n: shown.rules.length }),
      children: (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('incidents.cat.rulesHelp')}</Typography.Text>
          <Table
            size="small"
            rowKey={(r) => `${r.categoryCode ?? '*'} ${r.scopePath}`}
            dataSource={shown.rules}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('incidents.cat.noRules') }}
            columns={[
              { title: t('incidents.field.category'), key: 'c', render: (_: unknown, r) => codeName(r.categoryCode) },
              { title: t('incidents.cat.place'), key: 'p', render: (_: unknown, r) => pathLabel(r.scopePath) },
              { title: t('incidents.field.handler'), key: 'o', render: (_: unknown, r) => r.orgName ?? r.orgId },
              { title: t('incidents.cat.ruleNote'), key: 'n', render: (_: unknown, r) => r.note ?? '' },
            ]}
          />
        </Flex>
      ),
    },
    {
      key: 'history',
      label: t('incidents.cat.history'),
      children: (
        <List
          dataSource={history}
          renderItem={(h) => (
            <List.Item
              key={h.id}
              actions={[
                <Button key="view" size="small" disabled={h.version === shown.version} onClick={() => getCategories(h.version).then((v) => { setShown(v); setTab('tree'); }, handleError)}>
                  {t('incidents.cat.view')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{t('incidents.cat.version', { n: h.version })}</span>
                    <Tag color={h.status === 'published' ? 'green' : 'default'}>{t.dyn(`incidents.cat.status.${h.status}`, h.status)}</Tag>
                  </Space>
                }
                description={`${dayjs(h.publishedAt).format('YYYY-MM-DD HH:mm')}${h.note ? ` · ${h.note}` : ''}`}
              />
            </List.Item>
          )}
        />
      ),
    },
    ...(current.abilities.publish
      ? [{
          key: 'publish',
          label: t('incidents.cat.edit'),
          children: (
            <CategoryEditor
              key={current.version}
              base={current}
              onPublished={() => {
                forgetCategories();
                setTab('tree');
                void load();
              }}
            />
          ),
        }]
      : []),
  ];

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>{t('incidents.page.categories')}</Typography.Title>
        <Tag color={viewing ? 'default' : 'green'}>{t('incidents.cat.version', { n: shown.version })}</Tag>
      </Space>
      {viewing && (
        <Alert
          type="info"
          showIcon
          title={t('incidents.cat.viewingOld', { n: shown.version, current: current.version })}
          action={<Button size="small" onClick={() => setShown(current)}>{t('incidents.cat.backToCurrent')}</Button>}
        />
      )}
      <Card>
        <Tabs activeKey={tab} onChange={setTab} items={items.filter((i) => !(viewing && i.key === 'publish'))} />
      </Card>
    </Flex>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useApiErrorHandler } from '../../api/forms.tsx';
import type { RoleView } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { listRoles } from './api.ts';

const ADMIN_COLORS: Record<string, string> = { system: 'geekblue', security: 'purple', audit: 'gold' };

/** Roles and the permissions each carries, with Chinese labels for permission keys. Grants are given on the users page. */
export default function RolesPage() {
  const { t, lang } = useI18n();
  const handleError = useApiErrorHandler();
  const [roles, setRoles] = useState<RoleView[]>([]);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRoles(await listRoles());
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [handleError]);
  useEffect(() => {
    void load();
  }, [load]);

  const columns: TableColumnsType<RoleView> = [
    {
      title: t('roles.name'),
      key: 'name',
      width: 200,
      render: (_: unknown, r) => (
        <Flex vertical>
          <Typography.Text strong>{lang === 'en' ? r.nameEn : r.nameZh}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{r.key}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('roles.kind'),
      key: 'kind',
      width: 130,
      render: (_: unknown, r) =>
        r.adminClass ? <Tag color={ADMIN_COLORS[r.adminClass]}>{t.dyn(`roles.adminClass.${r.adminClass}`, r.adminClass)}</Tag> : <Tag>{t('roles.business')}</Tag>,
    },
    {
      title: t('roles.permissions'),
      key: 'permissions',
      render: (_: unknown, r) => (
        <Flex wrap gap={4}>
          {r.permissions.map((p) => (
            <Tag key={p} title={p}>{t.dyn(`perm.${p}`, p)}</Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('roles.builtin'), dataIndex: 'builtin', key: 'builtin', width: 90, render: (b: boolean) => (b ? t('common.yes') : t('common.no')) },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('page.roles')}</Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>{t('common.refresh')}</Button>
      </Flex>
      <Alert type="info" showIcon title={t('roles.hint')} />
      <Card>
        <Table<RoleView> rowKey="key" columns={columns} dataSource={roles} loading={loading} pagination={false} scroll={{ x: 720 }} locale={{ emptyText: t('roles.empty') }} />
      </Card>
    </Flex>
  );
}

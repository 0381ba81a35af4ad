import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useApiErrorHandler } from '../../api/forms.tsx';
import type { Page } from '../../api/client.ts';
import type { UserView } from '../../api/types.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRegion } from '../../app/region.tsx';
import { OneTimeSecretModal } from '../../components/OneTimeSecret.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { listUsers, patchUser, resetPassword } from './api.ts';
import { CreateUserModal } from './CreateUserModal.tsx';
import { EditUserModal } from './EditUserModal.tsx';
import { GrantsDrawer } from './GrantsDrawer.tsx';

/** Users: server-paged list with search; create (one-time password), rename, disable, unlock, reset password, grants. */
export default function UsersPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const auth = useAuth();
  const region = useRegion();
  const handleError = useApiErrorHandler();
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<UserView>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [grantsOf, setGrantsOf] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ title: string; intro: string; value: string } | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await listUsers({ q: q || undefined, ...paging }));
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [q, paging, handleError]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (u: UserView, body: { disabled?: boolean; unlock?: boolean }, done: string) => {
    try {
      await patchUser(u.id, { version: u.version, ...body });
      message.success(done);
      void load();
    } catch (e) {
      handleError(e, { onReload: () => void load() });
    }
  };

  const reset = async (u: UserView) => {
    try {
      const r = await resetPassword(u.id);
      setSecret({ title: t('users.resetDone'), intro: t('users.resetIntro', { name: u.displayName, username: u.username }), value: r.password });
      void load();
    } catch (e) {
      handleError(e);
    }
  };

  const columns: TableColumnsType<UserView> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('users.grants'),
      key: 'grants',
      render: (_: unknown, u) =>
        u.grants.length ? (
          <Flex wrap gap={4}>
            {u.grants.map((g) => (
              <Tag key={g.id}>{`${lang === 'en' ? g.roleNameEn : g.roleNameZh} · ${region.labelOfPath(g.scopePath)}`}</Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('grants.none')}</Typography.Text>
        ),
    },
    {
      title: t('users.status'),
      key: 'status',
      render: (_: unknown, u) => (
        <Flex wrap gap={4}>
          {u.disabled && <Tag color="red">{t('users.disabled')}</Tag>}
          {u.locked && <Tag color="orange">{t('users.locked')}</Tag>}
          {u.mustChangePassword && <Tag color="blue">{t('users.mustChange')}</Tag>}
          {!u.disabled && !u.locked && !u.mustChangePassword && <Tag color="green">{t('users.active')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : t('common.none')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, u) => (
        <Space wrap size={0}>
          {u.abilities.update && (
            <Button type="link" size="small" onClick={() => setEditing(u)}>
              {t('common.edit')}
            </Button>
          )}
          {u.abilities.grant && (
            <Button type="link" size="small" onClick={() => setGrantsOf(u.id)}>
              {t('users.manageGrants')}
            </Button>
          )}
          {u.abilities.update && u.locked && (
            <Button type="link" size="small" onClick={() => act(u, { unlock: true }, t('users.unlocked'))}>
              {t('users.unlock')}
            </Button>
          )}
          {u.abilities.update && (
            <Popconfirm title={t('users.resetConfirm', { name: u.displayName })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => reset(u)}>
              <Button type="link" size="small">{t('users.resetPassword')}</Button>
            </Popconfirm>
          )}
          {u.abilities.update && u.id !== auth.me?.user.id && (
            <Popconfirm
              title={u.disabled ? t('users.enableConfirm', { name: u.displayName }) : t('users.disableConfirm', { name: u.displayName })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => act(u, { disabled: !u.disabled }, u.disabled ? t('users.enabled') : t('users.disabledDone'))}
            >
              <Button type="link" size="small" danger={!u.disabled}>
                {u.disabled ? t('users.enable') : t('users.disable')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const grantsUser = grantsOf ? (data.items.find((u) => u.id === grantsOf) ?? null) : null;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('page.users')}</Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>{t('common.refresh')}</Button>
          {auth.can('user.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          )}
        </Space>
      </Flex>
      <Card>
        <Form layout="inline" onFinish={(v: { q?: string }) => { setQ((v.q ?? '').trim()); setPaging((p) => ({ ...p, page: 1 })); }} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item label={t('users.search')} name="q">
            <Input.Search placeholder={t('users.searchPlaceholder')} allowClear enterButton={t('common.search')} onSearch={(v) => { setQ(v.trim()); setPaging((p) => ({ ...p, page: 1 })); }} style={{ maxWidth: 360 }} />
          </Form.Item>
        </Form>
        <Table<UserView>
          rowKey="id"
          columns={columns}
          dataSource={data.items}
          loading={loading}
          scroll={{ x: 900 }}
          locale={{ emptyText: q ? t('users.emptySearch') : t('users.empty') }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data.total,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </Card>
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          void load();
          if (r.initialPassword) {
            setSecret({ title: t('users.created'), intro: t('users.createdIntro', { name: r.user.displayName, username: r.user.username }), value: r.initialPassword });
          } else {
            message.info(t('users.createdBefore'));
          }
        }}
      />
      <EditUserModal
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('common.saved'));
          void load();
        }}
      />
      <GrantsDrawer user={grantsUser} onClose={() => setGrantsOf(null)} onChanged={() => void load()} />
      <OneTimeSecretModal open={!!secret} title={secret?.title ?? ''} intro={secret?.intro ?? ''} secret={secret?.value ?? null} onClose={() => setSecret(null)} />
    </Flex>
  );
}

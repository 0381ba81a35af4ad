import { useEffect, useState } from 'react';
import { App, Button, Drawer, Flex, Form, Grid, Popconfirm, Select, Typography } from 'antd';
import { SimpleList } from '../../components/SimpleList.tsx';
import { useApiErrorHandler } from '../../api/forms.tsx';
import type { RoleView, UserView } from '../../api/types.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRegion } from '../../app/region.tsx';
import { ScopePathPicker } from '../../components/RegionPicker.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { addGrant, listRoles, removeGrant } from './api.ts';

/** A user's role grants: remove one, or add a role over a place picked from the region tree. */
export function GrantsDrawer({ user, onClose, onChanged }: { user: UserView | null; onClose(): void; onChanged(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { me } = useAuth();
  const region = useRegion();
  const handleError = useApiErrorHandler();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<{ roleKey: string; scopePath: string }>();
  const [roles, setRoles] = useState<RoleView[]>([]);
  const [rolesLoading, setRolesLoading] = useState(false);
  const [busy, setBusy] = useState(false);
  const manageRoot = !!me?.user.grants.some((g) => g.scopePath === '/');

  useEffect(() => {
    if (!user || roles.length) return;
    setRolesLoading(true);
    listRoles()
      .then(setRoles)
      .catch((e) => handleError(e))
      .finally(() => setRolesLoading(false));
  }, [user, roles.length, handleError]);

  const roleName = (key: string) => {
    const r = roles.find((x) => x.key === key);
    return r ? (lang === 'en' ? r.nameEn : r.nameZh) : key;
  };

  const add = async (v: { roleKey: string; scopePath: string }) => {
    if (!user) return;
    setBusy(true);
    try {
      await addGrant(user.id, { roleKey: v.roleKey, scopePath: v.scopePath.trim() });
      message.success(t('grants.added'));
      form.resetFields();
      onChanged();
    } catch (e) {
      handleError(e, { form });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (grantId: string) => {
    try {
      await removeGrant(grantId);
      message.success(t('grants.removed'));
      onChanged();
    } catch (e) {
      handleError(e);
    }
  };

  return (
    <Drawer open={!!user} onClose={onClose} title={user ? t('grants.title', { name: user.displayName }) : ''} size={screens.md === false ? '100%' : 520} destroyOnHidden>
      {user && (
        <>
          <Typography.Title level={5}>{t('grants.current')}</Typography.Title>
          <SimpleList
            items={user.grants}
            rowKey={(g) => g.id}
            empty={t('grants.none')}
            label={t('grants.current')}
            render={(g) => (
              <Flex vertical>
                <Typography.Text strong>{lang === 'en' ? g.roleNameEn : g.roleNameZh}</Typography.Text>
                <Typography.Text type="secondary">{region.labelOfPath(g.scopePath)}</Typography.Text>
              </Flex>
            )}
            actions={(g) => (
              <Popconfirm title={t('grants.removeConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => remove(g.id)}>
                <Button type="link" danger size="small">{t('grants.remove')}</Button>
              </Popconfirm>
            )}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>{t('grants.add')}</Typography.Title>
          <Form form={form} layout="vertical" onFinish={add} disabled={busy}>
            <Form.Item label={t('grants.role')} name="roleKey" rules={[{ required: true, message: t('grants.roleRequired') }]}>
              <Select
                loading={rolesLoading}
                showSearch={{ optionFilterProp: 'label' }}
                options={roles.map((r) => ({ value: r.key, label: roleName(r.key) }))}
                placeholder={t('grants.rolePlaceholder')}
              />
            </Form.Item>
            <Form.Item
              label={t('grants.scope')}
              name="scopePath"
              extra={region.source === 'api' ? t('grants.scopeHintTree') : t('grants.scopeHintPath')}
              rules={[
                { required: true, message: t('grants.scopeRequired') },
                { pattern: /^\/(?:[^/]+\/)*$/, message: t('grants.scopeFormat') },
              ]}
            >
              <ScopePathPicker includeRoot={manageRoot} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('grants.submit')}
            </Button>
          </Form>
        </>
      )}
    </Drawer>
  );
}

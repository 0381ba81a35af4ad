import { useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Form, Input, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLocation } from 'react-router';
import { useApiErrorHandler } from '../../api/forms.tsx';
import type { MeView } from '../../api/types.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRegion } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { patchUser } from './api.ts';

/**
 * Renaming oneself goes through PATCH /api/users/:id, which needs user.manage; shown to such users only. It is the demo of the
 * STALE helper: a 409 shows the notice, and Reload takes only the new version, keeping the name the user typed.
 */
function DisplayNameForm({ me }: { me: MeView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const auth = useAuth();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<{ displayName: string }>();
  const [version, setVersion] = useState(me.user.version);
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: { displayName: string }) => {
    setBusy(true);
    try {
      const u = await patchUser(me.user.id, { version, displayName: v.displayName.trim() });
      setVersion(u.version);
      await auth.refresh();
      message.success(t('common.saved'));
    } catch (e) {
      handleError(e, {
        form,
        onReload: async () => {
          const fresh = await auth.refresh();
          if (fresh) setVersion(fresh.user.version);
          message.info(t('stale.reloaded'));
        },
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ displayName: me.user.displayName }} style={{ maxWidth: 420 }}>
      <Form.Item label={t('users.displayName')} name="displayName" rules={[{ required: true, whitespace: true, max: 64, message: t('users.displayNameRequired') }]}>
        <Input autoComplete="name" />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

/** The signed-in user's own page: who they are, their roles and places, their password. */
export default function ProfilePage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const region = useRegion();
  const location = useLocation();
  useEffect(() => {
    if (location.hash === '#password') document.getElementById('password-card')?.scrollIntoView({ behavior: 'smooth' });
  }, [location.hash]);
  if (!me) return null;
  const u = me.user;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('page.profile')}</Typography.Title>
      <Card title={t('profile.me')}>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'username', label: t('users.username'), children: u.username },
            { key: 'name', label: t('users.displayName'), children: u.displayName },
            { key: 'last', label: t('users.lastLogin'), children: u.lastLoginAt ? dayjs(u.lastLoginAt).format('YYYY-MM-DD HH:mm') : t('common.none') },
            { key: 'idle', label: t('profile.idle'), children: t('profile.idleValue', { n: me.idleMinutes }) },
            {
              key: 'roles',
              label: t('users.grants'),
              span: 'filled',
              children: u.grants.length ? (
                <Flex wrap gap={4}>
                  {u.grants.map((g) => (
                    <Tag key={g.id}>{`${lang === 'en' ? g.roleNameEn : g.roleNameZh} · ${region.labelOfPath(g.scopePath)}`}</Tag>
                  ))}
                </Flex>
              ) : (
                t('home.noRoles')
              ),
            },
          ]}
        />
      </Card>
      {me.permissions.includes('user.manage') && (
        <Card title={t('profile.rename')}>
          <DisplayNameForm me={me} />
        </Card>
      )}
      <Card title={t('user.changePassword')} id="password-card">
        <ChangePasswordForm onDone={() => undefined} />
      </Card>
    </Flex>
  );
}

import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { GlobalOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useI18n, type T } from '../../i18n/index.tsx';

/** Only paths inside the console are followed after sign-in (no open redirect). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

/** The sign-in failure as a person reads it: lock time in local time, attempts left, or the server's message. */
function failureText(e: unknown, t: T): string {
  if (!(e instanceof ApiError)) return t('error.unexpected');
  if (e.code === 'ACCOUNT_LOCKED' && typeof e.details.lockedUntil === 'string') {
    return t('login.locked', { time: dayjs(e.details.lockedUntil).format('YYYY-MM-DD HH:mm') });
  }
  return e.message;
}

/** Sign-in: user name and password, with the server's lockout, bad-credential and expired-session messages shown plainly. */
export default function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const auth = useAuth();
  const [params] = useSearchParams();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (auth.status === 'signed-in' && auth.me) return <Navigate to={auth.me.user.mustChangePassword ? '/change-password' : next} replace />;

  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setFailure(null);
    try {
      await auth.signIn(v.username.trim(), v.password);
    } catch (e) {
      setFailure(failureText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16, boxSizing: 'border-box', background: '#f5f5f5' }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Flex justify="space-between" align="start" gap={8}>
          <Flex align="center" gap={10}>
            <img src="/favicon.svg" alt="" width={36} height={36} />
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>{t('app.name')}</Typography.Title>
              <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
            </div>
          </Flex>
          <Button type="text" size="small" icon={<GlobalOutlined />} onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')} aria-label={t('lang.switch')}>
            {lang === 'en' ? t('lang.zh') : t('lang.en')}
          </Button>
        </Flex>
        <Typography.Title level={4} style={{ marginTop: 24 }}>{t('login.title')}</Typography.Title>
        {auth.signedOutReason === 'expired' && !failure && <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} data-testid="login-expired" />}
        {auth.signedOutReason === 'signed-out' && !failure && <Alert type="success" showIcon title={t('login.signedOut')} style={{ marginBottom: 16 }} />}
        {failure && (
          <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} role="alert" data-testid="login-error" />
        )}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus autoCapitalize="off" spellCheck={false} />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('login.help')}
        </Typography.Paragraph>
      </Card>
    </main>
  );
}

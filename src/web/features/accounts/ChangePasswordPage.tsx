import { Alert, Button, Card, Flex, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { FullPageSpin } from '../../components/status.tsx';
import { useT } from '../../i18n/index.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

/** The page a user lands on when the server requires a password change (first sign-in, reset, or 90 days passed). */
export default function ChangePasswordPage() {
  const t = useT();
  const auth = useAuth();
  const navigate = useNavigate();
  if (auth.status === 'loading') return <FullPageSpin />;
  if (auth.status === 'anonymous' || !auth.me) return <Navigate to="/login" replace />;
  const forced = auth.me.user.mustChangePassword;
  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16, boxSizing: 'border-box', background: '#f5f5f5' }}>
      <Card style={{ width: '100%', maxWidth: 460 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>{t('password.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('password.signedInAs', { name: auth.me.user.displayName, username: auth.me.user.username })}</Typography.Paragraph>
        {forced && <Alert type="warning" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} />}
        <ChangePasswordForm
          autoFocus
          onDone={async () => {
            await auth.refresh();
            navigate('/', { replace: true });
          }}
        />
        <Flex justify="space-between" style={{ marginTop: 16 }}>
          {!forced ? <Button onClick={() => navigate('/')}>{t('common.back')}</Button> : <span />}
          <Button type="link" onClick={() => void auth.signOut()}>
            {t('user.logout')}
          </Button>
        </Flex>
      </Card>
    </main>
  );
}

import { App, Alert, Button, Form, Input } from 'antd';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useT } from '../../i18n/index.tsx';
import { changePassword, passwordStrongEnough } from './api.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * Changes the caller's password. Also the demo of the server-error helpers: a wrong current password comes back as a field
 * problem of VALIDATION_FAILED and lands under its field; WEAK_PASSWORD / PASSWORD_REUSED land under the new password.
 */
export function ChangePasswordForm({ onDone, autoFocus }: { onDone(): void; autoFocus?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const handleError = useApiErrorHandler();
  const onFinish = async (v: Values) => {
    try {
      await changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('password.changed'));
      form.resetFields();
      onDone();
    } catch (e) {
      handleError(e, { form, codeFields: { WEAK_PASSWORD: 'newPassword', PASSWORD_REUSED: 'newPassword' } });
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 420 }} data-testid="change-password-form">
      <Alert type="info" showIcon title={t('password.policy')} style={{ marginBottom: 16 }} />
      <Form.Item label={t('password.current')} name="currentPassword" rules={[{ required: true, message: t('password.currentRequired') }]}>
        <Input.Password autoComplete="current-password" autoFocus={autoFocus} />
      </Form.Item>
      <Form.Item
        label={t('password.new')}
        name="newPassword"
        extra={t('password.policyShort')}
        rules={[
          { required: true, message: t('password.newRequired') },
          { validator: async (_r, v: string) => (!v || passwordStrongEnough(v) ? undefined : Promise.reject(new Error(t('password.weak')))) },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t('password.confirm')}
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_r, v: string) => (!v || v === getFieldValue('newPassword') ? undefined : Promise.reject(new Error(t('password.mismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('password.submit')}
      </Button>
    </Form>
  );
}

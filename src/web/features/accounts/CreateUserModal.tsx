import { useEffect, useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { newId } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import type { UserView } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { createUser } from './api.ts';

/** New user: user name and display name; the server answers with the one-time initial password. */
export function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(r: { user: UserView; initialPassword: string | null; created: boolean }): void }) {
  const t = useT();
  const [form] = Form.useForm<{ username: string; displayName: string }>();
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  // One id per opening: a retry after a lost answer returns the user created the first time, never a duplicate.
  const [id, setId] = useState(newId);
  useEffect(() => {
    if (open) setId(newId());
  }, [open]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await createUser({ id, username: v.username.trim(), displayName: v.displayName.trim() });
      form.resetFields();
      onCreated(r);
    } catch (e) {
      handleError(e, { form });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('users.create')} okText={t('common.create')} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={() => void submit()}>
        <Form.Item
          label={t('users.username')}
          name="username"
          extra={t('users.usernameHint')}
          rules={[
            { required: true, message: t('users.usernameRequired') },
            { pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: t('users.usernameHint') },
          ]}
        >
          <Input autoComplete="off" autoCapitalize="off" spellCheck={false} autoFocus />
        </Form.Item>
        <Form.Item label={t('users.displayName')} name="displayName" rules={[{ required: true, whitespace: true, max: 64, message: t('users.displayNameRequired') }]}>
          <Input autoComplete="off" onPressEnter={() => form.submit()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

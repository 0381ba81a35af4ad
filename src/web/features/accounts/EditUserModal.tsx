import { useEffect, useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { useApiErrorHandler } from '../../api/forms.tsx';
import type { UserView } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { listUsers, patchUser } from './api.ts';

/** Renames a user with compare-and-set: a 409 STALE shows the reload notice and keeps what was typed. */
export function EditUserModal({ user, onClose, onSaved }: { user: UserView | null; onClose(): void; onSaved(u: UserView): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ displayName: string }>();
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(user?.version ?? 1);
  useEffect(() => {
    if (user) setVersion(user.version);
  }, [user]);

  const reloadVersion = async () => {
    if (!user) return;
    const page = await listUsers({ q: user.username, page: 1, pageSize: 20 });
    const fresh = page.items.find((u) => u.id === user.id);
    if (fresh) setVersion(fresh.version);
    message.info(t('stale.reloaded'));
  };

  const submit = async () => {
    if (!user) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      onSaved(await patchUser(user.id, { version, displayName: v.displayName.trim() }));
    } catch (e) {
      handleError(e, { form, onReload: () => void reloadVersion() });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={!!user} title={t('users.edit', { name: user?.username ?? '' })} okText={t('common.save')} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Form key={user?.id} form={form} layout="vertical" initialValues={{ displayName: user?.displayName }} onFinish={() => void submit()}>
        <Form.Item label={t('users.displayName')} name="displayName" rules={[{ required: true, whitespace: true, max: 64, message: t('users.displayNameRequired') }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

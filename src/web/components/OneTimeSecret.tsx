import { Alert, Button, Modal, Typography } from 'antd';
import { useT } from '../i18n/index.tsx';

/** A password or token shown exactly once, with a copy button and a warning that it cannot be shown again. */
export function OneTimeSecretModal({ open, title, intro, secret, onClose }: { open: boolean; title: string; intro: string; secret: string | null; onClose(): void }) {
  const t = useT();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('secret.done')}
        </Button>
      }
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Typography.Paragraph>{intro}</Typography.Paragraph>
      <div style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: '12px 16px', marginBottom: 16 }}>
        <Typography.Text
          code
          copyable={{ text: secret ?? '', tooltips: [t('secret.copy'), t('secret.copied')] }}
          style={{ fontSize: 18, wordBreak: 'break-all' }}
          data-testid="one-time-secret"
        >
          {secret}
        </Typography.Text>
      </div>
      <Alert type="warning" showIcon title={t('secret.once')} />
    </Modal>
  );
}

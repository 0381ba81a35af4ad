import { Link } from 'react-router';
import { Alert, Button, Card, Flex, Popconfirm, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, DisconnectOutlined, EditOutlined, LoadingOutlined, WifiOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { I18nName } from '../../../shared/method-template.ts';
import { useRegion } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { QueuedReport } from './queue.ts';
import type { Outbox } from './useOutbox.ts';

/** The signal and the outbox at the top of the page: online or not, "待发送 N 条", and that the page must stay open. */
export function OutboxBanner({ outbox }: { outbox: Outbox }) {
  const { t } = useI18n();
  const n = outbox.items.length;
  const fix = outbox.items.filter((i) => i.state === 'needs_fix').length;
  return (
    <Alert
      type={!outbox.online ? 'warning' : fix ? 'error' : n ? 'info' : 'success'}
      showIcon
      icon={outbox.online ? <WifiOutlined /> : <DisconnectOutlined />}
      data-testid="outbox-banner"
      title={
        <Flex justify="space-between" align="center" gap={8} wrap>
          <span>
            {outbox.online ? t('grid.net.online') : t('grid.net.offline')}
            {n > 0 && <strong data-testid="outbox-count">{' · '}{t('grid.outbox.pending', { n })}</strong>}
          </span>
          {n > fix && outbox.online && (
            <Button size="small" icon={<CloudUploadOutlined />} loading={!!outbox.sendingId} onClick={outbox.sendNow}>
              {t('grid.outbox.sendNow')}
            </Button>
          )}
        </Flex>
      }
      description={n === 0 ? t('grid.outbox.howItWorks') : fix === n ? t('grid.outbox.allNeedFix', { n }) : outbox.durable ? t('grid.outbox.keepOpen') : t('grid.outbox.keepOpenMemory')}
    />
  );
}

function QueueItem({ item, outbox, onEdit }: { item: QueuedReport; outbox: Outbox; onEdit(i: QueuedReport): void }) {
  const { t, lang } = useI18n();
  const name = (n: I18nName) => (lang === 'en' ? n.en : n.zh);
  const sending = outbox.sendingId === item.id;
  const photos = item.photos.length + item.afterPhotos.length;
  const uploaded = [...item.photos, ...item.afterPhotos].filter((p) => p.attachmentId).length;
  let status;
  if (item.state === 'needs_fix') status = <Tag color="red">{t('grid.outbox.needsFix')}</Tag>;
  else if (sending) status = <Tag icon={<LoadingOutlined />} color="processing">{t('grid.outbox.sending')}</Tag>;
  else if (!outbox.online) status = <Tag color="orange">{t('grid.outbox.waitingSignal')}</Tag>;
  else if (item.attempts > 0) status = <Tag color="orange">{t('grid.outbox.retryAt', { at: dayjs(item.nextAt).format('HH:mm:ss') })}</Tag>;
  else status = <Tag>{t('grid.outbox.waiting')}</Tag>;
  return (
    <Card size="small" role="listitem" data-testid="outbox-item" data-state={item.state} styles={{ body: { padding: 12 } }}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Text strong style={{ minWidth: 0 }}>{name(item.fields.categoryName)}</Typography.Text>
        <span style={{ flex: 'none' }}>{status}</span>
      </Flex>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '6px 0', wordBreak: 'break-word' }}>{item.fields.description}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('grid.outbox.madeAt', { at: dayjs(item.createdAt).format('MM-DD HH:mm') })}
        {item.fields.compoundName ? ` · ${item.fields.compoundName}` : ''}
        {photos > 0 ? ` · ${t('grid.outbox.photos', { n: photos, up: uploaded })}` : ''}
      </Typography.Text>
      {item.lastError && item.state === 'needs_fix' && (
        <Alert type="error" style={{ marginTop: 8 }} title={item.lastError.message} description={item.lastError.fields.map((f) => f.message).join('；') || undefined} />
      )}
      {item.state === 'needs_fix' && (
        <Flex gap={8} style={{ marginTop: 8 }}>
          <Button type="primary" icon={<EditOutlined />} onClick={() => onEdit(item)} style={{ flex: 1, minHeight: 44 }}>
            {t('grid.outbox.fix')}
          </Button>
          <Popconfirm title={t('grid.outbox.discardConfirm')} okText={t('grid.outbox.discard')} cancelText={t('common.cancel')} onConfirm={() => void outbox.remove(item.id)}>
            <Button danger style={{ flex: 1, minHeight: 44 }}>{t('grid.outbox.discard')}</Button>
          </Popconfirm>
        </Flex>
      )}
    </Card>
  );
}

/** The queued reports, each with its state; a refused one can be corrected or discarded (never dropped silently). */
export function OutboxList({ outbox, onEdit }: { outbox: Outbox; onEdit(i: QueuedReport): void }) {
  const { t } = useI18n();
  if (!outbox.items.length) return null;
  const items = [...outbox.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (
    <section aria-label={t('grid.outbox.title')}>
      <Typography.Title level={5} style={{ margin: '0 0 8px' }}>{t('grid.outbox.title')}</Typography.Title>
      <Flex vertical gap={8} role="list">
        {items.map((i) => <QueueItem key={i.id} item={i} outbox={outbox} onEdit={onEdit} />)}
      </Flex>
    </section>
  );
}

/** Reports this phone sent lately, each opening its incident. */
export function SentList({ outbox }: { outbox: Outbox }) {
  const { t, lang } = useI18n();
  const { withRegion } = useRegion();
  if (!outbox.sent.length) return null;
  const name = (n: I18nName) => (lang === 'en' ? n.en : n.zh);
  return (
    <section aria-label={t('grid.sent.title')}>
      <Typography.Title level={5} style={{ margin: '0 0 8px' }}>{t('grid.sent.title')}</Typography.Title>
      <Flex vertical gap={8} role="list">
        {outbox.sent.map((s) => (
          <Link key={s.id} to={withRegion(`/incidents/${encodeURIComponent(s.id)}`)} role="listitem" data-testid="sent-item" style={{ color: 'inherit' }}>
            <Card size="small" hoverable styles={{ body: { padding: 12 } }}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong style={{ minWidth: 0 }}>
                  <CheckCircleOutlined style={{ color: '#52c41a' }} /> {name(s.categoryName)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ flex: 'none' }}>{dayjs(s.sentAt).format('MM-DD HH:mm')}</Typography.Text>
              </Flex>
              <Typography.Text type="secondary" ellipsis style={{ display: 'block', marginTop: 4 }}>
                {name(s.stageName)} · {s.description}
              </Typography.Text>
            </Card>
          </Link>
        ))}
      </Flex>
    </section>
  );
}

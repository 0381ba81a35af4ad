import { Flex, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { MatterDetail } from '../../../../shared/deliberation.ts';
import { SimpleList } from '../../../components/SimpleList.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { categoryLabel } from '../labels.ts';
import { channelLabel } from '../labels.meetings.ts';

/** The resident opinions the matter was opened from or took up (names and phones masked by the server). */
export function OpinionsPanel({ matter }: { matter: MatterDetail }) {
  const { t } = useI18n();
  return (
    <SimpleList
      items={matter.opinions}
      rowKey={(o) => o.id}
      empty={t('matters.opinions.empty')}
      label={t('matters.tab.opinions')}
      render={(o) => (
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{o.content}</Typography.Paragraph>
          <Space wrap size={[8, 4]}>
            <Tag>{categoryLabel(t, o.category)}</Tag>
            <Tag>{channelLabel(t, o.channel)}</Tag>
            {o.proxy && <Tag color="purple">{t('matters.opinions.proxy')}</Tag>}
            <Typography.Text type="secondary">
              {[o.nameMasked, o.phoneMasked].filter(Boolean).join(' · ') || t('matters.opinions.anonymous')} · {dayjs(o.receivedAt).format('YYYY-MM-DD HH:mm')}
            </Typography.Text>
          </Space>
          {o.answer && (
            <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
              {t('matters.opinions.answer', { answer: o.answer })}
            </Typography.Text>
          )}
        </Flex>
      )}
    />
  );
}

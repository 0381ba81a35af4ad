import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { MatterSummary } from '../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { getBoard, type MatterBoardView } from './api.ts';
import { nameIn } from './labels.ts';

/** One matter on the board: title, compound, due time; red edge when overdue; opens the matter. */
function BoardCard({ m, onOpen }: { m: MatterSummary; onOpen(): void }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      hoverable
      role="link"
      tabIndex={0}
      aria-label={t('matters.list.open', { title: m.title })}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen();
        }
      }}
      style={{ borderInlineStart: `3px solid ${m.overdue ? '#ff4d4f' : m.terminal ? '#52c41a' : '#1677ff'}` }}
    >
      <Flex vertical gap={4}>
        <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
          {m.title}
        </Typography.Text>
        <Typography.Text type="secondary">{m.compound.name}</Typography.Text>
        {m.dueAt && !m.terminal && (
          <Flex gap={4} align="center" wrap>
            <Typography.Text type={m.overdue ? 'danger' : 'secondary'}>
              <ClockCircleOutlined /> {dayjs(m.dueAt).format('MM-DD HH:mm')}
            </Typography.Text>
            {m.overdue && <Tag color="red">{t('matters.overdue')}</Tag>}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

/**
 * The matters of one method as columns by stage (GET /api/matters/board), within the chosen place or compound. A column
 * shows at most 50 cards and says how many more the list view holds.
 */
export function MatterBoard({ methodKey, compoundId, regionId }: { methodKey: string; compoundId?: string; regionId?: string }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const region = useRegion();
  const handleError = useApiErrorHandler();
  const [board, setBoard] = useState<MatterBoardView | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    getBoard({ methodKey, compoundId, regionId }, ac.signal)
      .then(setBoard)
      .catch((e: unknown) => {
        if ((e as Error)?.name !== 'AbortError') handleError(e);
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
  }, [methodKey, compoundId, regionId, handleError]);

  if (!board) return <Spin spinning={loading}>{!loading && <Empty />}</Spin>;
  return (
    <Spin spinning={loading}>
      <div style={{ overflowX: 'auto', paddingBottom: 8 }} role="region" aria-label={nameIn(board.method.name, lang)} tabIndex={0}>
        <Flex gap={12} align="flex-start" style={{ minWidth: 'min-content' }}>
          {board.columns.map((c) => (
            <section key={c.stage} aria-label={nameIn(c.name, lang)} style={{ flex: '0 0 240px', width: 240, background: '#f5f5f5', borderRadius: 8, padding: 8 }}>
              <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                <Typography.Text strong>{nameIn(c.name, lang) || c.stage}</Typography.Text>
                <Badge count={c.total} showZero color={c.terminal ? '#52c41a' : '#1677ff'} overflowCount={999} />
              </Flex>
              <Flex vertical gap={8}>
                {c.items.map((m) => (
                  <BoardCard key={m.id} m={m} onOpen={() => navigate(region.withRegion(`/deliberation/matters/${m.id}`))} />
                ))}
                {c.items.length === 0 && <Typography.Text type="secondary">{t('matters.board.emptyColumn')}</Typography.Text>}
                {c.total > c.items.length && <Typography.Text type="secondary">{t('matters.board.more', { n: c.total - c.items.length })}</Typography.Text>}
              </Flex>
            </section>
          ))}
        </Flex>
      </div>
    </Spin>
  );
}

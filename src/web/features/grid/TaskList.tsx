import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { ClockCircleOutlined, EnvironmentOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { IncidentView } from '../../../shared/incidents.ts';
import type { I18nName } from '../../../shared/method-template.ts';
import { useRegion } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { compoundName, listTasks, type CompoundChoice } from './api.ts';

/** The caller's tasks, reloadable; the last good list stays when a reload fails (no signal). */
export function useTasks() {
  const [items, setItems] = useState<IncidentView[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [loading, setLoading] = useState(true);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await listTasks()).items);
      setFailed(false);
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => void load(), [load]);
  return { items, failed, loading, reload: load };
}

/** Names of the compounds the tasks lie in: the worker's own grid's at once, others asked for once each. */
function useCompoundNames(tasks: IncidentView[] | null, local: CompoundChoice[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    const known = new Set([...local.map((c) => c.id), ...Object.keys(names)]);
    const missing = [...new Set((tasks ?? []).map((t) => t.compoundId).filter((id): id is string => !!id && !known.has(id)))].slice(0, 20);
    if (!missing.length) return;
    let gone = false;
    void Promise.all(missing.map((id) => compoundName(id).then((n) => [id, n] as const, () => [id, ''] as const))).then((pairs) => {
      if (!gone) setNames((m) => ({ ...m, ...Object.fromEntries(pairs) }));
    });
    return () => {
      gone = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tasks, local]);
  return { ...Object.fromEntries(local.map((c) => [c.id, c.name])), ...names };
}

/** Props of TaskList. */
export interface TaskListProps {
  tasks: ReturnType<typeof useTasks>;
  compounds: CompoundChoice[];
}

/** My tasks as big cards: category, place, step, deadline (overdue in red); a tap opens the incident. */
export function TaskList({ tasks, compounds }: TaskListProps) {
  const { t, lang } = useI18n();
  const { withRegion } = useRegion();
  const names = useCompoundNames(tasks.items, compounds);
  const name = (n: I18nName) => (lang === 'en' ? n.en : n.zh);
  const when = (iso: string) => dayjs(iso).format(t('grid.tasks.dateFormat'));
  const now = Date.now();

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{tasks.items ? t('grid.tasks.count', { n: tasks.items.length }) : ''}</Typography.Text>
        <Button icon={<ReloadOutlined />} onClick={() => void tasks.reload()} loading={tasks.loading} style={{ minHeight: 44 }}>
          {t('grid.tasks.reload')}
        </Button>
      </Flex>
      {tasks.failed && <Alert type="warning" showIcon title={tasks.items ? t('grid.tasks.staleList') : t('grid.tasks.loadFailed')} />}
      {!tasks.items && tasks.loading && <Skeleton active />}
      {tasks.items?.length === 0 && <Empty description={t('grid.tasks.empty')} />}
      <Flex vertical gap={12} role="list" aria-label={t('grid.tab.tasks')}>
        {tasks.items?.map((i) => {
          const place = [i.compoundId ? names[i.compoundId] : null, i.address].filter(Boolean).join(' · ');
          const stepLate = !i.overdue && i.stageDueAt !== null && Date.parse(i.stageDueAt) < now;
          return (
            <Link key={i.id} to={withRegion(`/incidents/${encodeURIComponent(i.id)}`)} role="listitem" style={{ color: 'inherit' }} data-testid="task-card">
              <Card size="small" hoverable style={{ borderColor: i.overdue ? '#ff7875' : undefined }} styles={{ body: { padding: 12 } }}>
                <Flex justify="space-between" align="flex-start" gap={8}>
                  <Typography.Text strong style={{ fontSize: 16, minWidth: 0 }}>{name(i.categoryName)}</Typography.Text>
                  <Tag color="blue" style={{ marginInlineEnd: 0, flex: 'none' }}>{name(i.stageName)}</Tag>
                </Flex>
                {i.caseNo && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('grid.tasks.caseNo', { no: i.caseNo })}</Typography.Text>}
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '6px 0', wordBreak: 'break-word' }}>{i.description}</Typography.Paragraph>
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <Typography.Text type="secondary" style={{ minWidth: 0, wordBreak: 'break-word' }}>
                    <EnvironmentOutlined /> {place || t('grid.tasks.noPlace')}
                  </Typography.Text>
                  <span style={{ flex: 'none' }}>
                    {i.overdue && <Tag color="red">{t('grid.tasks.overdue')}</Tag>}
                    {stepLate && <Tag color="orange">{t('grid.tasks.stepLate')}</Tag>}
                    {!i.overdue && i.deadlineAt && (
                      <Typography.Text type="secondary">
                        <ClockCircleOutlined /> {t('grid.tasks.due', { at: when(i.deadlineAt) })}
                      </Typography.Text>
                    )}
                    {i.overdue && i.deadlineAt && <Typography.Text type="danger">{t('grid.tasks.dueWas', { at: when(i.deadlineAt) })}</Typography.Text>}
                    <RightOutlined style={{ marginInlineStart: 8, color: '#999' }} />
                  </span>
                </Flex>
              </Card>
            </Link>
          );
        })}
      </Flex>
    </Flex>
  );
}

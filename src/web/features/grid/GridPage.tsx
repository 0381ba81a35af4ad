import { useCallback, useState } from 'react';
import { Alert, App, Button, Flex, Segmented, Typography } from 'antd';
import { FormOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth.tsx';
import { FullPageSpin } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { OutboxBanner, OutboxList, SentList } from './OutboxPanel.tsx';
import type { QueuedReport } from './queue.ts';
import { ReportForm } from './ReportForm.tsx';
import type { SentRecord } from './store.ts';
import { TaskList, useTasks } from './TaskList.tsx';
import { usePatrolData } from './usePatrolData.ts';
import { useOutbox } from './useOutbox.ts';

/**
 * 网格巡查: the grid worker's phone page inside the console. Reports go to an outbox in the browser first and are sent when
 * the signal allows (the page must stay open: there is no service worker); my tasks open the incident detail.
 */
export default function GridPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const userId = me!.user.id;
  const [tab, setTab] = useState<'report' | 'tasks'>('report');
  const [editing, setEditing] = useState<QueuedReport | null>(null);
  const data = usePatrolData(userId);
  const tasks = useTasks();
  const onSent = useCallback(
    (r: SentRecord) => void message.success(t('grid.sent.toast', { name: lang === 'en' ? r.categoryName.en : r.categoryName.zh })),
    [message, t, lang],
  );
  const outbox = useOutbox(userId, me?.csrfToken ?? null, onSent);

  const edit = (i: QueuedReport) => {
    setEditing(i);
    setTab('report');
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  return (
    <Flex vertical gap={12} style={{ maxWidth: 640, margin: '0 auto', width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('grid.page.title')}</Typography.Title>
      <OutboxBanner outbox={outbox} />
      <OutboxList outbox={outbox} onEdit={edit} />
      <Segmented
        block
        size="large"
        value={tab}
        onChange={(v) => setTab(v as 'report' | 'tasks')}
        options={[
          { value: 'report', label: <span><FormOutlined /> {editing ? t('grid.tab.fix') : t('grid.tab.report')}</span> },
          { value: 'tasks', label: <span><UnorderedListOutlined /> {t('grid.tab.tasks')}{tasks.items ? ` (${tasks.items.length})` : ''}</span> },
        ]}
      />
      {tab === 'report' && data.loading && !data.categories && <FullPageSpin />}
      {tab === 'report' && data.failed && (
        <Alert type="error" showIcon title={t('grid.data.failed')} action={<Button onClick={data.reload}>{t('grid.data.retry')}</Button>} />
      )}
      {tab === 'report' && data.stale && <Alert type="warning" showIcon title={t('grid.data.stale')} />}
      {tab === 'report' && data.categories && (
        <>
          {!data.grid && !data.loading && <Alert type="info" showIcon title={t('grid.data.noGrid')} />}
          <ReportForm key={editing?.id ?? 'new'} data={data} outbox={outbox} editing={editing} onDone={() => setEditing(null)} />
          {editing && (
            <Button block size="large" onClick={() => setEditing(null)} style={{ minHeight: 48 }}>
              {t('grid.report.cancelFix')}
            </Button>
          )}
        </>
      )}
      {tab === 'tasks' && <TaskList tasks={tasks} compounds={data.compounds} />}
      <SentList outbox={outbox} />
    </Flex>
  );
}

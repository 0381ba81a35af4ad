import { Descriptions, Drawer, Grid, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { AuditView } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';

/** One audit entry in full: who, what, where, result, the stated reason and the detail JSON. */
export function AuditDetail({ entry, onClose }: { entry: AuditView | null; onClose(): void }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const none = t('common.none');
  return (
    <Drawer open={!!entry} onClose={onClose} title={t('audit.detail.title', { seq: entry?.seq ?? '' })} size={screens.md === false ? '100%' : 560}>
      {entry && (
        <>
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'seq', label: t('audit.seq'), children: entry.seq },
              { key: 'at', label: t('audit.at'), children: dayjs(entry.at).format('YYYY-MM-DD HH:mm:ss') },
              { key: 'actor', label: t('audit.actor'), children: entry.actorName },
              { key: 'roles', label: t('audit.actorRoles'), children: entry.actorRoles || none },
              { key: 'ip', label: t('audit.ip'), children: entry.ip ?? none },
              { key: 'action', label: t('audit.action'), children: t('common.labelWithCode', { label: t.dyn(`audit.action.${entry.action}`, entry.action), code: entry.action }) },
              { key: 'object', label: t('audit.object'), children: entry.objectType ? `${t.dyn(`audit.objectType.${entry.objectType}`, entry.objectType)} ${entry.objectId ?? ''}` : none },
              { key: 'scope', label: t('audit.scopePath'), children: entry.scopePath ?? none },
              {
                key: 'result',
                label: t('audit.result'),
                children: <Tag color={entry.result === 'success' ? 'green' : 'red'}>{t(entry.result === 'success' ? 'audit.result.success' : 'audit.result.failure')}</Tag>,
              },
              { key: 'reason', label: t('audit.reason'), children: entry.reason ?? none },
              { key: 'hash', label: t('audit.hash'), children: entry.hash ? <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 12 }}>{entry.hash}</Typography.Text> : none },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('audit.detailJson')}</Typography.Title>
          <pre
            tabIndex={0}
            aria-label={t('audit.detailJson')}
            style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: 12, overflow: 'auto', maxHeight: 360, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
          >
            {JSON.stringify(entry.detail, null, 2)}
          </pre>
        </>
      )}
    </Drawer>
  );
}

import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Flex, List, Space, Typography } from 'antd';
import { MergeCellsOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { IncidentDetail, IncidentView } from '../../../../shared/incidents.ts';
import { useRegion } from '../../../app/region.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { getIncident } from '../api.ts';
import { nameIn } from '../labels.ts';
import { StageTag } from '../parts.tsx';

/** A flagged possible duplicate: the incident when the caller may read it, else just its id. */
export type Candidate = { id: string; incident: IncidentView | null };

/** Loads the incidents the server flagged as possible duplicates (same 小类, same compound or within 50 m, within 24 h). */
export function useCandidates(i: IncidentDetail | null): Candidate[] {
  const [list, setList] = useState<Candidate[]>([]);
  const key = i ? [...i.duplicateCandidates, i.duplicateOf ?? ''].join(',') : '';
  useEffect(() => {
    if (!i) return;
    let live = true;
    const ids = [...new Set([...i.duplicateCandidates, ...(i.duplicateOf ? [i.duplicateOf] : [])])];
    Promise.all(ids.map((id) => getIncident(id).then((x): Candidate => ({ id, incident: x }), (): Candidate => ({ id, incident: null })))).then((c) => live && setList(c));
    return () => {
      live = false;
    };
    // The id list decides when to reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return list;
}

/**
 * The duplicate check's result: the incident this one was merged into, or the possible duplicates with links, each
 * with a "merge into" button when the caller may merge (a dispatcher, while the report awaits acceptance).
 */
export function Duplicates({ incident, candidates, onMerge }: { incident: IncidentDetail; candidates: Candidate[]; onMerge?(targetId: string): void }) {
  const { t, lang } = useI18n();
  const region = useRegion();
  const link = (id: string) => region.withRegion(`/incidents/${id}`);
  if (incident.duplicateOf) {
    return (
      <Alert
        type="info"
        showIcon
        title={
          <span>
            {t('incidents.dup.mergedInto')} <Link to={link(incident.duplicateOf)}>{t('incidents.dup.link', { id: incident.duplicateOf.slice(0, 8) })}</Link>
          </span>
        }
      />
    );
  }
  const shown = candidates.filter((c) => incident.duplicateCandidates.includes(c.id));
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('incidents.dup.hint')}</Typography.Text>
      <List
        size="small"
        dataSource={shown}
        renderItem={(c) => (
          <List.Item
            key={c.id}
            actions={onMerge ? [<Button key="merge" size="small" icon={<MergeCellsOutlined />} onClick={() => onMerge(c.id)}>{t('incidents.dup.merge')}</Button>] : []}
          >
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Space wrap size={6}>
                <Link to={link(c.id)}>{c.incident ? nameIn(c.incident.categoryName, lang) : t('incidents.dup.link', { id: c.id.slice(0, 8) })}</Link>
                {c.incident && <StageTag i={c.incident} />}
                {c.incident && <Typography.Text type="secondary">{dayjs(c.incident.reportedAt).format('MM-DD HH:mm')}</Typography.Text>}
              </Space>
              {c.incident && <Typography.Text style={{ overflowWrap: 'anywhere' }}>{c.incident.description}</Typography.Text>}
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}

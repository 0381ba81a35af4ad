import { useCallback, useEffect, useState } from 'react';
import { Button, Flex, Space, Table, Typography } from 'antd';
import { EditOutlined, TeamOutlined } from '@ant-design/icons';
import type { MatterDetail, ParticipantView } from '../../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { getParticipants } from '../api.ts';
import { ParticipantsModal } from './ParticipantsModal.tsx';
import { useParticipantColumns } from './participantColumns.tsx';

/**
 * The matter's 1+5+N participants with why each was chosen. The talk leader proposes a list from the compound's pool
 * (1+5 covered, N by category and expertise, conflicts left out) and adjusts it before saving.
 */
export function ParticipantsPanel({ matter, onChanged }: { matter: MatterDetail; onChanged(): void }) {
  const { t } = useI18n();
  const handleError = useApiErrorHandler();
  const [list, setList] = useState<ParticipantView[]>([]);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<'propose' | 'adjust' | null>(null);
  const columns = useParticipantColumns<ParticipantView>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setList(await getParticipants(matter.id));
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [matter.id, handleError]);
  useEffect(() => {
    void load();
  }, [load, matter.version]);

  const a = matter.abilities;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('matters.participants.hint')}</Typography.Text>
        <Space wrap>
          {a.proposeParticipants && (
            <Button icon={<TeamOutlined />} type={list.length ? 'default' : 'primary'} onClick={() => setEditing('propose')}>
              {t('matters.participants.propose')}
            </Button>
          )}
          {a.setParticipants && list.length > 0 && (
            <Button icon={<EditOutlined />} onClick={() => setEditing('adjust')}>
              {t('matters.participants.adjust')}
            </Button>
          )}
        </Space>
      </Flex>
      <Table
        rowKey="memberId"
        size="small"
        loading={loading}
        columns={[
          ...columns,
          {
            title: t('matters.participants.chosenBy'),
            dataIndex: 'chosenBy',
            key: 'chosenBy',
            responsive: ['md'],
            render: (v: string) => t.dyn(`matters.participants.chosenBy.${v}`, v),
          },
        ]}
        dataSource={list}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('matters.participants.empty') }}
      />
      {editing && (
        <ParticipantsModal
          matter={matter}
          current={list}
          startWithProposal={editing === 'propose'}
          canSave={a.setParticipants}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setList(saved);
            onChanged();
          }}
        />
      )}
    </Flex>
  );
}

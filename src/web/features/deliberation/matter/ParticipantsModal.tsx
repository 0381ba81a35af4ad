import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Modal, Select, Space, Spin, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ChoiceReason, MatterDetail, Named, ParticipantProposal, ParticipantView, PoolMemberView } from '../../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { listPool } from '../api.meetings.ts';
import { getMatter, proposeParticipants, saveParticipants } from '../api.ts';
import { categoryLabel, memberKindLabel, slotLabel } from '../labels.ts';
import { Reasons, useParticipantColumns } from './participantColumns.tsx';

/** A row of the editor: a member with why they are on the list. */
interface Row {
  memberId: string;
  name: string;
  kind: string;
  org: Named | null;
  expertise: string[];
  reasons: ChoiceReason[];
}

const rowOf = (p: ParticipantView): Row => ({ memberId: p.memberId, name: p.name, kind: p.kind, org: p.org, expertise: p.expertise, reasons: p.reasons });

/**
 * Proposes and adjusts a matter's participants: the server's 1+5+N proposal (who and why, who was left out and why,
 * which 1+5 slots the pool cannot fill), ticks to drop people, and more members from the pool; saved with the matter's
 * version. Members with a conflict of interest cannot be added.
 */
export function ParticipantsModal({ matter, current, startWithProposal, canSave, onClose, onSaved }: {
  matter: MatterDetail;
  current: ParticipantView[];
  startWithProposal: boolean;
  canSave: boolean;
  onClose(): void;
  onSaved(list: ParticipantView[]): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const columns = useParticipantColumns<Row>();
  const [rows, setRows] = useState<Row[]>(() => current.map(rowOf));
  const [chosen, setChosen] = useState<string[]>(() => current.map((p) => p.memberId));
  const [proposal, setProposal] = useState<ParticipantProposal | null>(null);
  const [proposing, setProposing] = useState(false);
  const [pool, setPool] = useState<PoolMemberView[]>([]);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(matter.version);

  const propose = async () => {
    setProposing(true);
    try {
      const p = await proposeParticipants(matter.id);
      setProposal(p);
      setRows(p.participants.map(rowOf));
      setChosen(p.participants.map((x) => x.memberId));
    } catch (e) {
      handleError(e);
    } finally {
      setProposing(false);
    }
  };

  useEffect(() => {
    if (startWithProposal) void propose();
    listPool(matter.compound.id, { active: true }).then(setPool, () => setPool([]));
    // Once per opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const conflicted = useMemo(() => {
    const s = new Set(matter.conflictMemberIds);
    for (const x of proposal?.excluded ?? []) if (x.reasons.some((r) => r.code === 'CONFLICT')) s.add(x.memberId);
    return s;
  }, [matter.conflictMemberIds, proposal]);

  const addable = pool.filter((m) => !rows.some((r) => r.memberId === m.id) && !conflicted.has(m.id));
  const add = (ids: string[]) => {
    const leader: ChoiceReason = { code: 'LEADER_CHOICE', zh: t('matters.participants.leaderChoice'), en: t('matters.participants.leaderChoice') };
    const added = pool.filter((m) => ids.includes(m.id)).map((m): Row => ({ memberId: m.id, name: m.name, kind: m.kind, org: m.org, expertise: m.expertise, reasons: [leader] }));
    setRows((r) => [...r, ...added]);
    setChosen((c) => [...c, ...added.map((a) => a.memberId)]);
  };

  const save = async () => {
    setBusy(true);
    try {
      const saved = await saveParticipants(matter.id, version, chosen.map((memberId) => ({ memberId })));
      message.success(t('matters.participants.saved', { n: saved.length }));
      onSaved(saved);
    } catch (e) {
      handleError(e, {
        onReload: async () => {
          try {
            setVersion((await getMatter(matter.id)).version);
            message.info(t('stale.reloaded'));
          } catch (err) {
            handleError(err);
          }
        },
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('matters.participants.editTitle')}
      width={900}
      onCancel={onClose}
      cancelText={t('common.cancel')}
      okText={t('matters.participants.save', { n: chosen.length })}
      okButtonProps={{ disabled: !canSave || chosen.length === 0, style: canSave ? undefined : { display: 'none' } }}
      onOk={() => void save()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary">{t('matters.participants.editHint')}</Typography.Text>
          <Button icon={<ReloadOutlined />} loading={proposing} onClick={() => void propose()}>
            {proposal ? t('matters.participants.proposeAgain') : t('matters.participants.propose')}
          </Button>
        </Flex>
        {proposal && proposal.missingSlots.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('matters.participants.missing', { slots: proposal.missingSlots.map((s) => slotLabel(t, s)).join(t('common.listSep')) })}
          />
        )}
        <Spin spinning={proposing}>
          <Table<Row>
            rowKey="memberId"
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys as string[]), columnTitle: t('matters.participants.include') }}
            locale={{ emptyText: t('matters.participants.none') }}
          />
        </Spin>
        {canSave && (
          <Space.Compact style={{ width: '100%' }}>
            <Select<string[]>
              mode="multiple"
              aria-label={t('matters.participants.addFromPool')}
              placeholder={t('matters.participants.addFromPool')}
              value={[]}
              options={addable.map((m) => ({ value: m.id, label: t('matters.nameWith', { name: m.name, detail: [memberKindLabel(t, m.kind), ...m.expertise.map((x) => categoryLabel(t, x))].join(' · ') }) }))}
              showSearch={{ optionFilterProp: 'label' }}
              onChange={(ids) => add(ids)}
              notFoundContent={t('matters.participants.poolEmpty')}
              style={{ width: '100%' }}
            />
          </Space.Compact>
        )}
        {proposal && proposal.excluded.length > 0 && (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('matters.participants.excluded')}
            </Typography.Title>
            <Table
              rowKey="memberId"
              size="small"
              columns={[
                { title: t('matters.participants.name'), dataIndex: 'name', key: 'name' },
                { title: t('matters.participants.kind'), dataIndex: 'kind', key: 'kind', render: (v: string) => memberKindLabel(t, v) },
                { title: t('matters.participants.reasons'), key: 'reasons', render: (_: unknown, x: { reasons: ChoiceReason[] }) => <Reasons reasons={x.reasons} /> },
              ]}
              dataSource={proposal.excluded}
              pagination={false}
              scroll={{ x: 'max-content' }}
            />
          </>
        )}
      </Flex>
    </Modal>
  );
}

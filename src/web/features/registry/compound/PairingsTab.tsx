import { useCallback, useEffect, useState } from 'react';
import { Button, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Page } from '../../../api/client.ts';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { PAIRING_KINDS, PARTNER_KINDS } from '../../../../shared/org-types.ts';
import { listPairings, type CompoundDetail, type Pairing } from '../api.ts';
import { NewPairingModal } from '../fix/NewPairingModal.tsx';
import { labelIn } from '../labels.ts';

/** 结对包联: the compound's pairings (co-building units, responsible leaders, contact units, department guidance). */
export function PairingsTab({ compound, onChanged }: { compound: CompoundDetail; onChanged(): void }) {
  const { t, lang } = useI18n();
  const handleError = useApiErrorHandler();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<Pairing>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await listPairings(compound.id, paging.page, paging.pageSize));
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [compound.id, paging, handleError]);

  useEffect(() => {
    void load();
  }, [load]);

  const none = t('common.none');
  const columns: TableColumnsType<Pairing> = [
    { title: t('registry.pairing.kind'), key: 'kind', render: (_: unknown, p) => labelIn(PAIRING_KINDS, p.kind, lang) },
    { title: t('registry.pairing.partner'), key: 'partner', render: (_: unknown, p) => p.partnerName },
    { title: t('registry.pairing.partnerKind'), key: 'partnerKind', render: (_: unknown, p) => labelIn(PARTNER_KINDS, p.partnerKind, lang) },
    { title: t('registry.pairing.period'), key: 'period', render: (_: unknown, p) => t('registry.common.range', { from: p.startOn ?? none, to: p.endOn ?? none }) },
    { title: t('registry.common.state'), key: 'active', render: (_: unknown, p) => (p.active ? <Tag color="green">{t('registry.pairing.active')}</Tag> : <Tag>{t('registry.pairing.inactive')}</Tag>) },
    { title: t('registry.pairing.note'), key: 'note', render: (_: unknown, p) => p.note ?? none },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('registry.pairing.intro')}</Typography.Text>
        {compound.abilities.writeOrgs && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('registry.pairing.new')}
          </Button>
        )}
      </Flex>
      <Table<Pairing>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('registry.pairing.empty') }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data.total,
          hideOnSinglePage: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
      <NewPairingModal
        open={creating}
        target={{ compoundId: compound.id }}
        targetName={compound.name}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          void load();
          onChanged();
        }}
      />
    </Flex>
  );
}

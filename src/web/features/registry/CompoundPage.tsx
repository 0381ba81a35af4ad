import { useState } from 'react';
import { Button, Card, Flex, Space, Tabs, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router';
import { useRecord } from '../../api/useRecord.ts';
import { useAuth } from '../../app/auth.tsx';
import { FullPageSpin, NoAccess } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { HOUSING_TYPE_LABELS, PROPERTY_MODE_LABELS } from '../../../shared/registry-codes.ts';
import { getCompound } from './api.ts';
import { BuildingsTab } from './compound/BuildingsTab.tsx';
import { FiveOnesTab } from './compound/FiveOnesTab.tsx';
import { OrgsTab } from './compound/OrgsTab.tsx';
import { OverviewTab } from './compound/OverviewTab.tsx';
import { PairingsTab } from './compound/PairingsTab.tsx';
import { CompoundFormModal } from './CompoundFormModal.tsx';
import { FiveOnesTag } from './FiveOnesTag.tsx';
import { useIsPhone } from './formKit.tsx';
import { labelOf } from './labels.ts';
import { ResidentsTable } from './ResidentsTable.tsx';
import { BulletinLinks } from '../public/BulletinLinks.tsx';

const TABS = ['overview', 'buildings', 'residents', 'orgs', 'pairings', 'fiveOnes'] as const;
type TabKey = (typeof TABS)[number];

/**
 * A compound with tabs: overview, buildings and households, residents, organisations and positions, pairings, five ones.
 * A compound outside the user's places answers 404 and shows the friendly "no access" page. The tab is kept in ?tab=.
 */
export default function CompoundPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const auth = useAuth();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'overview';

  const { record: c, setRecord: setC, state, reload: load } = useRecord(() => getCompound(id), id);

  if (state === 'loading') return <FullPageSpin />;
  if (state === 'noAccess') return <NoAccess />;
  if (!c) return <NoAccess detail={t('registry.common.loadFailed')} />;

  const changed = () => void load();
  const setTab = (k: string) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (k === 'overview') p.delete('tab');
        else p.set('tab', k);
        return p;
      },
      { replace: true },
    );

  const content = (k: TabKey) => {
    switch (k) {
      case 'overview':
        return <OverviewTab compound={c} />;
      case 'buildings':
        return <BuildingsTab compound={c} onChanged={changed} />;
      case 'residents':
        return <ResidentsTable compoundId={c.id} compoundName={c.name} />;
      case 'orgs':
        return <OrgsTab compound={c} onChanged={changed} />;
      case 'pairings':
        return <PairingsTab compound={c} onChanged={changed} />;
      case 'fiveOnes':
        return <FiveOnesTab compound={c} onChanged={changed} />;
    }
  };
  const labels: Record<TabKey, string> = {
    overview: t('registry.tab.overview'),
    buildings: t('registry.tab.buildings'),
    residents: t('registry.tab.residents', { n: c.counts.residents }),
    orgs: t('registry.tab.orgs'),
    pairings: t('registry.tab.pairings'),
    fiveOnes: t('registry.tab.fiveOnes', { n: c.fiveOnes?.score ?? 0 }),
  };
  // Tabs the user's permissions cannot read are left out rather than shown empty.
  const visible = TABS.filter((k) => (k === 'residents' ? auth.can('resident.read') : k === 'orgs' || k === 'pairings' ? auth.can('org.read') : true));

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="flex-start" wrap gap={8}>
        <Flex vertical gap={6} style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>{c.name}</Typography.Title>
          <Space wrap size={[4, 4]}>
            <Tag>{c.communityName}</Tag>
            <Tag color="blue">{labelOf(HOUSING_TYPE_LABELS, c.housingType, lang)}</Tag>
            <Tag color="cyan">{labelOf(PROPERTY_MODE_LABELS, c.propertyMode, lang)}</Tag>
            {c.fiveOnes && <FiveOnesTag score={c.fiveOnes.score} missing={c.fiveOnes.missing} compact={phone} />}
          </Space>
        </Flex>
        <Space wrap>
          <BulletinLinks compoundId={c.id} />
          {c.abilities.update && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )}
        </Space>
      </Flex>
      <Card styles={{ body: { padding: phone ? 12 : 16 } }} style={{ minWidth: 0 }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={visible.map((k) => ({ key: k, label: labels[k], children: k === tab ? content(k) : null }))}
        />
      </Card>
      <CompoundFormModal
        open={editing}
        compound={c}
        onClose={() => setEditing(false)}
        onSaved={(x) => {
          setEditing(false);
          setC(x);
        }}
      />
    </Flex>
  );
}

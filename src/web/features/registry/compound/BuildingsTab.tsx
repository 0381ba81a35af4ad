import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Flex, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Page } from '../../../api/client.ts';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { HOUSEHOLD_STATUS_LABELS } from '../../../../shared/registry-codes.ts';
import { listBuildings, listHouseholds, type Building, type CompoundDetail, type Household } from '../api.ts';
import { labelOf, optionsOf } from '../labels.ts';
import { NewBuildingModal, NewHouseholdModal } from './BuildingModals.tsx';

const STATUS_COLOR: Record<string, string> = { resident: 'green', away: 'orange', vacant: 'default' };

/** 楼栋与房屋: the compound's buildings and a server-paged list of its households, with create forms. */
export function BuildingsTab({ compound, onChanged }: { compound: CompoundDetail; onChanged(): void }) {
  const { t, lang } = useI18n();
  const handleError = useApiErrorHandler();
  const [buildings, setBuildings] = useState<Building[]>([]);
  const [loadingB, setLoadingB] = useState(true);
  const [households, setHouseholds] = useState<Page<Household>>({ items: [], total: 0 });
  const [loadingH, setLoadingH] = useState(true);
  const [filter, setFilter] = useState<{ buildingId?: string; status?: string }>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [newBuilding, setNewBuilding] = useState(false);
  const [newHousehold, setNewHousehold] = useState(false);

  const loadBuildings = useCallback(async () => {
    setLoadingB(true);
    try {
      setBuildings(await listBuildings(compound.id));
    } catch (e) {
      handleError(e);
    } finally {
      setLoadingB(false);
    }
  }, [compound.id, handleError]);

  const loadHouseholds = useCallback(async () => {
    setLoadingH(true);
    try {
      setHouseholds(await listHouseholds(compound.id, { ...filter, ...paging }));
    } catch (e) {
      handleError(e);
    } finally {
      setLoadingH(false);
    }
  }, [compound.id, filter, paging, handleError]);

  useEffect(() => {
    void loadBuildings();
  }, [loadBuildings]);
  useEffect(() => {
    void loadHouseholds();
  }, [loadHouseholds]);

  const none = t('common.none');
  const bColumns: TableColumnsType<Building> = [
    { title: t('registry.building.name'), dataIndex: 'name', key: 'name' },
    { title: t('registry.building.floors'), dataIndex: 'floors', key: 'floors', render: (v: number | null) => v ?? none },
    { title: t('registry.building.units'), dataIndex: 'units', key: 'units', render: (v: number | null) => v ?? none },
    { title: t('registry.building.builtYear'), dataIndex: 'builtYear', key: 'builtYear', render: (v: number | null) => v ?? none },
    { title: t('registry.building.households'), dataIndex: 'householdCount', key: 'householdCount', render: (v: number | undefined) => v ?? 0 },
  ];
  const hColumns: TableColumnsType<Household> = [
    { title: t('registry.household.label'), dataIndex: 'label', key: 'label' },
    { title: t('registry.household.building'), dataIndex: 'buildingName', key: 'building', render: (v: string | null) => v ?? none },
    { title: t('registry.household.unit'), dataIndex: 'unit', key: 'unit', render: (v: string | null) => v ?? none },
    { title: t('registry.household.room'), dataIndex: 'room', key: 'room' },
    {
      title: t('registry.household.status'),
      dataIndex: 'status',
      key: 'status',
      render: (v: string) => <Tag color={STATUS_COLOR[v]}>{labelOf(HOUSEHOLD_STATUS_LABELS, v, lang)}</Tag>,
    },
    { title: t('registry.household.head'), dataIndex: 'headName', key: 'head', render: (v: string | null) => v ?? none },
    { title: t('registry.household.residents'), dataIndex: 'residentCount', key: 'residentCount' },
    { title: t('registry.household.area'), dataIndex: 'area', key: 'area', render: (v: number | null) => (v == null ? none : t('registry.unit.sqmN', { n: v })) },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={t('registry.building.title')}
        extra={
          compound.abilities.update && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setNewBuilding(true)}>
              {t('registry.building.new')}
            </Button>
          )
        }
      >
        <Table<Building> rowKey="id" size="small" columns={bColumns} dataSource={buildings} loading={loadingB} pagination={false} scroll={{ x: 560 }} locale={{ emptyText: t('registry.building.empty') }} />
      </Card>
      <Card
        size="small"
        title={t('registry.household.title')}
        extra={
          compound.abilities.writeResidents && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setNewHousehold(true)}>
              {t('registry.household.new')}
            </Button>
          )
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('registry.household.building')}
            allowClear
            placeholder={t('registry.household.allBuildings')}
            style={{ minWidth: 160 }}
            value={filter.buildingId}
            options={buildings.map((b) => ({ value: b.id, label: b.name }))}
            onChange={(v) => {
              setFilter((f) => ({ ...f, buildingId: v ?? undefined }));
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          />
          <Select
            aria-label={t('registry.household.status')}
            allowClear
            placeholder={t('registry.household.allStatuses')}
            style={{ minWidth: 140 }}
            value={filter.status}
            options={optionsOf(HOUSEHOLD_STATUS_LABELS, lang)}
            onChange={(v) => {
              setFilter((f) => ({ ...f, status: v ?? undefined }));
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          />
        </Space>
        <Table<Household>
          rowKey="id"
          size="small"
          columns={hColumns}
          dataSource={households.items}
          loading={loadingH}
          scroll={{ x: 820 }}
          locale={{ emptyText: t('registry.household.empty') }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: households.total,
            showSizeChanger: true,
            size: 'small',
            showTotal: (n) => t('common.total', { n }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </Card>
      <NewBuildingModal
        open={newBuilding}
        compoundId={compound.id}
        onClose={() => setNewBuilding(false)}
        onCreated={() => {
          setNewBuilding(false);
          void loadBuildings();
          onChanged();
        }}
      />
      <NewHouseholdModal
        open={newHousehold}
        compoundId={compound.id}
        communityId={compound.communityId}
        buildings={buildings}
        onClose={() => setNewHousehold(false)}
        onCreated={() => {
          setNewHousehold(false);
          void loadHouseholds();
          void loadBuildings();
          onChanged();
        }}
      />
    </Flex>
  );
}

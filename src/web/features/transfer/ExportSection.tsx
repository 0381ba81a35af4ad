import { Flex, Typography } from 'antd';
import { useRegion, useRegionId } from '../../app/region.tsx';
import { SimpleList } from '../../components/SimpleList.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import type { ExportEntity } from './api.ts';
import { ExportButton } from './ExportButton.tsx';

interface Row {
  entity: ExportEntity;
  label: MessageKey;
  note: MessageKey;
  filters: Record<string, unknown>;
}

/** The export buttons of every exportable list, filtered by the chosen place where the list allows it. */
export function ExportSection() {
  const { t } = useI18n();
  const region = useRegion();
  const regionId = useRegionId();
  const rows: Row[] = [
    { entity: 'compounds', label: 'transfer.entity.compounds', note: 'transfer.exportSection.compoundsNote', filters: { regionId } },
    { entity: 'residents', label: 'transfer.entity.residents', note: 'transfer.exportSection.residentsNote', filters: { regionId } },
  ];
  return (
    <Flex vertical gap={8}>
      <Typography.Text>
        {t('transfer.exportSection.region', { place: region.selected ? region.labelOfPath(region.selected.scopePath) : t('region.allMine') })}
      </Typography.Text>
      <Typography.Text type="secondary">{t('transfer.export.hint')}</Typography.Text>
      <SimpleList<Row>
        label={t('transfer.exportSection.title')}
        items={rows}
        rowKey={(r) => r.entity}
        empty={t('transfer.noExport')}
        render={(r) => (
          <Flex vertical>
            <Typography.Text strong>{t(r.label)}</Typography.Text>
            <Typography.Text type="secondary">{t(r.note)}</Typography.Text>
          </Flex>
        )}
        actions={(r) => <ExportButton entity={r.entity} filters={r.filters} />}
      />
    </Flex>
  );
}

import { useEffect, useState } from 'react';
import { Col, Descriptions, Row, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../i18n/index.tsx';
import { HOUSING_TYPE_LABELS, PROPERTY_MODE_LABELS } from '../../../../shared/registry-codes.ts';
import { listCompounds, type CompoundDetail } from '../api.ts';
import { labelOf } from '../labels.ts';
import { MiniPlot, type PlotPoint } from './MiniPlot.tsx';

/** 概况: every field of the compound with its label, the counts of registered records, and the schematic pin when it has coordinates. */
export function OverviewTab({ compound: c }: { compound: CompoundDetail }) {
  const { t, lang } = useI18n();
  const [others, setOthers] = useState<PlotPoint[]>([]);
  const hasPlace = c.lat != null && c.lng != null;

  useEffect(() => {
    if (!hasPlace) return;
    let live = true;
    listCompounds({ communityId: c.communityId }, 1, 100)
      .then((p) => {
        if (!live) return;
        setOthers(p.items.filter((x) => x.lat != null && x.lng != null && x.id !== c.id).map((x) => ({ id: x.id, name: x.name, lat: x.lat!, lng: x.lng! })));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [c.communityId, c.id, hasPlace]);

  const none = t('common.none');
  const n = (v: number | null, unit: (x: number) => string) => (v == null ? none : unit(v));
  const declaredVsRegistered = (declared: number | null, registered: number) =>
    declared == null ? t('registry.compound.registeredOnly', { n: registered }) : t('registry.compound.declaredRegistered', { declared, registered });

  const items = [
    { key: 'name', label: t('registry.compound.name'), children: c.name },
    { key: 'community', label: t('registry.compound.community'), children: c.communityName },
    { key: 'address', label: t('registry.compound.address'), children: c.address ?? none },
    { key: 'grid', label: t('registry.compound.grid'), children: c.gridName ?? none },
    { key: 'housingType', label: t('registry.compound.housingType'), children: labelOf(HOUSING_TYPE_LABELS, c.housingType, lang) },
    { key: 'propertyMode', label: t('registry.compound.propertyMode'), children: labelOf(PROPERTY_MODE_LABELS, c.propertyMode, lang) },
    { key: 'buildYear', label: t('registry.compound.buildYear'), children: n(c.buildYear, (v) => t('registry.unit.yearN', { n: v })) },
    { key: 'renovationYear', label: t('registry.compound.renovationYear'), children: n(c.renovationYear, (v) => t('registry.unit.yearN', { n: v })) },
    { key: 'buildingCount', label: t('registry.compound.buildingCount'), children: declaredVsRegistered(c.buildingCount, c.counts.buildings) },
    { key: 'householdCount', label: t('registry.compound.householdCount'), children: declaredVsRegistered(c.householdCount, c.counts.households) },
    { key: 'residents', label: t('registry.compound.residentCount'), children: t('registry.unit.peopleN', { n: c.counts.residents }) },
    { key: 'floorArea', label: t('registry.compound.floorArea'), children: n(c.floorArea, (v) => t('registry.unit.sqmN', { n: v.toLocaleString() })) },
    { key: 'enclosed', label: t('registry.compound.enclosed'), children: c.enclosed ? <Tag color="blue">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag> },
    {
      key: 'fee',
      label: t('registry.compound.feeCollectionRate'),
      children: n(c.feeCollectionRate, (v) => t('registry.unit.percentN', { n: Math.round(v * 10000) / 100 })),
    },
    { key: 'coords', label: t('registry.compound.coords'), children: hasPlace ? t('registry.map.coordsValue', { lat: c.lat!, lng: c.lng! }) : none },
    { key: 'updatedAt', label: t('registry.common.updatedAt'), children: dayjs(c.updatedAt).format('YYYY-MM-DD HH:mm') },
    { key: 'note', label: t('registry.compound.note'), children: c.note ? <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.note}</Typography.Paragraph> : none, span: 'filled' as const },
  ];

  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} xl={hasPlace ? 16 : 24}>
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={items} />
      </Col>
      {hasPlace && (
        <Col xs={24} xl={8}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>{t('registry.map.title')}</Typography.Title>
          <MiniPlot focus={{ id: c.id, name: c.name, lat: c.lat!, lng: c.lng! }} others={others} />
        </Col>
      )}
    </Row>
  );
}

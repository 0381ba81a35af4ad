import { useEffect, useMemo, useState } from 'react';
import { Button, Cascader, DatePicker, Flex, Form, Select } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { CategoryVersionView } from '../../../shared/incidents.ts';
import { useIsPhone } from '../registry/formKit.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { listGrids, type GridChoice } from './api.ts';
import type { LoopDefs } from './hooks.ts';
import { categoryTree, sourceOptions, urgencyOptions } from './labels.ts';
import { CompoundSelect } from '../../components/CompoundSelect.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import type { Filter } from './listUrl.ts';

/**
 * The incident list's filters: text, compound, grid, 大类/小类, stage, source channel, urgency, handler, overdue,
 * open or ended, and the reporting period. Every change goes to the page at once (server paging starts again at 1).
 */
export function IncidentFilters({ filter, onChange, regionId, categories, loop }: {
  filter: Filter;
  onChange(patch: Partial<Filter>): void;
  regionId?: string;
  categories: CategoryVersionView | null;
  loop: LoopDefs;
}) {
  const { t, lang } = useI18n();
  const isPhone = useIsPhone();
  const [more, setMore] = useState(false);
  const [grids, setGrids] = useState<GridChoice[]>([]);
  useEffect(() => {
    let live = true;
    listGrids({ regionId }).then((g) => live && setGrids(g), () => live && setGrids([]));
    return () => {
      live = false;
    };
  }, [regionId]);

  const any = t('incidents.filter.any');
  const handlers = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of categories?.rules ?? []) if (r.orgName) m.set(r.orgId, r.orgName);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [categories]);
  const period: [Dayjs, Dayjs] | null = filter.reportedFrom && filter.reportedTo ? [dayjs(filter.reportedFrom), dayjs(filter.reportedTo).subtract(1, 'day')] : null;
  const item = { flex: '1 1 170px', marginBottom: 8, minWidth: 0 };
  // Filters folded away on a phone that are set, so the user knows the list is narrowed.
  const hidden = (['compoundId', 'gridId', 'majorCode', 'categoryCode', 'stage', 'sourceChannel', 'urgency', 'handlerId', 'reportedFrom'] as const).filter((k) => filter[k] !== undefined).length;

  return (
    <Form layout="vertical" style={{ marginBottom: 8 }}>
      <Flex wrap gap={12}>
        <Form.Item label={t('incidents.filter.q')} htmlFor="inc-q" style={{ ...item, flex: '2 1 220px' }}>
          <SearchBox id="inc-q" value={filter.q} placeholder={t('incidents.filter.qPlaceholder')} button={t('common.search')} onSearch={(q) => onChange({ q })} />
        </Form.Item>
        <Form.Item label={t('incidents.filter.state')} htmlFor="inc-open" style={item}>
          <Select
            id="inc-open"
            value={filter.open === undefined ? 'all' : filter.open ? 'open' : 'closed'}
            onChange={(v: string) => onChange({ open: v === 'all' ? undefined : v === 'open' })}
            options={[
              { value: 'open', label: t('incidents.filter.stateOpen') },
              { value: 'closed', label: t('incidents.filter.stateClosed') },
              { value: 'all', label: any },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('incidents.filter.overdue')} htmlFor="inc-overdue" style={item}>
          <Select
            id="inc-overdue"
            value={filter.overdue ? 'yes' : 'all'}
            onChange={(v: string) => onChange({ overdue: v === 'yes' ? true : undefined })}
            options={[
              { value: 'all', label: any },
              { value: 'yes', label: t('incidents.filter.overdueOnly') },
            ]}
          />
        </Form.Item>
        {(!isPhone || more) && (
          <>
            <Form.Item label={t('incidents.field.compound')} htmlFor="inc-compound" style={item}>
              <CompoundSelect
                id="inc-compound"
                regionId={regionId}
                value={filter.compoundId ?? null}
                onChange={(v) => onChange({ compoundId: v ?? undefined })}
                placeholder={any}
              />
            </Form.Item>
            <Form.Item label={t('incidents.field.grid')} htmlFor="inc-grid" style={item}>
              <Select
                id="inc-grid"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={any}
                value={filter.gridId}
                onChange={(v?: string) => onChange({ gridId: v })}
                options={grids.map((g) => ({ value: g.id, label: g.communityName ? `${g.communityName} ${g.name}` : g.name }))}
              />
            </Form.Item>
            <Form.Item label={t('incidents.field.category')} htmlFor="inc-category" style={item}>
              <Cascader
                id="inc-category"
                changeOnSelect
                showSearch
                placeholder={any}
                options={categoryTree(categories, lang)}
                value={filter.categoryCode ? [filter.categoryCode.slice(0, 2), filter.categoryCode] : filter.majorCode ? [filter.majorCode] : undefined}
                onChange={(v) => {
                  const path = (v ?? []) as string[];
                  onChange({ majorCode: path.length === 1 ? path[0] : undefined, categoryCode: path.length === 2 ? path[1] : undefined });
                }}
              />
            </Form.Item>
            <Form.Item label={t('incidents.field.stage')} htmlFor="inc-stage" style={item}>
              <Select id="inc-stage" allowClear placeholder={any} value={filter.stage} onChange={(v?: string) => onChange({ stage: v })} options={loop.stages.map((s) => ({ value: s.key, label: s.name }))} />
            </Form.Item>
            <Form.Item label={t('incidents.field.source')} htmlFor="inc-source" style={item}>
              <Select id="inc-source" allowClear placeholder={any} value={filter.sourceChannel} onChange={(v?: Filter['sourceChannel']) => onChange({ sourceChannel: v })} options={sourceOptions(t)} />
            </Form.Item>
            <Form.Item label={t('incidents.field.urgency')} htmlFor="inc-urgency" style={item}>
              <Select id="inc-urgency" allowClear placeholder={any} value={filter.urgency} onChange={(v?: Filter['urgency']) => onChange({ urgency: v })} options={urgencyOptions(t)} />
            </Form.Item>
            <Form.Item label={t('incidents.field.handler')} htmlFor="inc-handler" style={item}>
              <Select id="inc-handler" allowClear placeholder={any} value={filter.handlerId} onChange={(v?: string) => onChange({ handlerId: v })} options={handlers} />
            </Form.Item>
            <Form.Item label={t('incidents.filter.period')} htmlFor="inc-period" style={{ ...item, flex: '2 1 240px' }}>
              <DatePicker.RangePicker
                id={{ start: 'inc-period' }}
                style={{ width: '100%' }}
                value={period}
                onChange={(v) => {
                  const [a, b] = (v ?? [null, null]) as [Dayjs | null, Dayjs | null];
                  onChange({ reportedFrom: a ? a.startOf('day').toISOString() : undefined, reportedTo: b ? b.add(1, 'day').startOf('day').toISOString() : undefined });
                }}
              />
            </Form.Item>
          </>
        )}
        {isPhone && (
          <Button type="link" icon={<FilterOutlined />} onClick={() => setMore((m) => !m)} style={{ paddingInline: 0 }}>
            {more ? t('incidents.filter.less') : t('incidents.filter.more')}{!more && hidden > 0 ? ` (${hidden})` : ''}
          </Button>
        )}
      </Flex>
    </Form>
  );
}

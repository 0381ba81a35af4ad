import { Button, Flex, Input, InputNumber, Select, Table, type TableColumnsType } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { DEADLINE_UNITS } from '../../../../shared/method-template.ts';
import { MAJOR_CODE, type CategoryDef, type RouteRuleDef } from '../../../../shared/incidents.ts';
import { useRegion } from '../../../app/region.tsx';
import { RemoteSelect } from '../../../components/RemoteSelect.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { searchOrgs } from '../api.ts';
import { usePathLabel } from '../hooks.ts';
import { urgencyOptions } from '../labels.ts';

/** Problems of the draft by field path (`categories.3.code`), as the server named them. */
export type Problems = ReadonlyMap<string, string[]>;

/** A control's problems in red under it, and its error status. */
function Cell({ path, problems, children }: { path: string; problems: Problems; children: React.ReactNode }) {
  const ps = [...problems].filter(([k]) => k === path || k.startsWith(path + '.')).flatMap(([, v]) => v);
  return (
    <Flex vertical gap={2} data-field={path}>
      {children}
      {ps.map((p, n) => (
        <span key={n} role="alert" style={{ color: '#cf1322', fontSize: 12, lineHeight: 1.4, maxWidth: 240 }}>{p}</span>
      ))}
    </Flex>
  );
}

const has = (problems: Problems, path: string) => [...problems.keys()].some((k) => k === path || k.startsWith(path + '.')) ? ('error' as const) : undefined;

/** The category tree as an editable table: code, names, the 小类 SLA and urgency; 大类 rows have no SLA. */
export function CategoriesTable({ rows, onChange, problems }: { rows: CategoryDef[]; onChange(rows: CategoryDef[]): void; problems: Problems }) {
  const { t } = useI18n();
  const set = (n: number, patch: Partial<CategoryDef>) => onChange(rows.map((r, i) => (i === n ? { ...r, ...patch } : r)));
  const p = (n: number, f: string) => `categories.${n}.${f}`;
  const columns: TableColumnsType<CategoryDef & { n: number }> = [
    { title: t('incidents.cat.code'), key: 'code', width: 110, render: (_: unknown, r) => <Cell path={p(r.n, 'code')} problems={problems}><Input aria-label={t('incidents.cat.codeOf', { n: r.n + 1 })} status={has(problems, p(r.n, 'code'))} value={r.code} maxLength={4} onChange={(e) => set(r.n, { code: e.target.value.trim() })} /></Cell> },
    { title: t('incidents.cat.nameZh'), key: 'zh', width: 180, render: (_: unknown, r) => <Cell path={p(r.n, 'name')} problems={problems}><Input aria-label={t('incidents.cat.nameZhOf', { n: r.n + 1 })} status={has(problems, p(r.n, 'name'))} value={r.name.zh} onChange={(e) => set(r.n, { name: { ...r.name, zh: e.target.value } })} style={{ paddingInlineStart: MAJOR_CODE.test(r.code) ? undefined : 20 }} /></Cell> },
    { title: t('incidents.cat.nameEn'), key: 'en', width: 200, render: (_: unknown, r) => <Input aria-label={t('incidents.cat.nameEnOf', { n: r.n + 1 })} status={has(problems, p(r.n, 'name'))} value={r.name.en} onChange={(e) => set(r.n, { name: { ...r.name, en: e.target.value } })} /> },
    {
      title: t('incidents.cat.deadline'),
      key: 'deadline',
      width: 250,
      render: (_: unknown, r) =>
        MAJOR_CODE.test(r.code) ? null : (
          <Cell path={p(r.n, 'deadline')} problems={problems}>
            <Flex gap={4}>
              <InputNumber aria-label={t('incidents.cat.amountOf', { n: r.n + 1 })} status={has(problems, p(r.n, 'deadline'))} min={1} max={3650} precision={0} value={r.deadline?.amount ?? null} style={{ width: 80 }} onChange={(v) => set(r.n, { deadline: { amount: v ?? 0, unit: r.deadline?.unit ?? 'working_days' } })} />
              <Select aria-label={t('incidents.cat.unitOf', { n: r.n + 1 })} value={r.deadline?.unit} style={{ flex: 1, minWidth: 120 }} onChange={(u) => set(r.n, { deadline: { amount: r.deadline?.amount ?? 1, unit: u } })} options={DEADLINE_UNITS.map((u) => ({ value: u, label: t.dyn(`incidents.unitName.${u}`, u) }))} />
            </Flex>
          </Cell>
        ),
    },
    {
      title: t('incidents.field.urgency'),
      key: 'urgency',
      width: 110,
      render: (_: unknown, r) => (MAJOR_CODE.test(r.code) ? null : <Cell path={p(r.n, 'urgency')} problems={problems}><Select aria-label={t('incidents.cat.urgencyOf', { n: r.n + 1 })} status={has(problems, p(r.n, 'urgency'))} value={r.urgency} onChange={(u) => set(r.n, { urgency: u })} options={urgencyOptions(t)} style={{ width: '100%' }} /></Cell>),
    },
    { title: '', key: 'del', width: 48, render: (_: unknown, r) => <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('incidents.cat.remove', { n: r.n + 1 })} onClick={() => onChange(rows.filter((_, i) => i !== r.n))} /> },
  ];
  return <Table rowKey="n" size="small" columns={columns} dataSource={rows.map((r, n) => ({ ...r, n }))} pagination={false} scroll={{ x: 'max-content', y: 480 }} />;
}

/** The routing rules as an editable table: category (or all), place, handling organisation, note. */
export function RulesTable({ rules, codes, onChange, problems }: { rules: (RouteRuleDef & { orgName?: string | null })[]; codes: { value: string; label: string }[]; onChange(rules: (RouteRuleDef & { orgName?: string | null })[]): void; problems: Problems }) {
  const { t } = useI18n();
  const region = useRegion();
  const pathLabel = usePathLabel(rules.map((r) => r.scopePath));
  const set = (n: number, patch: Partial<RouteRuleDef & { orgName?: string | null }>) => onChange(rules.map((r, i) => (i === n ? { ...r, ...patch } : r)));
  const p = (n: number, f: string) => `rules.${n}.${f}`;
  const places = (current: string) => {
    const known = region.regions.map((r) => ({ value: r.scopePath, label: region.labelOfPath(r.scopePath) }));
    return known.some((o) => o.value === current) || !current ? known : [{ value: current, label: pathLabel(current) }, ...known];
  };
  const columns: TableColumnsType<RouteRuleDef & { orgName?: string | null; n: number }> = [
    {
      title: t('incidents.field.category'),
      key: 'category',
      width: 200,
      render: (_: unknown, r) => <Cell path={p(r.n, 'categoryCode')} problems={problems}><Select aria-label={t('incidents.cat.ruleCategoryOf', { n: r.n + 1 })} status={has(problems, p(r.n, 'categoryCode'))} showSearch={{ optionFilterProp: 'label' }} value={r.categoryCode ?? ''} onChange={(v: string) => set(r.n, { categoryCode: v || null })} options={[{ value: '', label: t('incidents.cat.anyCategory') }, ...codes]} style={{ width: '100%' }} /></Cell>,
    },
    {
      title: t('incidents.cat.place'),
      key: 'place',
      width: 220,
      render: (_: unknown, r) => <Cell path={p(r.n, 'scopePath')} problems={problems}><Select aria-label={t('incidents.cat.rulePlaceOf', { n: r.n + 1 })} status={has(problems, p(r.n, 'scopePath'))} showSearch={{ optionFilterProp: 'label' }} value={r.scopePath || undefined} onChange={(v: string) => set(r.n, { scopePath: v })} options={places(r.scopePath)} style={{ width: '100%' }} /></Cell>,
    },
    {
      title: t('incidents.field.handler'),
      key: 'org',
      width: 240,
      render: (_: unknown, r) => (
        <Cell path={p(r.n, 'orgId')} problems={problems}>
          <RemoteSelect aria-label={t('incidents.cat.ruleOrgOf', { n: r.n + 1 })} load={async (q) => (await searchOrgs(q)).map((o) => ({ value: o.id, label: o.name }))} value={r.orgId || null} initial={r.orgId ? { value: r.orgId, label: r.orgName ?? r.orgId } : null} onChange={(v, c) => set(r.n, { orgId: v ?? '', orgName: c?.label ?? null })} allowClear={false} />
        </Cell>
      ),
    },
    { title: t('incidents.cat.ruleNote'), key: 'note', width: 200, render: (_: unknown, r) => <Input aria-label={t('incidents.cat.ruleNoteOf', { n: r.n + 1 })} value={r.note ?? ''} maxLength={200} onChange={(e) => set(r.n, { note: e.target.value || null })} /> },
    { title: '', key: 'del', width: 48, render: (_: unknown, r) => <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('incidents.cat.removeRule', { n: r.n + 1 })} onClick={() => onChange(rules.filter((_, i) => i !== r.n))} /> },
  ];
  return <Table rowKey="n" size="small" columns={columns} dataSource={rules.map((r, n) => ({ ...r, n }))} pagination={false} scroll={{ x: 'max-content' }} />;
}

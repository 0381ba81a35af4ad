import { useEffect, useMemo, useRef, useState } from 'react';
import { Cascader, Form, Select, Spin } from 'antd';
import type { CategoryVersionView, IncidentDetail } from '../../../shared/incidents.ts';
import type { InputDef } from '../../../shared/method-template.ts';
import { useI18n } from '../../i18n/index.tsx';
import { inputLabel } from '../deliberation/matter/inputs.tsx';
import { getGrid, getIncident, searchOrgs } from './api.ts';
import { categoryTree, nameIn } from './labels.ts';

/** The value of the dispatch target select that sends no organisation: the routing rule (or the community) decides. */
export const BY_RULE = '';

/** Props of a picker inside a Form.Item. */
interface Picker<V> {
  value?: V;
  onChange?(v: V): void;
  id?: string;
}

/**
 * Chooses the handling organisation: the server's suggestion (routing rule or community) first and preselected, then
 * the organisations the routing rules name, then any organisation the dispatcher can search for.
 */
export function HandlerOrgSelect({ incident, categories, value, onChange, id }: Picker<string> & { incident: IncidentDetail; categories: CategoryVersionView | null }) {
  const { t } = useI18n();
  const [found, setFound] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const s = incident.suggestedHandler;
  const search = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setLoading(true);
      searchOrgs(q.trim())
        .then((orgs) => setFound(orgs.map((o) => ({ value: o.id, label: o.name }))))
        .catch(() => setFound([]))
        .finally(() => setLoading(false));
    }, 250);
  };
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const options = useMemo(() => {
    const seen = new Set<string>();
    const suggested = s ? { value: BY_RULE, label: t('incidents.dispatch.suggested', { name: s.name, via: t.dyn(`incidents.dispatch.via.${s.via}`, s.via) }) } : { value: BY_RULE, label: t('incidents.dispatch.byRule') };
    if (s?.kind === 'org') seen.add(s.id);
    const ruleOrgs = (categories?.rules ?? []).filter((r) => r.orgName && !seen.has(r.orgId) && (seen.add(r.orgId), true)).map((r) => ({ value: r.orgId, label: r.orgName! }));
    const others = found.filter((o) => !seen.has(o.value));
    return [
      { label: t('incidents.dispatch.groupSuggested'), options: [suggested] },
      ...(ruleOrgs.length ? [{ label: t('incidents.dispatch.groupRules'), options: ruleOrgs }] : []),
      ...(others.length ? [{ label: t('incidents.dispatch.groupSearch'), options: others }] : []),
    ];
  }, [s, categories, found, t]);
  return (
    <Select
      id={id}
      value={value ?? BY_RULE}
      onChange={(v: string) => onChange?.(v)}
      options={options}
      showSearch={{ filterOption: false, onSearch: search }}
      notFoundContent={loading ? <Spin size="small" /> : t('common.noMatch')}
      style={{ width: '100%' }}
    />
  );
}

/** Picks the grid's workers with accounts as verifiers (empty: the server's default, the patrol reporter or the grid's workers on duty). */
export function VerifierSelect({ gridId, value, onChange, id }: Picker<string[]> & { gridId: string | null }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    if (!gridId) return;
    let live = true;
    getGrid(gridId).then(
      (g) => live && setOptions((g.workers ?? []).filter((w) => w.userId).map((w) => ({ value: w.userId!, label: w.onDuty === false ? t('incidents.register.offDuty', { name: w.name }) : w.name }))),
      () => live && setOptions([]),
    );
    return () => {
      live = false;
    };
  }, [gridId, t]);
  return <Select id={id} mode="multiple" allowClear value={value ?? []} onChange={(v: string[]) => onChange?.(v)} options={options} placeholder={t('incidents.register.verifiersDefault')} notFoundContent={t('incidents.register.noWorkers')} style={{ width: '100%' }} />;
}

/** Picks one of the possible duplicates the server flagged (by category, place and time), named by their description. */
export function DuplicateSelect({ candidates, value, onChange, id }: Picker<string> & { candidates: string[] }) {
  const { t, lang } = useI18n();
  const [labels, setLabels] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    Promise.all(candidates.map((c) => getIncident(c).then((i) => [c, `${nameIn(i.categoryName, lang)}：${i.description}`] as const, () => [c, c.slice(0, 8)] as const))).then(
      (pairs) => live && setLabels(new Map(pairs)),
    );
    return () => {
      live = false;
    };
  }, [candidates, lang]);
  return <Select id={id} value={value} onChange={(v: string) => onChange?.(v)} options={candidates.map((c) => ({ value: c, label: labels.get(c) ?? c.slice(0, 8) }))} placeholder={t('incidents.merge.pick')} style={{ width: '100%' }} />;
}

/** Whether an input of an event gets one of the pickers above rather than the generic input field ('orgName' is filled by the server). */
export function specialInput(event: string, key: string): 'org' | 'orgName' | 'verifiers' | 'category' | 'duplicate' | null {
  if (event === 'dispatch' && key === 'handler_org_id') return 'org';
  if (event === 'dispatch' && key === 'handler_name') return 'orgName';
  if (event === 'register' && key === 'verifier_ids') return 'verifiers';
  if (event === 'register' && key === 'category_code') return 'category';
  if (event === 'merge' && key === 'duplicate_of') return 'duplicate';
  return null;
}

/** The form field of a special input. */
export function SpecialField({ def, kind, incident, categories }: { def: InputDef; kind: NonNullable<ReturnType<typeof specialInput>>; incident: IncidentDetail; categories: CategoryVersionView | null }) {
  const { t, lang } = useI18n();
  const label = inputLabel(def, lang);
  const name = ['input', def.key];
  const required = def.required ? [{ required: true, message: t('matters.event.required', { name: label }) }] : [];
  switch (kind) {
    case 'orgName':
      return null;
    case 'org':
      return (
        <Form.Item label={t('incidents.dispatch.org')} name={name} initialValue={BY_RULE} extra={t('incidents.dispatch.hint')}>
          <HandlerOrgSelect incident={incident} categories={categories} />
        </Form.Item>
      );
    case 'verifiers':
      return (
        <Form.Item label={t('incidents.register.verifiers')} name={name} extra={t('incidents.register.verifiersHint')}>
          <VerifierSelect gridId={incident.gridId} />
        </Form.Item>
      );
    case 'category':
      return (
        <Form.Item label={label} name={name} extra={t('incidents.register.categoryHint', { code: incident.categoryCode })}>
          <Cascader options={categoryTree(categories, lang)} showSearch allowClear placeholder={`${incident.categoryCode} ${nameIn(incident.categoryName, lang)}`} />
        </Form.Item>
      );
    case 'duplicate':
      return (
        <Form.Item label={label} name={name} rules={required} initialValue={incident.duplicateCandidates[0]}>
          <DuplicateSelect candidates={incident.duplicateCandidates} />
        </Form.Item>
      );
  }
}

/** A special input's form value as the API takes it; undefined leaves it out. */
export function specialToWire(kind: NonNullable<ReturnType<typeof specialInput>>, v: unknown): unknown {
  if (v === undefined || v === null || v === '') return undefined;
  if (kind === 'verifiers') return (v as string[]).length ? (v as string[]).join(',') : undefined;
  if (kind === 'category') return Array.isArray(v) ? (v.length === 2 ? v[1] : undefined) : v;
  if (kind === 'orgName') return undefined;
  return v;
}

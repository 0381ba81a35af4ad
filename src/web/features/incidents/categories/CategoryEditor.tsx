import { useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Input, Space, Tabs, Typography } from 'antd';
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { MINOR_CODE, type CategoryDef, type CategoryVersionView, type RouteRuleDef } from '../../../../shared/incidents.ts';
import { isApiError, newId } from '../../../api/client.ts';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { publishCategories } from '../api.ts';
import { nameIn } from '../labels.ts';
import { CategoriesTable, RulesTable, type Problems } from './EditorTables.tsx';

type Rule = RouteRuleDef & { orgName?: string | null };
/** What the editor holds: the next version's note, tree and rules. */
interface Draft {
  note: string;
  categories: CategoryDef[];
  rules: Rule[];
}

/** The draft as the API takes it: no parent codes, no organisation names, 大类 without SLA fields. */
function wire(d: Draft) {
  return {
    note: d.note.trim() || null,
    categories: d.categories.map((c) => (MINOR_CODE.test(c.code) ? { code: c.code, name: c.name, deadline: c.deadline, urgency: c.urgency } : { code: c.code, name: c.name })),
    rules: d.rules.map((r) => ({ categoryCode: r.categoryCode, scopePath: r.scopePath, orgId: r.orgId, note: r.note ?? null })),
  };
}

/** Keeps the tree in code order, so a new 小类 sits under its 大类. */
const sorted = (cs: CategoryDef[]) => [...cs].sort((a, b) => a.code.localeCompare(b.code));

/**
 * Publishes a new category version from the current one: the tree and the routing rules as editable tables, or the
 * whole version as JSON. The server checks it; its problems show under the cells they concern.
 */
export function CategoryEditor({ base, onPublished }: { base: CategoryVersionView; onPublished(v: CategoryVersionView): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [draft, setDraft] = useState<Draft>(() => ({
    note: '',
    categories: base.categories.map(({ parentCode: _p, ...c }) => c),
    rules: base.rules.map((r) => ({ ...r })),
  }));
  const [id, setId] = useState(newId);
  const [problems, setProblems] = useState<Map<string, string[]>>(new Map());
  const [busy, setBusy] = useState(false);
  const [json, setJson] = useState<string | null>(null);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const codes = useMemo(() => draft.categories.filter((c) => c.code).map((c) => ({ value: c.code, label: `${c.code} ${nameIn(c.name, lang)}` })), [draft.categories, lang]);

  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const addMinor = () => {
    const majors = draft.categories.filter((c) => c.code.length === 2).map((c) => c.code);
    const major = majors[majors.length - 1] ?? '01';
    const used = new Set(draft.categories.map((c) => c.code));
    let n = 1;
    while (used.has(`${major}${String(n).padStart(2, '0')}`) && n < 99) n++;
    change({ categories: sorted([...draft.categories, { code: `${major}${String(n).padStart(2, '0')}`, name: { zh: '', en: '' }, deadline: { amount: 3, unit: 'working_days' }, urgency: 'normal' }]) });
  };
  const addMajor = () => {
    const used = new Set(draft.categories.map((c) => c.code));
    let n = 1;
    while (used.has(String(n).padStart(2, '0')) && n < 99) n++;
    change({ categories: sorted([...draft.categories, { code: String(n).padStart(2, '0'), name: { zh: '', en: '' } }]) });
  };

  const publish = async () => {
    setBusy(true);
    setProblems(new Map());
    try {
      const v = await publishCategories({ id, ...wire(draft) });
      message.success(t('incidents.cat.published', { n: v.version }));
      setId(newId());
      onPublished(v);
    } catch (e) {
      if (isApiError(e, 'VALIDATION_FAILED')) {
        const m = new Map<string, string[]>();
        for (const f of e.fields) m.set(f.field, [...(m.get(f.field) ?? []), f.message]);
        setProblems(m);
      } else handleError(e);
    } finally {
      setBusy(false);
    }
  };

  // "categories.2.name.zh" reads as "row 3, name".
  const where = (field: string) => {
    const m = /^(categories|rules)\.(\d+)\.(\w+)/.exec(field);
    if (!m) return field;
    const what = t.dyn(`incidents.cat.field.${m[3]}`, m[3]);
    return m[1] === 'categories' ? t('incidents.cat.rowProblem', { n: Number(m[2]) + 1, what }) : t('incidents.cat.ruleProblem', { n: Number(m[2]) + 1, what });
  };
  const problemList = [...problems].flatMap(([field, ms]) => ms.map((m) => `${where(field)}：${m}`));
  return (
    <Flex vertical gap={12}>
      <Input.TextArea aria-label={t('incidents.cat.note')} placeholder={t('incidents.cat.notePlaceholder')} value={draft.note} maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} onChange={(e) => change({ note: e.target.value })} />
      {problemList.length > 0 && <Alert type="error" showIcon title={t('incidents.cat.problems', { n: problemList.length })} description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{problemList.slice(0, 8).map((p) => <li key={p}>{p}</li>)}</ul>} />}
      <Tabs
        onChange={(k) => setJson(k === 'json' ? JSON.stringify(wire(draft), null, 2) : null)}
        items={[
          {
            key: 'tree',
            label: t('incidents.cat.tree'),
            children: (
              <Flex vertical gap={8}>
                <Space wrap>
                  <Button icon={<PlusOutlined />} onClick={addMajor}>{t('incidents.cat.addMajor')}</Button>
                  <Button icon={<PlusOutlined />} onClick={addMinor}>{t('incidents.cat.addMinor')}</Button>
                </Space>
                <CategoriesTable rows={draft.categories} onChange={(categories) => change({ categories })} problems={problems as Problems} />
              </Flex>
            ),
          },
          {
            key: 'rules',
            label: t('incidents.cat.rules'),
            children: (
              <Flex vertical gap={8}>
                <Typography.Text type="secondary">{t('incidents.cat.rulesHelp')}</Typography.Text>
                <Button icon={<PlusOutlined />} style={{ alignSelf: 'flex-start' }} onClick={() => change({ rules: [...draft.rules, { categoryCode: null, scopePath: '', orgId: '', note: null }] })}>{t('incidents.cat.addRule')}</Button>
                <RulesTable rules={draft.rules} codes={codes} onChange={(rules) => change({ rules })} problems={problems as Problems} />
              </Flex>
            ),
          },
          {
            key: 'json',
            label: 'JSON',
            children: (
              <Flex vertical gap={8}>
                <Typography.Text type="secondary">{t('incidents.cat.jsonHelp')}</Typography.Text>
                {jsonError && <Alert type="error" showIcon title={t('incidents.cat.jsonInvalid', { message: jsonError })} />}
                <Input.TextArea
                  aria-label="JSON"
                  spellCheck={false}
                  value={json ?? ''}
                  autoSize={{ minRows: 16, maxRows: 36 }}
                  style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
                  onChange={(e) => {
                    setJson(e.target.value);
                    try {
                      const v = JSON.parse(e.target.value) as Partial<Draft> & { note?: string | null };
                      if (!Array.isArray(v.categories) || !Array.isArray(v.rules)) throw new Error(t('incidents.cat.jsonShape'));
                      setDraft((d) => ({ note: v.note ?? '', categories: v.categories!, rules: v.rules!.map((r) => ({ ...r, orgName: d.rules.find((x) => x.orgId === r.orgId)?.orgName ?? null })) }));
                      setJsonError(null);
                    } catch (err) {
                      setJsonError((err as Error).message);
                    }
                  }}
                />
              </Flex>
            ),
          },
        ]}
      />
      <Button type="primary" icon={<SendOutlined />} loading={busy} disabled={!!jsonError} onClick={() => void publish()} style={{ alignSelf: 'flex-start' }}>
        {t('incidents.cat.publish', { n: base.version + 1 })}
      </Button>
    </Flex>
  );
}

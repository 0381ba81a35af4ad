import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Select, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { CloudUploadOutlined, SaveOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { validateTemplate, type MethodTemplateBody } from '../../../shared/method-template.ts';
import { ApiError, newId } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import type { RoleView } from '../../api/types.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRegion } from '../../app/region.tsx';
import { FullPageSpin, NoAccess } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { createDraft, getTemplateByKey, listRolesIfAllowed, publishTemplate, type TemplateView } from './api.ts';
import { blankTemplate, fieldId, isEditable, localise, mergeProblems, normalise, tabOf, type Problem } from './draft.ts';
import { JsonTab } from './JsonTab.tsx';
import { EditorContext, indexProblems, ProblemList } from './problems.tsx';
import { roleKeysOf, roleOptions } from './roles.ts';
import { StageDiagram } from './StageDiagram.tsx';
import { StagesTable } from './StagesTable.tsx';
import { StatusTag } from './StatusTag.tsx';
import { TemplateFields } from './TemplateFields.tsx';
import { TransitionsEditor } from './TransitionsEditor.tsx';

/** The version a key opens on: the newest one not retired (a draft in progress, else the published one). */
function defaultVersion(versions: TemplateView[]): TemplateView | undefined {
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  return sorted.find((v) => v.status !== 'retired') ?? sorted[0];
}

/**
 * The method template editor: fields, stages, transitions, JSON and a diagram, checked while typing with the server's own
 * validation; "Save draft" stores a new version, "Publish" publishes a saved draft. Serves /methods/templates/:key
 * (?version=n) and /methods/new (?from=key&version=n copies an existing method under a new key).
 */
export default function TemplateEditorPage() {
  const { key } = useParams();
  const [params, setParams] = useSearchParams();
  const isNew = !key;
  const sourceKey = key ?? params.get('from');
  const wanted = Number(params.get('version')) || null;
  const { t, lang } = useI18n();
  const { can, me } = useAuth();
  const region = useRegion();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const handleError = useApiErrorHandler();

  const [versions, setVersions] = useState<TemplateView[] | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'noAccess'>(sourceKey ? 'loading' : 'ready');
  const [base, setBase] = useState<TemplateView | null>(null);
  const [body, setBodyState] = useState<MethodTemplateBody>(blankTemplate);
  const [dirty, setDirty] = useState(false);
  const [saveId, setSaveId] = useState(newId);
  const [scopeChoice, setScopePath] = useState<string | null>(null);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [tab, setTab] = useState('stages');
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [roles, setRoles] = useState<RoleView[] | null>(null);
  const mayReadRoles = can('grant.manage', 'role.manage', 'user.manage');
  // A new method applies, unless the user picks otherwise, to the chosen place or else to the user's widest grant.
  const scopePath = scopeChoice ?? region.selected?.scopePath ?? (me?.user.grants.map((g) => g.scopePath).sort((a, b) => a.length - b.length)[0] || '/');

  useEffect(() => void listRolesIfAllowed(mayReadRoles).then(setRoles), [mayReadRoles]);

  const load = useCallback(async () => {
    if (!sourceKey) return;
    try {
      setVersions((await getTemplateByKey(sourceKey)).versions);
      setState('ready');
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 403)) setState('noAccess');
      else handleError(e);
    }
  }, [sourceKey, handleError]);
  useEffect(() => void load(), [load]);

  // The version shown follows the URL; a copy under a new key starts from that version's body without its key.
  useEffect(() => {
    if (!versions) return;
    const v = versions.find((x) => x.version === wanted) ?? defaultVersion(versions);
    if (!v) return;
    setBase(isNew ? null : v);
    setBodyState(isNew ? { ...structuredClone(v.body), key: '' } : structuredClone(v.body));
    setDirty(isNew);
    setServerProblems([]);
  }, [versions, wanted, isNew]);

  const setBody = useCallback((b: MethodTemplateBody) => {
    setBodyState(b);
    setDirty(true);
    setSaveId(newId()); // a changed template is a new save; an unchanged retry keeps its id
    setServerProblems([]);
  }, []);

  const roleKeys = useMemo(() => roleKeysOf(roles), [roles]);
  const options = useMemo(() => roleOptions(roles, t, lang), [roles, t, lang]);
  const normalised = useMemo(() => normalise(body), [body]);
  const local = useMemo(() => localise(validateTemplate(normalised, roleKeys), lang), [normalised, roleKeys, lang]);
  const problems = useMemo(() => mergeProblems(local, serverProblems), [local, serverProblems]);
  const readOnly = !can('method.manage') || (!!base && !base.abilities.newVersion);
  const ctx = useMemo(() => ({ problemsAt: indexProblems(problems), readOnly }), [problems, readOnly]);

  if (state === 'loading') return <FullPageSpin />;
  if (state === 'noAccess') return <NoAccess detail={t('methods.editor.notFound')} />;

  const goto = (field: string) => {
    const where = tabOf(field);
    if (where && tab !== where) setTab(where);
    setTimeout(() => {
      const path = field.split('.');
      // The nearest rendered control: `transitions.2.who.0` → `transitions.2.who`, and so on up.
      for (let n = path.length; n > 0; n--) {
        const el = document.getElementById(fieldId(path.slice(0, n).join('.')));
        if (el) { el.scrollIntoView({ block: 'center' }); el.focus({ preventScroll: true }); return; }
      }
    }, 50);
  };

  const save = async () => {
    if (local.length) {
      void message.error(t('methods.editor.fixFirst', { n: local.length }));
      goto(local[0].field);
      return;
    }
    setBusy('save');
    try {
      const saved = await createDraft(normalised, base?.scopePath ?? scopePath, saveId);
      void message.success(t('methods.editor.saved', { version: saved.version }));
      setDirty(false);
      setSaveId(newId());
      if (isNew) navigate(region.withRegion(`/methods/templates/${encodeURIComponent(saved.key)}?version=${saved.version}`), { replace: true });
      else {
        // The new version joins the list before the URL points at it, so the editor shows it straight away.
        setVersions((vs) => [saved, ...(vs ?? []).filter((v) => v.id !== saved.id)]);
        setParams((p) => { const n = new URLSearchParams(p); n.set('version', String(saved.version)); return n; }, { replace: true });
      }
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        setServerProblems(e.fields.map((f) => ({ field: f.field, code: f.code, message: f.message })));
        void message.error(e.message);
      } else handleError(e);
    } finally {
      setBusy(null);
    }
  };

  const publish = () => {
    if (!base) return;
    modal.confirm({
      title: t('methods.editor.publishConfirm', { version: base.version }),
      content: t('methods.editor.publishBody'),
      okText: t('methods.editor.publish'),
      onOk: async () => {
        setBusy('publish');
        try {
          const p = await publishTemplate(base.id);
          void message.success(t('methods.editor.publishedOk', { version: p.version }));
          await load();
        } catch (e) {
          if (e instanceof ApiError && e.fields.length) setServerProblems(e.fields.map((f) => ({ field: f.field, code: f.code, message: f.message })));
          handleError(e);
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const pickVersion = (v: number) => {
    const go = () => setParams((p) => { const n = new URLSearchParams(p); n.set('version', String(v)); return n; });
    if (!dirty) return go();
    modal.confirm({ title: t('methods.editor.discard'), content: t('methods.editor.unsaved'), onOk: go });
  };

  const canPublish = !!base && base.status === 'draft' && base.abilities.publish && !dirty && problems.length === 0;
  const publishHint = !base || dirty ? t('methods.editor.publishNeedsSave') : problems.length ? t('methods.editor.publishNeedsValid') : undefined;
  const editable = isEditable(body);
  const statusText = (v: TemplateView) => t.dyn(`methods.status.${v.status}`, v.status);
  const maxVersion = Math.max(0, ...(versions ?? []).map((v) => v.version));
  const title = (lang === 'en' ? body.name?.en : body.name?.zh) || body.key || t(isNew ? 'methods.page.new' : 'methods.page.editor');

  return (
    <EditorContext.Provider value={ctx}>
      <Flex vertical gap={16} style={{ minWidth: 0 }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }}>{title}</Typography.Title>
            {base && <StatusTag status={base.status} />}
            {dirty && <Tag color="orange">{t('methods.editor.unsaved')}</Tag>}
          </Space>
          <Space wrap>
            {!isNew && versions && (
              <Select aria-label={t('methods.editor.versionPick')} style={{ minWidth: 170 }} value={base?.version}
                options={[...versions].sort((a, b) => b.version - a.version).map((v) => ({ value: v.version, label: t('methods.editor.versionOption', { version: v.version, status: statusText(v) }) }))}
                onChange={pickVersion} />
            )}
            {!readOnly && (
              <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} onClick={() => void save()}>{t('methods.editor.saveDraft')}</Button>
            )}
            {!readOnly && !isNew && (
              <Tooltip title={canPublish ? undefined : publishHint}>
                <Button icon={<CloudUploadOutlined />} disabled={!canPublish} loading={busy === 'publish'} onClick={publish}>{t('methods.editor.publish')}</Button>
              </Tooltip>
            )}
          </Space>
        </Flex>
        {!can('method.manage') && <Alert type="info" showIcon title={t('methods.editor.readOnly')} />}
        {can('method.manage') && readOnly && <Alert type="info" showIcon title={t('methods.editor.noManageHere')} />}
        {!readOnly && (
          <Typography.Text type="secondary">
            {base ? t('methods.editor.basedOn', { version: base.version, status: statusText(base), next: maxVersion + 1 }) : t('methods.editor.newLead')}
          </Typography.Text>
        )}
        <Card>
          <TemplateFields body={body} onChange={setBody} isNew={isNew} scopePath={scopePath} onScopePath={setScopePath}
            scopeLabel={base?.scopePath === '/' ? t('methods.scope.national') : region.labelOfPath(base?.scopePath ?? scopePath)} />
        </Card>
        <ProblemList problems={problems} onGoto={goto} />
        <Card styles={{ body: { paddingTop: 4 } }}>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'stages', label: t('methods.tab.stages', { n: editable ? body.stages.length : 0 }) },
              { key: 'transitions', label: t('methods.tab.transitions', { n: editable ? body.transitions.length : 0 }) },
              { key: 'json', label: t('methods.tab.json') },
              { key: 'preview', label: t('methods.tab.preview') },
            ].map((i) => ({
              ...i,
              children: i.key !== tab ? null : i.key === 'json' ? <JsonTab body={body} onChange={setBody} />
                : !editable ? <Alert type="warning" showIcon title={t('methods.json.notEditable')} />
                : i.key === 'stages' ? <StagesTable body={body} onChange={setBody} roles={options} />
                : i.key === 'transitions' ? <TransitionsEditor body={body} onChange={setBody} roles={options} />
                : <StageDiagram body={normalised} />,
            }))}
          />
        </Card>
      </Flex>
    </EditorContext.Provider>
  );
}

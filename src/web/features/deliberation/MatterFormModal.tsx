import { useEffect, useMemo, useState } from 'react';
import { App, DatePicker, Flex, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { MatterCategory, MatterDetail, MatterSource, OpinionView, PoolMemberView } from '../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useAuth } from '../../app/auth.tsx';
import { CompoundSelect } from '../../components/CompoundSelect.tsx';
import { RemoteSelect, type Choice } from '../../components/RemoteSelect.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { dateStr, dayOf, textOrNull, useOpenId } from '../registry/formKit.tsx';
import { listOpinions, listPool } from './api.meetings.ts';
import { createMatter, getMatter, getOpinion, listPublishedMethods, searchOrgs, updateMatter, type MatterPatch, type MethodTemplateView } from './api.ts';
import { categoryOptions, jointItemOptions, memberKindLabel, sourceOptions } from './labels.ts';
import { RemoteMultiSelect, UserPicker } from './matter/pickers.tsx';
import { useRegionId } from '../../app/region.tsx';

interface Values {
  compoundId?: string | null;
  title?: string;
  description?: string;
  category?: MatterCategory;
  source?: MatterSource;
  methodKey?: string;
  executorOrgId?: string | null;
  leaderUserId?: string | null;
  executorUserIds?: string[];
  supervisorUserIds?: string[];
  deadline?: Dayjs | null;
  jointDecisionItem?: number | null;
  conflictOrgIds?: string[];
  conflictMemberIds?: string[];
  opinionIds?: string[];
}

const LISTS = ['opinionIds', 'conflictOrgIds', 'conflictMemberIds', 'executorUserIds', 'supervisorUserIds'];
/** Server paths of list items (`conflictOrgIds.2`) mapped onto the list's one field. */
const RENAMES = Object.fromEntries(LISTS.flatMap((f) => Array.from({ length: 50 }, (_, i) => [`${f}.${i}`, f])));

/**
 * The fields of an edit that differ from the matter as the form opened it: after a 409 reload, what someone else changed
 * meanwhile is not overwritten with the values this form started from.
 */
function changedOnly(next: MatterPatch, m: MatterDetail): MatterPatch {
  const before: MatterPatch = {
    title: m.title, description: m.description, category: m.category, executorOrgId: m.executorOrg?.id ?? null, deadline: m.deadline,
    jointDecisionItem: m.jointDecisionItem, conflictOrgIds: m.conflictOrgs.map((o) => o.id), conflictMemberIds: m.conflictMemberIds,
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) if (JSON.stringify(v) !== JSON.stringify(before[k as keyof MatterPatch])) out[k] = v;
  return out as MatterPatch;
}

/** What the opinions page hands over when an opinion is taken up as a matter. */
export interface MatterDefaults {
  compound?: Choice | null;
  opinionIds?: string[];
}

/**
 * Opens a matter (compound, method, executor, people, deadline, art. 278 item, conflicts, linked opinions), or edits
 * one (the fields the server lets change). Retry-safe with one client id per opening; server field problems land under
 * their fields; 409 STALE on edit keeps what was typed.
 */
export function MatterFormModal({ matter, defaults, onClose, onSaved }: {
  /** The matter to edit; absent creates one. */
  matter?: MatterDetail | null;
  defaults?: MatterDefaults;
  onClose(): void;
  onSaved(m: MatterDetail): void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { me } = useAuth();
  const regionId = useRegionId();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(matter?.version ?? 1);
  const createId = useOpenId(true);
  const [methods, setMethods] = useState<MethodTemplateView[]>([]);
  const [pool, setPool] = useState<PoolMemberView[]>([]);
  const [opinions, setOpinions] = useState<OpinionView[]>(matter?.opinions ?? []);
  const compoundId = Form.useWatch('compoundId', form) ?? matter?.compound.id ?? null;
  const editing = !!matter;

  useEffect(() => {
    if (!editing) listPublishedMethods().then(setMethods, (e: unknown) => handleError(e));
  }, [editing, handleError]);

  // The compound decides whose pool members and opinions can be chosen.
  useEffect(() => {
    if (!compoundId) {
      setPool([]);
      return;
    }
    let live = true;
    listPool(compoundId, { active: true }).then((p) => live && setPool(p), () => live && setPool([]));
    if (!editing) {
      // Opinions not yet taken up (an answered one may still become a matter), and the handed-over ones by id.
      const handed = defaults?.opinionIds ?? [];
      void (async () => {
        const r = await listOpinions({ compoundId }, 1, 100).catch(() => ({ items: [] as OpinionView[] }));
        const open = r.items.filter((o) => o.status !== 'taken_up' || handed.includes(o.id));
        const missing = handed.filter((id) => !open.some((o) => o.id === id));
        const extra = (await Promise.all(missing.map((id) => getOpinion(id).catch(() => null)))).filter((o): o is OpinionView => !!o);
        if (live) setOpinions([...extra, ...open]);
      })();
    }
    return () => {
      live = false;
    };
  }, [compoundId, editing, defaults?.opinionIds]);

  const methodOptions = useMemo(() => methods.map((m) => ({ value: m.key, label: lang === 'en' ? m.nameEn : m.nameZh })), [methods, lang]);
  const first = opinions.find((o) => defaults?.opinionIds?.includes(o.id));
  const initialValues: Values = matter
    ? {
        title: matter.title,
        description: matter.description ?? undefined,
        category: matter.category,
        executorOrgId: matter.executorOrg?.id ?? null,
        deadline: dayOf(matter.deadline),
        jointDecisionItem: matter.jointDecisionItem,
        conflictOrgIds: matter.conflictOrgs.map((o) => o.id),
        conflictMemberIds: matter.conflictMemberIds,
      }
    : {
        compoundId: defaults?.compound?.value ?? null,
        source: defaults?.opinionIds?.length ? 'resident_opinion' : undefined,
        opinionIds: defaults?.opinionIds ?? [],
        leaderUserId: me?.user.id ?? null,
        executorUserIds: [],
        supervisorUserIds: [],
        conflictOrgIds: [],
        conflictMemberIds: [],
      };

  // The taken-up opinion's category is the matter's likely category.
  useEffect(() => {
    if (!editing && first && !form.getFieldValue('category')) form.setFieldValue('category', first.category);
  }, [first, editing, form]);

  const reload = async () => {
    if (!matter) return;
    try {
      setVersion((await getMatter(matter.id)).version);
      message.info(t('stale.reloaded'));
    } catch (e) {
      handleError(e);
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    const common = {
      title: v.title!.trim(),
      description: textOrNull(v.description),
      category: v.category!,
      executorOrgId: v.executorOrgId ?? null,
      deadline: dateStr(v.deadline),
      jointDecisionItem: v.jointDecisionItem ?? null,
      conflictOrgIds: v.conflictOrgIds ?? [],
      conflictMemberIds: v.conflictMemberIds ?? [],
    };
    setBusy(true);
    try {
      const m = matter
        ? await updateMatter(matter.id, version, changedOnly(common, matter))
        : await createMatter(createId, {
            ...common,
            compoundId: v.compoundId!,
            source: v.source!,
            methodKey: v.methodKey!,
            leaderUserId: v.leaderUserId ?? undefined,
            executorUserIds: v.executorUserIds ?? [],
            supervisorUserIds: v.supervisorUserIds ?? [],
            opinionIds: v.opinionIds ?? [],
          });
      message.success(matter ? t('common.saved') : t('matters.form.created'));
      onSaved(m);
    } catch (e) {
      handleError(e, { form, rename: RENAMES, codeFields: { TEMPLATE_NOT_AVAILABLE: 'methodKey', CONFLICT_OF_INTEREST: 'conflictMemberIds' }, onReload: matter ? () => void reload() : undefined });
    } finally {
      setBusy(false);
    }
  };

  const half = { flex: '1 1 240px', minWidth: 0 };
  const loadOrgs = async (q: string): Promise<Choice[]> => (await searchOrgs(q, compoundId ? { compoundId } : { regionId })).map((o) => ({ value: o.id, label: o.name }));
  const loadAnyOrg = async (q: string): Promise<Choice[]> => (await searchOrgs(q, { regionId })).map((o) => ({ value: o.id, label: o.name }));
  return (
    <Modal
      open
      title={matter ? t('matters.form.editTitle') : t('matters.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={760}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initialValues}>
        {!editing && (
          <Form.Item label={t('matters.field.compound')} name="compoundId" rules={[{ required: true, message: t('matters.form.compoundRequired') }]}>
            <CompoundSelect regionId={regionId} initial={defaults?.compound ?? null} placeholder={t('matters.form.compoundPlaceholder')} />
          </Form.Item>
        )}
        <Form.Item label={t('matters.field.title')} name="title" rules={[{ required: true, whitespace: true, max: 200, message: t('matters.form.titleRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('matters.field.description')} name="description">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
        </Form.Item>
        <Flex wrap gap={16}>
          <Form.Item label={t('matters.field.category')} name="category" style={half} rules={[{ required: true, message: t('matters.form.categoryRequired') }]}>
            <Select options={categoryOptions(t)} />
          </Form.Item>
          {!editing && (
            <Form.Item label={t('matters.field.source')} name="source" style={half} rules={[{ required: true, message: t('matters.form.sourceRequired') }]}>
              <Select options={sourceOptions(t)} />
            </Form.Item>
          )}
        </Flex>
        {!editing && (
          <Form.Item label={t('matters.field.method')} name="methodKey" extra={t('matters.form.methodHint')} rules={[{ required: true, message: t('matters.form.methodRequired') }]}>
            <Select options={methodOptions} loading={!methods.length} notFoundContent={t('matters.form.noMethods')} />
          </Form.Item>
        )}
        <Flex wrap gap={16}>
          <Form.Item label={t('matters.field.executorOrg')} name="executorOrgId" style={half}>
            <RemoteSelect
              key={compoundId ?? 'none'}
              load={loadOrgs}
              initial={matter?.executorOrg ? { value: matter.executorOrg.id, label: matter.executorOrg.name } : null}
              placeholder={t('matters.form.orgPlaceholder')}
            />
          </Form.Item>
          <Form.Item label={t('matters.field.deadline')} name="deadline" style={half}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        {!editing && (
          <>
            <Form.Item label={t('matters.field.leader')} name="leaderUserId" extra={t('matters.form.peopleHint')}>
              <UserPicker compoundId={compoundId} />
            </Form.Item>
            <Flex wrap gap={16}>
              <Form.Item label={t('matters.field.executorUsers')} name="executorUserIds" style={half}>
                <UserPicker compoundId={compoundId} multiple />
              </Form.Item>
              <Form.Item label={t('matters.field.supervisorUsers')} name="supervisorUserIds" style={half}>
                <UserPicker compoundId={compoundId} multiple />
              </Form.Item>
            </Flex>
          </>
        )}
        <Form.Item label={t('matters.field.jointDecisionItem')} name="jointDecisionItem" extra={t('matters.form.jointHint')}>
          <Select allowClear options={jointItemOptions(t)} placeholder={t('matters.joint.no')} />
        </Form.Item>
        <Form.Item label={t('matters.field.conflictOrgs')} name="conflictOrgIds" extra={t('matters.form.conflictHint')}>
          <RemoteMultiSelect load={loadAnyOrg} initial={matter?.conflictOrgs.map((o) => ({ value: o.id, label: o.name }))} placeholder={t('matters.form.orgPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('matters.field.conflictMembers')} name="conflictMemberIds">
          <Select
            mode="multiple"
            allowClear
            options={pool.map((p) => ({ value: p.id, label: t('matters.nameWith', { name: p.name, detail: memberKindLabel(t, p.kind) }) }))}
            showSearch={{ optionFilterProp: 'label' }}
            notFoundContent={compoundId ? t('matters.form.poolEmpty') : t('matters.form.compoundFirst')}
          />
        </Form.Item>
        {!editing && (
          <Form.Item label={t('matters.field.opinions')} name="opinionIds">
            <Select
              mode="multiple"
              allowClear
              options={opinions.map((o) => ({ value: o.id, label: o.content.length > 60 ? `${o.content.slice(0, 60)}…` : o.content }))}
              showSearch={{ optionFilterProp: 'label' }}
              notFoundContent={compoundId ? t('matters.form.noOpinions') : t('matters.form.compoundFirst')}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

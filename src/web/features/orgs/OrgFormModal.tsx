import { useEffect, useMemo, useState } from 'react';
import { App, DatePicker, Flex, Form, Input, Modal, Radio, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { newId } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { type RegionNode, useRegion, useRegionId } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { createOrg, getOrg, listOrgs, searchCompounds, updateOrg, type Notice, type OrgFields, type OrgView } from './api.ts';
import { orgTypeLabel, typeOptions } from './labels.ts';
import { RemoteSelect, type Choice } from '../../components/RemoteSelect.tsx';

interface Values {
  type?: string;
  name?: string;
  anchorKind: 'compound' | 'region';
  compoundId?: string | null;
  regionId?: string | null;
  uscc?: string;
  termStart?: Dayjs | null;
  termEnd?: Dayjs | null;
  foundedOn?: Dayjs | null;
  filedOn?: Dayjs | null;
  dissolvedOn?: Dayjs | null;
  parentOrgId?: string | null;
  note?: string;
}

const day = (v: string | null | undefined) => (v ? dayjs(v) : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const text = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

function treeData(nodes: RegionNode[]): { value: string; title: string; disabled?: boolean; children: ReturnType<typeof treeData> }[] {
  return nodes.map((n) => ({ value: n.id, title: `${n.name}（${n.code}）`, disabled: !!n.ancestorOnly, children: treeData(n.children) }));
}

/**
 * Creates or edits an organisation. The anchor (a compound or a region) is chosen on create only. Field problems of
 * the server (USCC_FORMAT, USCC_CHECK_CHAR, DATE_ORDER, …) land under their fields; a 409 STALE shows the reload
 * notice and keeps what was typed; notices of a successful save (the credit code's inner check) show as a warning.
 */
export function OrgFormModal({ open, org, defaults, onClose, onSaved }: {
  open: boolean;
  /** The organisation to edit; null creates one. */
  org: (OrgView & { parentName?: string | null }) | null;
  /** Prefilled anchor of a new organisation. */
  defaults?: { compound?: Choice | null };
  onClose(): void;
  onSaved(o: OrgView): void;
}) {
  const { t, lang } = useI18n();
  const { message, notification } = App.useApp();
  const region = useRegion();
  const regionId = useRegionId();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(org?.version ?? 1);
  // One client id per opened create form, so a retried submit does not create twice.
  const [createId, setCreateId] = useState(newId);
  const anchorKind = Form.useWatch('anchorKind', form);
  const tree = useMemo(() => treeData(region.tree), [region.tree]);

  useEffect(() => {
    if (!open) return;
    setVersion(org?.version ?? 1);
    if (!org) setCreateId(newId());
  }, [open, org]);

  const initialValues: Values = org
    ? {
        type: org.type,
        name: org.name,
        anchorKind: org.compoundId ? 'compound' : 'region',
        uscc: org.uscc ?? undefined,
        termStart: day(org.termStart),
        termEnd: day(org.termEnd),
        foundedOn: day(org.foundedOn),
        filedOn: day(org.filedOn),
        dissolvedOn: day(org.dissolvedOn),
        parentOrgId: org.parentOrgId,
        note: org.note ?? undefined,
      }
    : { anchorKind: 'compound', compoundId: defaults?.compound?.value ?? null, regionId: defaults?.compound ? null : (regionId ?? null) };

  const showNotices = (notices: Notice[]) => {
    if (!notices.length) return;
    notification.warning({ title: t('orgs.form.noticeTitle'), description: notices.map((n) => (lang === 'en' ? n.en : n.zh)).join('\n'), duration: 10 });
  };

  const reload = async () => {
    if (!org) return;
    try {
      setVersion((await getOrg(org.id)).version);
      message.info(t('stale.reloaded'));
    } catch (e) {
      handleError(e);
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    const fields: OrgFields = {
      type: v.type!,
      name: v.name!.trim(),
      parentOrgId: v.parentOrgId ?? null,
      uscc: text(v.uscc),
      termStart: iso(v.termStart),
      termEnd: iso(v.termEnd),
      foundedOn: iso(v.foundedOn),
      filedOn: iso(v.filedOn),
      dissolvedOn: iso(v.dissolvedOn),
      note: text(v.note),
    };
    setBusy(true);
    try {
      if (org) {
        const r = await updateOrg(org.id, { ...fields, version });
        message.success(t('orgs.form.saved'));
        showNotices(r.notices ?? []);
        onSaved(r);
      } else {
        const anchor = v.anchorKind === 'compound' ? { compoundId: v.compoundId ?? undefined } : { regionId: v.regionId ?? undefined };
        const r = await createOrg({ id: createId, ...fields, ...anchor });
        message.success(t('orgs.form.created'));
        showNotices(r.notices ?? []);
        onSaved(r);
      }
    } catch (e) {
      handleError(e, { form, onReload: org ? () => void reload() : undefined });
    } finally {
      setBusy(false);
    }
  };

  const loadCompounds = async (q: string): Promise<Choice[]> =>
    (await searchCompounds(q, regionId)).items.map((c) => ({ value: c.id, label: c.communityName ? `${c.name}（${c.communityName}）` : c.name }));
  const loadParents = async (q: string): Promise<Choice[]> =>
    (await listOrgs({ q: q || undefined }, 1, 20)).items.filter((o) => o.id !== org?.id).map((o) => ({ value: o.id, label: `${o.name}（${orgTypeLabel(o.type, lang)}）` }));

  return (
    <Modal
      open={open}
      title={org ? t('orgs.form.editTitle', { name: org.name }) : t('orgs.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      <Form<Values> key={org?.id ?? 'new'} form={form} layout="vertical" initialValues={initialValues} onFinish={() => void submit().catch(() => undefined)}>
        <Form.Item label={t('orgs.field.type')} name="type" rules={[{ required: true, message: t('orgs.field.typeRequired') }]}>
          <Select options={typeOptions(lang)} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item label={t('orgs.field.name')} name="name" rules={[{ required: true, whitespace: true, max: 100, message: t('orgs.field.nameRequired') }]}>
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        {!org ? (
          <>
            <Form.Item label={t('orgs.field.anchorKind')} name="anchorKind">
              <Radio.Group
                aria-label={t('orgs.field.anchorKind')}
                options={[
                  { value: 'compound', label: t('orgs.field.anchorCompound') },
                  { value: 'region', label: t('orgs.field.anchorRegion') },
                ]}
              />
            </Form.Item>
            {anchorKind === 'region' ? (
              <Form.Item label={t('orgs.field.region')} name="regionId" rules={[{ required: true, message: t('orgs.field.regionRequired') }]}>
                <TreeSelect treeData={tree} showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll allowClear />
              </Form.Item>
            ) : (
              <Form.Item label={t('orgs.field.compound')} name="compoundId" rules={[{ required: true, message: t('orgs.field.compoundRequired') }]}>
                <RemoteSelect load={loadCompounds} initial={defaults?.compound ?? null} placeholder={t('orgs.list.compoundPlaceholder')} notFound={t('orgs.common.noMatch')} />
              </Form.Item>
            )}
          </>
        ) : (
          <Form.Item label={t('orgs.field.anchor')} extra={t('orgs.form.anchorFixed')}>
            <Input value={org.anchorName ?? t('orgs.anchorNone')} disabled aria-label={t('orgs.field.anchor')} />
          </Form.Item>
        )}
        <Form.Item label={t('orgs.field.uscc')} name="uscc" extra={t('orgs.field.usccHint')} rules={[{ max: 30 }]} normalize={(v: string) => v?.toUpperCase()}>
          <Input autoComplete="off" maxLength={30} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item label={t('orgs.field.termStart')} name="termStart" style={{ flex: '1 1 200px' }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('orgs.field.termEnd')} name="termEnd" style={{ flex: '1 1 200px' }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item label={t('orgs.field.foundedOn')} name="foundedOn" style={{ flex: '1 1 160px' }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('orgs.field.filedOn')} name="filedOn" style={{ flex: '1 1 160px' }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('orgs.field.dissolvedOn')} name="dissolvedOn" style={{ flex: '1 1 160px' }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item label={t('orgs.field.parent')} name="parentOrgId">
          <RemoteSelect
            load={loadParents}
            initial={org?.parentOrgId ? { value: org.parentOrgId, label: org.parentName ?? org.parentOrgId } : null}
            placeholder={t('orgs.field.parentPlaceholder')}
            notFound={t('orgs.common.noMatch')}
          />
        </Form.Item>
        <Form.Item label={t('orgs.field.note')} name="note" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

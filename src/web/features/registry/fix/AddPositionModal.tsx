import { useRef, useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Radio, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { MEMBERSHIPS, orgCategoryOf, postLabel, postsAllowedFor, type OrgType } from '../../../../shared/org-types.ts';
import { POLITICAL_STATUS_LABELS } from '../../../../shared/registry-codes.ts';
import { createPerson, createPosition, listResidents, newId, searchPeople, type OrgPosition } from '../api.ts';
import { dateStr, useOpenId } from '../formKit.tsx';
import { labelOf, optionsOf, pick } from '../labels.ts';
import { RemoteSelect } from '../../../components/RemoteSelect.tsx';

type Who = 'person' | 'resident' | 'name';

interface Values {
  who: Who;
  personId?: string;
  residentId?: string;
  name?: string;
  politicalStatus?: string;
  isOwner?: boolean;
  post: string;
  membership?: string;
  partTime?: boolean;
  startOn?: Dayjs | null;
  endOn?: Dayjs | null;
}

/** Props of AddPositionModal. */
export interface AddPositionModalProps {
  /** The organisation to appoint to; null closes the modal. */
  org: { id: string; type: OrgType; name: string } | null;
  /** The compound whose residents and people are offered (and where a person typed by name is registered). */
  compoundId?: string;
  /** Where a person typed by name is registered when there is no compound. */
  regionId?: string;
  onClose(): void;
  onCreated(p: OrgPosition): void;
}

/**
 * "任职": appoints someone to a post allowed for the organisation's type. The holder is a registered person, or is registered
 * on the spot from a resident of the compound (name and political status come from the registry) or by name.
 */
export function AddPositionModal({ org, compoundId, regionId, onClose, onCreated }: AddPositionModalProps) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const open = !!org;
  const positionClientId = useOpenId(open);
  // One client id per person typed or resident chosen in this opening: a retry (or a double click) registers them once,
  // and choosing someone else registers that one under a new id.
  const personIds = useRef(new Map<string, string>());
  const who: Who = Form.useWatch('who', form) ?? 'person';
  const party = org ? orgCategoryOf(org.type) === 'party' : false;

  const submit = async () => {
    if (!org) return;
    const v = await form.validateFields();
    setBusy(true);
    const personField = v.who === 'person' ? 'personId' : v.who === 'resident' ? 'residentId' : 'name';
    try {
      let personId = v.personId;
      if (v.who !== 'person') {
        const key = v.who === 'resident' ? `r:${v.residentId}` : `n:${v.name!.trim()}:${v.politicalStatus ?? ''}`;
        const clientId = personIds.current.get(key) ?? newId();
        personIds.current.set(key, clientId);
        const p = await createPerson(clientId, {
          ...(v.who === 'resident' ? { residentId: v.residentId } : { name: v.name!.trim(), politicalStatus: v.politicalStatus ?? null, ...(compoundId ? { compoundId } : { regionId }) }),
          isOwner: !!v.isOwner,
        });
        personId = p.id;
      }
      const pos = await createPosition(org.id, positionClientId, {
        personId: personId!,
        post: v.post,
        membership: party ? (v.membership ?? null) : undefined,
        partTime: party ? !!v.partTime : undefined,
        startOn: dateStr(v.startOn),
        endOn: dateStr(v.endOn),
      });
      message.success(t('registry.position.created'));
      onCreated(pos);
    } catch (e) {
      handleError(e, { form, rename: { personId: personField, compoundId: personField, regionId: personField } });
    } finally {
      setBusy(false);
    }
  };

  const posts = org ? postsAllowedFor(org.type) : [];

  return (
    <Modal
      open={open}
      title={t('registry.position.new', { org: org?.name ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      afterClose={() => personIds.current.clear()}
    >
      <Form
        key={positionClientId}
        form={form}
        name="addPosition"
        layout="vertical"
        preserve={false}
        initialValues={{ who: 'person', startOn: dayjs(), isOwner: false, partTime: false }}
        onFinish={() => void submit()}
      >
        <Form.Item label={t('registry.position.who')} name="who">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'person', label: t('registry.position.whoPerson') },
              ...(compoundId ? [{ value: 'resident', label: t('registry.position.whoResident') }] : []),
              { value: 'name', label: t('registry.position.whoName') },
            ]}
          />
        </Form.Item>
        {who === 'person' && (
          <Form.Item label={t('registry.position.person')} name="personId" rules={[{ required: true, message: t('registry.position.personRequired') }]}>
            <RemoteSelect
              placeholder={t('registry.position.personPlaceholder')}
              load={async (q) =>
                (await searchPeople({ compoundId, q: q || undefined })).map((p) => ({
                  value: p.id,
                  label: p.politicalStatus ? t('common.labelWithCode', { label: p.name, code: labelOf(POLITICAL_STATUS_LABELS, p.politicalStatus, lang) }) : p.name,
                }))
              }
            />
          </Form.Item>
        )}
        {who === 'resident' && (
          <Form.Item label={t('registry.position.resident')} name="residentId" extra={t('registry.position.residentHint')} rules={[{ required: true, message: t('registry.position.residentRequired') }]}>
            <RemoteSelect
              placeholder={t('registry.position.residentPlaceholder')}
              load={async (q) =>
                (await listResidents({ compoundId, q: q || undefined }, 1, 20)).items.map((r) => ({
                  value: r.id,
                  label: [r.name, r.householdLabel, labelOf(POLITICAL_STATUS_LABELS, r.politicalStatus, lang)].filter(Boolean).join(' · '),
                }))
              }
            />
          </Form.Item>
        )}
        {who === 'name' && (
          <>
            <Form.Item label={t('registry.position.name')} name="name" rules={[{ required: true, whitespace: true, message: t('registry.position.nameRequired') }, { max: 50 }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item label={t('registry.resident.politicalStatus')} name="politicalStatus">
              <Select allowClear options={optionsOf(POLITICAL_STATUS_LABELS, lang)} />
            </Form.Item>
          </>
        )}
        {who !== 'person' && (
          <Form.Item label={t('registry.position.isOwner')} name="isOwner" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        <Form.Item label={t('registry.position.post')} name="post" rules={[{ required: true, message: t('registry.position.postRequired') }]}>
          <Select options={org ? posts.map((p) => ({ value: p, label: pick(postLabel(p, org.type), lang) })) : []} />
        </Form.Item>
        {party && (
          <>
            <Form.Item label={t('registry.position.membership')} name="membership" extra={t('registry.position.membershipHint')}>
              <Select allowClear options={MEMBERSHIPS.map((m) => ({ value: m, label: t(m === 'full' ? 'registry.membership.full' : 'registry.membership.probationary') }))} />
            </Form.Item>
            <Form.Item label={t('registry.position.partTime')} name="partTime" valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        )}
        <Form.Item label={t('registry.position.startOn')} name="startOn">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('registry.position.endOn')} name="endOn">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('registry.position.footnote')}</Typography.Paragraph>
      </Form>
    </Modal>
  );
}

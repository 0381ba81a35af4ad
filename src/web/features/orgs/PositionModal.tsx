import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Space, Switch, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { postsAllowedFor, type Membership, type OrgType } from '../../../shared/org-types.ts';
import { newId } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { createPerson, createPosition, getOrg, searchPeople, updatePosition, type OrgDetail, type PositionView } from './api.ts';
import { politicalStatusLabel, politicalStatusOptions, postLabelIn } from './labels.ts';
import { RemoteSelect, type Choice } from '../../components/RemoteSelect.tsx';

interface Values {
  personId?: string | null;
  post?: string;
  membership?: Membership | '';
  partTime?: boolean;
  startOn?: Dayjs | null;
  endOn?: Dayjs | null;
}

interface NewPersonValues {
  name?: string;
  politicalStatus?: string | null;
}

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/**
 * Appoints a person to a post of an organisation, or changes a position. People are searched on the server; a new
 * person can be registered right here by name and political status (anchored where the organisation is). A 409 STALE
 * shows the reload notice and keeps what was typed.
 */
export function PositionModal({ open, org, position, onClose, onSaved }: {
  open: boolean;
  org: OrgDetail;
  /** The position to change; null appoints a new one. */
  position: PositionView | null;
  onClose(): void;
  onSaved(): void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [personForm] = Form.useForm<NewPersonValues>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(position?.version ?? 1);
  const [createId, setCreateId] = useState(newId);
  const [addingPerson, setAddingPerson] = useState(false);
  const [personBusy, setPersonBusy] = useState(false);
  const [personChoice, setPersonChoice] = useState<Choice | null>(null);
  const party = org.category === 'party';

  useEffect(() => {
    if (!open) return;
    setVersion(position?.version ?? 1);
    setAddingPerson(false);
    setPersonChoice(null);
    if (!position) setCreateId(newId());
  }, [open, position]);

  const posts = postsAllowedFor(org.type as OrgType).map((p) => ({ value: p as string, label: postLabelIn(p, org.type as OrgType, lang) }));
  const initialValues: Values = position
    ? {
        post: position.post,
        membership: position.membership ?? '',
        partTime: position.partTime,
        startOn: position.startOn ? dayjs(position.startOn) : null,
        endOn: position.endOn ? dayjs(position.endOn) : null,
      }
    : { membership: '', partTime: false, startOn: null, endOn: null };

  const reload = async () => {
    if (!position) return;
    try {
      const fresh = (await getOrg(org.id)).positions.find((p) => p.id === position.id);
      if (fresh) setVersion(fresh.version);
      message.info(t('stale.reloaded'));
    } catch (e) {
      handleError(e);
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    const fields = {
      post: v.post!,
      membership: party && v.membership ? v.membership : null,
      partTime: !!v.partTime,
      startOn: iso(v.startOn),
      endOn: iso(v.endOn),
    };
    setBusy(true);
    try {
      if (position) await updatePosition(position.id, { ...fields, version });
      else await createPosition(org.id, { ...fields, id: createId, personId: v.personId! });
      message.success(t('orgs.position.saved'));
      onSaved();
    } catch (e) {
      handleError(e, { form, onReload: position ? () => void reload() : undefined });
    } finally {
      setBusy(false);
    }
  };

  const registerPerson = async () => {
    const v = await personForm.validateFields();
    setPersonBusy(true);
    try {
      const anchor = org.compoundId ? { compoundId: org.compoundId } : { regionId: org.regionId ?? undefined };
      const p = await createPerson({ name: v.name!.trim(), politicalStatus: v.politicalStatus ?? null, ...anchor });
      const choice = { value: p.id, label: personLabel(p.name, p.politicalStatus) };
      setPersonChoice(choice);
      form.setFieldsValue({ personId: p.id });
      form.setFields([{ name: 'personId', errors: [] }]);
      personForm.resetFields();
      setAddingPerson(false);
      message.success(t('orgs.person.created', { name: p.name }));
    } catch (e) {
      handleError(e, { form: personForm });
    } finally {
      setPersonBusy(false);
    }
  };

  const personLabel = (name: string, status: string | null) => {
    const s = politicalStatusLabel(status, lang);
    return s ? `${name} · ${s}` : name;
  };
  const loadPeople = async (q: string): Promise<Choice[]> => (await searchPeople(q)).items.map((p) => ({ value: p.id, label: personLabel(p.name, p.politicalStatus) }));

  return (
    <Modal
      open={open}
      title={position ? t('orgs.position.editTitle', { name: position.personName }) : t('orgs.position.addTitle', { org: org.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={600}
    >
      <Form<Values> name="position" key={position?.id ?? 'new'} form={form} layout="vertical" initialValues={initialValues} onFinish={() => void submit().catch(() => undefined)}>
        {position ? (
          <Form.Item label={t('orgs.position.person')}>
            <Input value={position.personName} disabled aria-label={t('orgs.position.person')} />
          </Form.Item>
        ) : (
          <>
            <Form.Item label={t('orgs.position.person')} name="personId" rules={[{ required: true, message: t('orgs.position.personRequired') }]} style={{ marginBottom: 8 }}>
              <RemoteSelect load={loadPeople} initial={personChoice} placeholder={t('orgs.position.personPlaceholder')} notFound={t('orgs.common.noMatch')} />
            </Form.Item>
            {addingPerson ? (
              <Card size="small" title={t('orgs.person.newTitle')} style={{ marginBottom: 16 }}>
                <Form<NewPersonValues> name="newPerson" form={personForm} component={false} layout="vertical">
                  <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
                    {t('orgs.person.anchorNote')}
                  </Typography.Paragraph>
                  <Flex gap={12} wrap>
                    <Form.Item label={t('orgs.person.name')} name="name" rules={[{ required: true, whitespace: true, max: 50, message: t('orgs.person.nameRequired') }]} style={{ flex: '1 1 160px' }}>
                      <Input
                        autoComplete="off"
                        maxLength={50}
                        onPressEnter={(e) => {
                          // Registers the person instead of submitting the position form around it.
                          e.preventDefault();
                          void registerPerson().catch(() => undefined);
                        }}
                      />
                    </Form.Item>
                    <Form.Item label={t('orgs.person.politicalStatus')} name="politicalStatus" style={{ flex: '1 1 160px' }}>
                      <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={politicalStatusOptions(lang)} />
                    </Form.Item>
                  </Flex>
                  <Space>
                    <Button type="primary" loading={personBusy} onClick={() => void registerPerson().catch(() => undefined)}>
                      {t('common.create')}
                    </Button>
                    <Button onClick={() => setAddingPerson(false)}>{t('common.cancel')}</Button>
                  </Space>
                </Form>
              </Card>
            ) : (
              <Button type="link" icon={<UserAddOutlined />} style={{ paddingLeft: 0, marginBottom: 16 }} onClick={() => setAddingPerson(true)}>
                {t('orgs.person.new')}
              </Button>
            )}
          </>
        )}
        <Form.Item label={t('orgs.position.post')} name="post" rules={[{ required: true, message: t('orgs.position.postRequired') }]}>
          <Select options={posts} />
        </Form.Item>
        {party && (
          <Form.Item label={t('orgs.position.membership')} name="membership">
            <Select
              options={[
                { value: '', label: t('orgs.position.membershipAuto') },
                { value: 'full', label: t('orgs.position.membership.full') },
                { value: 'probationary', label: t('orgs.position.membership.probationary') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item label={t('orgs.position.partTime')} name="partTime" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item label={t('orgs.position.startOn')} name="startOn" style={{ flex: '1 1 200px' }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('orgs.position.endOn')} name="endOn" style={{ flex: '1 1 200px' }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

/** Ends a position on a date (PATCH endOn with the version); STALE keeps the chosen date. */
export function EndPositionModal({ org, position, onClose, onSaved }: { org: OrgDetail; position: PositionView | null; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<{ endOn: Dayjs }>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(position?.version ?? 1);
  useEffect(() => {
    if (position) setVersion(position.version);
  }, [position]);

  const submit = async () => {
    if (!position) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      await updatePosition(position.id, { version, endOn: iso(v.endOn) });
      message.success(t('orgs.position.ended.done'));
      onSaved();
    } catch (e) {
      handleError(e, {
        form,
        onReload: async () => {
          const fresh = (await getOrg(org.id)).positions.find((p) => p.id === position.id);
          if (fresh) setVersion(fresh.version);
          message.info(t('stale.reloaded'));
        },
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!position}
      title={t('orgs.position.endTitle', { name: position?.personName ?? '' })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form key={position?.id} form={form} layout="vertical" initialValues={{ endOn: dayjs() }} onFinish={() => void submit().catch(() => undefined)}>
        <Form.Item label={t('orgs.position.endOn')} name="endOn" rules={[{ required: true, message: t('orgs.position.endRequired') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

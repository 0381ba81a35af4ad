import { useEffect, useState } from 'react';
import { App, Col, Form, Input, Modal, Row, Select, Switch, Typography } from 'antd';
import type { MemberKind, PoolMemberView } from '../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useAuth } from '../../app/auth.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useT } from '../../i18n/index.tsx';
import { textOrNull, useIsPhone, useOpenId } from '../registry/formKit.tsx';
import { createPoolMember, listPool, searchOrgs, searchUsers, updatePoolMember, type PoolMemberInput } from './api.meetings.ts';
import { useRegionId } from '../../app/region.tsx';
import { categoryOptions } from './labels.ts';
import { useKindOptions } from './kit.meetings.tsx';

interface Values {
  kind?: MemberKind;
  name?: string;
  title?: string;
  userId?: string | null;
  orgId?: string | null;
  phone?: string;
  expertise?: string[];
  note?: string;
  active?: boolean;
}

/**
 * Adds a member to a compound's 1+5+N pool or changes one: kind, name, post, expertise tags (categories or free tags),
 * optionally a user account and an organisation; the phone is only ever shown masked, and left empty on edit it stays as
 * it is. Deactivating keeps the member's history. A 409 STALE keeps what was typed and offers a reload.
 */
export function PoolMemberModal({ open, compoundId, member, defaultKind, onClose, onSaved }: {
  open: boolean;
  compoundId: string;
  member: PoolMemberView | null;
  defaultKind?: MemberKind;
  onClose(): void;
  onSaved(m: PoolMemberView): void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const auth = useAuth();
  const phone = useIsPhone();
  const regionId = useRegionId();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(member?.version ?? 1);
  const id = useOpenId(open);
  const kindOptions = useKindOptions();
  const mayListUsers = auth.can('user.manage', 'grant.manage', 'audit.read');

  useEffect(() => {
    if (open && member) setVersion(member.version);
  }, [open, member]);

  const reload = async () => {
    if (!member) return;
    try {
      const fresh = (await listPool(compoundId)).find((m) => m.id === member.id);
      if (fresh) setVersion(fresh.version);
      message.info(t('stale.reloaded'));
    } catch (e) {
      handleError(e);
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    const input: PoolMemberInput = {
      kind: v.kind!,
      name: v.name!.trim(),
      title: textOrNull(v.title),
      orgId: v.orgId ?? null,
      expertise: v.expertise ?? [],
      note: textOrNull(v.note),
    };
    // The account link is only sent by those who can pick one; others leave it as it is.
    if (mayListUsers) input.userId = v.userId ?? null;
    const typedPhone = textOrNull(v.phone);
    if (typedPhone || !member) input.phone = typedPhone;
    setBusy(true);
    try {
      const saved = member ? await updatePoolMember(member.id, version, { ...input, active: !!v.active }) : await createPoolMember(id, compoundId, input);
      message.success(member ? t('common.saved') : t('pool.added', { name: saved.name }));
      onSaved(saved);
    } catch (e) {
      handleError(e, { form, onReload: member ? () => void reload() : undefined });
    } finally {
      setBusy(false);
    }
  };

  const span = phone ? 24 : 12;
  return (
    <Modal
      open={open}
      width={phone ? '100%' : 680}
      title={member ? t('pool.editTitle', { name: member.name }) : t('pool.addTitle')}
      okText={member ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        key={member?.id ?? id}
        form={form}
        name="poolMember"
        layout="vertical"
        preserve={false}
        initialValues={
          member
            ? { kind: member.kind, name: member.name, title: member.title ?? undefined, userId: member.userId, orgId: member.org?.id ?? null, expertise: member.expertise, note: member.note ?? undefined, active: member.active }
            : { kind: defaultKind, expertise: [], active: true }
        }
        onFinish={() => void submit().catch(() => undefined)}
      >
        <Row gutter={16}>
          <Col span={span}>
            <Form.Item label={t('pool.kind')} name="kind" rules={[{ required: true, message: t('pool.kindRequired') }]}>
              <Select options={kindOptions} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item label={t('pool.name')} name="name" rules={[{ required: true, whitespace: true, message: t('pool.nameRequired') }, { max: 50 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item label={t('pool.title')} name="title" rules={[{ max: 100 }]}>
              <Input autoComplete="off" placeholder={t('pool.titlePlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item label={t('pool.phone')} name="phone" extra={member?.phoneMasked ? t('pool.phoneKeep', { mask: member.phoneMasked }) : t('pool.optional')}>
              <Input inputMode="tel" autoComplete="off" placeholder={member?.phoneMasked ?? undefined} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('pool.expertise')} name="expertise" extra={t('pool.expertiseHint')}>
              <Select mode="tags" options={categoryOptions(t)} tokenSeparators={[',', '，', '、']} maxCount={20} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item label={t('pool.org')} name="orgId" extra={t('pool.optional')}>
              <RemoteSelect
                initial={member?.org ? { value: member.org.id, label: member.org.name } : null}
                load={async (q) => (await searchOrgs(q, regionId)).map((o) => ({ value: o.id, label: o.name }))}
                placeholder={t('pool.orgPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col span={span}>
            {mayListUsers ? (
              <Form.Item label={t('pool.user')} name="userId" extra={t('pool.userHint')}>
                <RemoteSelect
                  initial={member?.userId ? { value: member.userId, label: t('pool.linkedUser') } : null}
                  load={async (q) => (await searchUsers(q)).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
                  placeholder={t('pool.userPlaceholder')}
                />
              </Form.Item>
            ) : (
              <Form.Item label={t('pool.user')}>
                <Typography.Text type="secondary">{member?.userId ? t('pool.linkedUser') : t('pool.userNoAccess')}</Typography.Text>
              </Form.Item>
            )}
          </Col>
          <Col span={24}>
            <Form.Item label={t('pool.note')} name="note" rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
          {member && (
            <Col span={24}>
              <Form.Item label={t('pool.active')} name="active" valuePropName="checked" extra={t('pool.activeHint')}>
                <Switch checkedChildren={t('pool.activeOn')} unCheckedChildren={t('pool.activeOff')} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}

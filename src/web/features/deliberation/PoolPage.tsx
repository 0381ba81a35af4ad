import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Empty, Flex, Form, Row, Space, Spin, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { FIVE_SLOTS, ONE_KIND, type MemberKind, type Named, type PoolMemberView } from '../../../shared/deliberation.ts';
import { api } from '../../api/client.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useAuth } from '../../app/auth.tsx';
import { useT } from '../../i18n/index.tsx';
import { listPool } from './api.meetings.ts';
import { CompoundSelect } from '../../components/CompoundSelect.tsx';
import { categoryLabel, memberKindLabel, slotLabel } from './labels.ts';
import { coverageOf, groupOf } from './labels.meetings.ts';
import { PoolMemberModal } from './PoolMemberModal.tsx';

/** The 1+5+N sections of the pool: the 1, each of the five slots, the N. */
const SECTIONS: { key: string; group: 'one' | 'five' | 'n'; kinds: readonly MemberKind[] }[] = [
  { key: 'one', group: 'one', kinds: [ONE_KIND] },
  ...FIVE_SLOTS.map((s) => ({ key: s.slot, group: 'five' as const, kinds: s.kinds })),
  { key: 'n', group: 'n', kinds: ['interested_party', 'department'] },
];

function Covered({ ok, label }: { ok: boolean; label: string }) {
  return (
    <Tag color={ok ? 'success' : 'error'} icon={ok ? <CheckCircleFilled /> : <CloseCircleFilled />} style={{ marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
}

/**
 * 成员库: one compound's 1+5+N member pool (the compound kept in ?compoundId=), grouped by the 1, the five slots and the N,
 * with whether the 1 and each slot are filled by an active member, expertise tags, and add / edit / deactivate.
 */
export default function PoolPage() {
  const t = useT();
  const auth = useAuth();
  const handleError = useApiErrorHandler();
  const [params, setParams] = useSearchParams();
  const compoundId = params.get('compoundId') ?? '';
  const [compound, setCompound] = useState<Named | null>(null);
  const [members, setMembers] = useState<PoolMemberView[]>([]);
  const [loading, setLoading] = useState(false);
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<{ member: PoolMemberView | null; kind?: MemberKind } | null>(null);

  const load = useCallback(async () => {
    if (!compoundId) return setMembers([]);
    setLoading(true);
    try {
      setMembers(await listPool(compoundId));
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [compoundId, handleError]);

  useEffect(() => {
    void load();
  }, [load]);

  // A compound given in the link shows its name in the picker.
  useEffect(() => {
    if (!compoundId || compound?.id === compoundId) return;
    api.get<Named>(`/api/compounds/${encodeURIComponent(compoundId)}`).then((c) => setCompound({ id: c.id, name: c.name }), () => undefined);
  }, [compoundId, compound?.id]);

  const pick = (id: string | null, label?: string) => {
    setCompound(id ? { id, name: label ?? '' } : null);
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (id) p.set('compoundId', id);
      else p.delete('compoundId');
      return p;
    }, { replace: true });
  };

  const cover = coverageOf(members);
  const shown = members.filter((m) => showInactive || m.active);
  const canAdd = auth.can('deliberation.write');
  const missing = [...(cover.one ? [] : ['one']), ...cover.slots.filter((s) => !s.filled).map((s) => s.slot)];

  const memberCard = (m: PoolMemberView) => (
    <Card
      key={m.id}
      size="small"
      style={{ flex: '1 1 220px', maxWidth: 360, opacity: m.active ? 1 : 0.6 }}
      title={
        <Space size={4} wrap>
          <span>{m.name}</span>
          {!m.active && <Tag>{t('pool.inactive')}</Tag>}
        </Space>
      }
      extra={m.abilities.edit && <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('pool.editTitle', { name: m.name })} onClick={() => setEditing({ member: m })} />}
    >
      <Flex vertical gap={4} style={{ fontSize: 13, minWidth: 0, overflowWrap: 'anywhere' }}>
        <Typography.Text type="secondary">{[memberKindLabel(t, m.kind), m.title].filter(Boolean).join(' · ')}</Typography.Text>
        {m.org && <span>{m.org.name}</span>}
        {m.phoneMasked && <Typography.Text code>{m.phoneMasked}</Typography.Text>}
        {m.expertise.length > 0 && (
          <Flex wrap gap={4}>
            {m.expertise.map((x) => <Tag key={x} color="blue" style={{ marginInlineEnd: 0 }}>{categoryLabel(t, x)}</Tag>)}
          </Flex>
        )}
        {m.note && <Typography.Text type="secondary">{m.note}</Typography.Text>}
      </Flex>
    </Card>
  );

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('page.pool')}</Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} disabled={!compoundId} onClick={() => void load()}>{t('common.refresh')}</Button>
          {canAdd && compoundId && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ member: null })}>{t('pool.add')}</Button>
          )}
        </Space>
      </Flex>
      <Card styles={{ body: { padding: 16 } }}>
        <Flex wrap gap={16} align="end">
          <Form.Item label={t('meetings.common.compound')} htmlFor="pool-compound" layout="vertical" style={{ flex: '1 1 260px', maxWidth: 420, marginBottom: 0 }}>
            <CompoundSelect id="pool-compound" value={compoundId || null} initial={compound ? { value: compound.id, label: compound.name } : null} onChange={(v, c) => pick(v, c?.label)} />
          </Form.Item>
          <Checkbox checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)}>{t('pool.showInactive')}</Checkbox>
        </Flex>
      </Card>
      {!compoundId ? (
        <Card><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pool.pickCompound')} /></Card>
      ) : (
        <Spin spinning={loading}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('pool.coverage')}>
              <Flex wrap gap={8} align="center">
                <Covered ok={cover.one} label={`1 · ${slotLabel(t, 'one')}`} />
                {cover.slots.map((s) => <Covered key={s.slot} ok={s.filled} label={`5 · ${slotLabel(t, s.slot)}`} />)}
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t('pool.nCount', { n: cover.n })}</Tag>
              </Flex>
              <Alert
                style={{ marginTop: 12 }}
                type={cover.complete ? 'success' : 'warning'}
                showIcon
                title={cover.complete ? t('pool.coverageComplete') : t('pool.coverageMissing', { slots: missing.map((s) => slotLabel(t, s)).join(t('common.listSep')) })}
              />
            </Card>
            <Row gutter={[16, 16]}>
              {SECTIONS.map((s) => {
                const list = shown.filter((m) => s.kinds.includes(m.kind));
                const title = s.key === 'n' ? t('pool.group.n') : `${s.group === 'one' ? '1' : '5'} · ${slotLabel(t, s.key)}`;
                return (
                  <Col key={s.key} xs={24} lg={s.key === 'n' ? 24 : 12} xxl={s.key === 'n' ? 24 : 8}>
                    <Card
                      size="small"
                      title={title}
                      style={{ height: '100%' }}
                      extra={canAdd && <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => setEditing({ member: null, kind: s.kinds[0] })}>{t('pool.addHere')}</Button>}
                    >
                      {list.length === 0 ? (
                        <Typography.Text type={groupOf(s.kinds[0]) === 'n' ? 'secondary' : 'danger'}>{t(groupOf(s.kinds[0]) === 'n' ? 'pool.emptyN' : 'pool.emptySlot')}</Typography.Text>
                      ) : (
                        <Flex wrap gap={12}>{list.map(memberCard)}</Flex>
                      )}
                    </Card>
                  </Col>
                );
              })}
            </Row>
          </Flex>
        </Spin>
      )}
      {compoundId && (
        <PoolMemberModal
          open={!!editing}
          compoundId={compoundId}
          member={editing?.member ?? null}
          defaultKind={editing?.kind}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
    </Flex>
  );
}

import { useEffect, useState } from 'react';
import { Button, Checkbox, Empty, Flex, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { FIVE_SLOTS, ONE_KIND, N_KINDS, type MemberKind, type PoolMemberView } from '../../../../shared/deliberation.ts';
import { useRegion } from '../../../app/region.tsx';
import { useT } from '../../../i18n/index.tsx';
import { listPool } from '../api.meetings.ts';
import { categoryLabel, slotLabel } from '../labels.ts';
import { coverageOf } from '../labels.meetings.ts';

const SECTIONS: { key: string; kinds: readonly MemberKind[] }[] = [
  { key: 'one', kinds: [ONE_KIND] },
  ...FIVE_SLOTS.map((s) => ({ key: s.slot, kinds: s.kinds })),
  { key: 'n', kinds: N_KINDS },
];

/**
 * Picks the invited members of a meeting from the compound's active 1+5+N pool, grouped by the 1, the five slots and the N,
 * and says whether the invitation covers 1+5. A Form control: value is the chosen member ids.
 */
export function InvitePicker({ compoundId, value = [], onChange, id }: { compoundId: string | null; value?: string[]; onChange?(v: string[]): void; id?: string }) {
  const t = useT();
  const region = useRegion();
  const [pool, setPool] = useState<PoolMemberView[] | null>(null);

  useEffect(() => {
    let live = true;
    setPool(null);
    if (compoundId) {
      listPool(compoundId, { active: true })
        .then((p) => live && setPool(p.filter((m) => m.active)))
        .catch(() => live && setPool([]));
    }
    return () => {
      live = false;
    };
  }, [compoundId]);

  if (!compoundId) return <Typography.Text type="secondary">{t('meetings.invite.pickCompoundFirst')}</Typography.Text>;
  if (!pool) return <Spin size="small" />;
  if (pool.length === 0) {
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.invite.emptyPool')}>
        <Link to={region.withRegion(`/deliberation/pool?compoundId=${encodeURIComponent(compoundId)}`)}>{t('meetings.invite.openPool')}</Link>
      </Empty>
    );
  }

  const chosen = new Set(value);
  const toggle = (memberId: string, on: boolean) => onChange?.(on ? [...value, memberId] : value.filter((v) => v !== memberId));
  const cover = coverageOf(pool.filter((m) => chosen.has(m.id)));
  const oneFive = pool.filter((m) => !(N_KINDS as readonly string[]).includes(m.kind)).map((m) => m.id);

  return (
    <Flex vertical gap={8} id={id}>
      <Flex wrap gap={6} align="center">
        <Tag color={cover.one ? 'success' : 'default'} style={{ marginInlineEnd: 0 }}>1 · {slotLabel(t, 'one')}</Tag>
        {cover.slots.map((s) => (
          <Tag key={s.slot} color={s.filled ? 'success' : 'default'} style={{ marginInlineEnd: 0 }}>5 · {slotLabel(t, s.slot)}</Tag>
        ))}
        <Typography.Text type={cover.complete ? 'success' : 'warning'}>{cover.complete ? t('meetings.invite.covered') : t('meetings.invite.notCovered')}</Typography.Text>
      </Flex>
      <Space wrap>
        <Button size="small" onClick={() => onChange?.([...new Set([...value, ...oneFive])])}>{t('meetings.invite.allOneFive')}</Button>
        <Button size="small" onClick={() => onChange?.([])}>{t('meetings.invite.none')}</Button>
        <Typography.Text type="secondary">{t('meetings.invite.chosen', { n: value.length })}</Typography.Text>
      </Space>
      {SECTIONS.map((s) => {
        const members = pool.filter((m) => s.kinds.includes(m.kind));
        if (members.length === 0) return null;
        return (
          <fieldset key={s.key} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '4px 12px 8px', margin: 0 }}>
            <legend style={{ fontSize: 13, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>
              {s.key === 'n' ? t('pool.group.n') : `${s.key === 'one' ? '1' : '5'} · ${slotLabel(t, s.key)}`}
            </legend>
            <Flex vertical gap={4}>
              {members.map((m) => (
                <Checkbox key={m.id} checked={chosen.has(m.id)} onChange={(e) => toggle(m.id, e.target.checked)}>
                  <span>{m.name}</span>
                  {m.title && <Typography.Text type="secondary"> · {m.title}</Typography.Text>}
                  {m.expertise.slice(0, 3).map((x) => <Tag key={x} style={{ marginInlineStart: 6 }}>{categoryLabel(t, x)}</Tag>)}
                </Checkbox>
              ))}
            </Flex>
          </fieldset>
        );
      })}
    </Flex>
  );
}

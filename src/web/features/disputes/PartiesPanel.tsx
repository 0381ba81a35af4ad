import { useState } from 'react';
import { Button, Empty, Flex, List, Space, Tag, Tooltip, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { PARTY_REVEALABLE, type DisputeDetail, type DisputePartyView, type PartyRevealField } from '../../../shared/disputes.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { revealParties } from './api.ts';
import { sideLabel } from './labels.ts';
import { RevealReasonModal, type PlainRow } from './RevealReasonModal.tsx';

const FIELD_LABEL: Record<PartyRevealField, MessageKey> = { name: 'disputes.party.name', phone: 'disputes.party.phone', idNumber: 'disputes.party.idNumber' };
const MASK_OF: Record<PartyRevealField, keyof DisputePartyView> = { name: 'nameMasked', phone: 'phoneMasked', idNumber: 'idNumberMasked' };

/**
 * The parties of a dispute, masked; with resident.reveal each masked value has its own "查看明文" that asks for a reason
 * and shows that party's chosen fields (the clicked one ticked) in the modal only.
 */
export function PartiesPanel({ dispute }: { dispute: DisputeDetail }) {
  const t = useT();
  const [target, setTarget] = useState<{ party: DisputePartyView; field: PartyRevealField } | null>(null);
  if (dispute.parties.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  const masked = (p: DisputePartyView, f: PartyRevealField) => {
    const v = p[MASK_OF[f]] as string | null;
    if (!v) return null;
    return (
      <Space size={2} key={f} style={{ whiteSpace: 'nowrap' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(FIELD_LABEL[f])}</Typography.Text>
        <Typography.Text code data-testid={`party-${p.seq}-${f}`}>{v}</Typography.Text>
        {dispute.abilities.reveal && (
          <Tooltip title={t('disputes.reveal.field', { field: t(FIELD_LABEL[f]) })}>
            <Button size="small" type="text" icon={<EyeOutlined />} aria-label={t('disputes.reveal.partyField', { n: p.seq, field: t(FIELD_LABEL[f]) })} onClick={() => setTarget({ party: p, field: f })} />
          </Tooltip>
        )}
      </Space>
    );
  };

  const reveal = async (fields: string[], reason: string): Promise<PlainRow[]> => {
    const p = target!.party;
    const r = await revealParties(dispute.id, fields as PartyRevealField[], [p.id], reason);
    const plain = r.parties.find((x) => x.id === p.id);
    return PARTY_REVEALABLE.filter((f) => fields.includes(f)).map((f) => ({
      key: f, label: t(FIELD_LABEL[f]), value: plain?.[f] ?? null, testId: `plain-${f}`, copy: f !== 'name',
    }));
  };

  return (
    <>
      <List
        dataSource={dispute.parties}
        rowKey="id"
        renderItem={(p) => (
          <List.Item>
            <Flex wrap gap={8} align="center" style={{ minWidth: 0 }}>
              <Typography.Text strong>{t('disputes.form.partyN', { n: p.seq })}</Typography.Text>
              {p.side && <Tag style={{ marginInlineEnd: 0 }}>{sideLabel(t, p.side)}</Tag>}
              {PARTY_REVEALABLE.map((f) => masked(p, f))}
            </Flex>
          </List.Item>
        )}
      />
      <RevealReasonModal
        open={!!target}
        title={t('disputes.reveal.partyTitle', { n: target?.party.seq ?? '' })}
        fieldOptions={PARTY_REVEALABLE.filter((f) => target && target.party[MASK_OF[f]]).map((f) => ({ value: f, label: t(FIELD_LABEL[f]) }))}
        defaultFields={target ? [target.field] : []}
        reveal={reveal}
        onClose={() => setTarget(null)}
      />
    </>
  );
}

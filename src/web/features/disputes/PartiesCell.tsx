import { Flex, Space, Tag, Typography } from 'antd';
import type { DisputePartyView } from '../../../shared/disputes.ts';
import { useT } from '../../i18n/index.tsx';
import { sideLabel } from './labels.ts';

/** The masked parties of a dispute, one line each: side, masked name, masked phone. */
export function PartiesCell({ parties }: { parties: DisputePartyView[] }) {
  const t = useT();
  return (
    <Flex vertical gap={2} align="start" style={{ minWidth: 0 }}>
      {parties.map((p) => (
        <Space key={p.id} size={4} wrap>
          {p.side && <Tag style={{ marginInlineEnd: 0 }}>{sideLabel(t, p.side)}</Tag>}
          <Typography.Text code>{p.nameMasked}</Typography.Text>
          {p.phoneMasked && <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{p.phoneMasked}</Typography.Text>}
        </Space>
      ))}
    </Flex>
  );
}

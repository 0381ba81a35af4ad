import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import { useRecord } from '../../api/useRecord.ts';
import { useRegion } from '../../app/region.tsx';
import { FullPageSpin, NoAccess } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { FAMILY_RELATION_LABELS, GENDER_LABELS, POLITICAL_STATUS_LABELS } from '../../../shared/registry-codes.ts';
import { getResident } from './api.ts';
import { labelOf } from './labels.ts';
import { ResidentFormModal } from './ResidentFormModal.tsx';
import { TagsMarker } from './ResidentsTable.tsx';
import { RevealModal } from './RevealModal.tsx';

/** One resident, every field masked; edit and the audited "查看明文" appear only when the server's abilities allow them. */
export default function ResidentPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const region = useRegion();
  const [editing, setEditing] = useState(false);
  const [revealing, setRevealing] = useState(false);

  const { record: r, setRecord: setR, state } = useRecord(() => getResident(id), id);

  if (state === 'loading') return <FullPageSpin />;
  if (state === 'noAccess') return <NoAccess />;
  if (!r) return <NoAccess detail={t('registry.common.loadFailed')} />;

  const none = t('common.none');
  const items = [
    { key: 'name', label: t('registry.resident.name'), children: r.name },
    { key: 'compound', label: t('registry.resident.compound'), children: <Link to={region.withRegion(`/registry/compounds/${r.compoundId}`)}>{r.compoundName}</Link> },
    { key: 'household', label: t('registry.resident.household'), children: r.householdLabel ?? none },
    { key: 'gender', label: t('registry.resident.gender'), children: labelOf(GENDER_LABELS, r.gender, lang) || none },
    { key: 'age', label: t('registry.resident.ageBand'), children: r.ageBand ? t('registry.resident.ageBandValue', { band: r.ageBand }) : none },
    { key: 'idNumber', label: t('registry.resident.idNumber'), children: <Typography.Text code>{r.idNumberMasked ?? none}</Typography.Text> },
    { key: 'phone', label: t('registry.resident.phone'), children: <Typography.Text code>{r.phoneMasked ?? none}</Typography.Text> },
    { key: 'politicalStatus', label: t('registry.resident.politicalStatus'), children: labelOf(POLITICAL_STATUS_LABELS, r.politicalStatus, lang) || none },
    { key: 'relation', label: t('registry.resident.relation'), children: labelOf(FAMILY_RELATION_LABELS, r.relation, lang) || none },
    { key: 'tags', label: t('registry.resident.tags'), children: <TagsMarker has={r.hasProtectedTags} /> },
    { key: 'movedOut', label: t('registry.resident.movedOutOn'), children: r.movedOutOn ?? none },
    { key: 'updatedAt', label: t('registry.common.updatedAt'), children: dayjs(r.updatedAt).format('YYYY-MM-DD HH:mm') },
  ];

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap size={8}>
          <Typography.Title level={3} style={{ margin: 0 }}>{r.name}</Typography.Title>
          {r.minor && <Tag color="gold">{t('registry.resident.minor')}</Tag>}
          {r.movedOutOn && <Tag>{t('registry.resident.movedOut')}</Tag>}
        </Space>
        <Space wrap>
          {r.abilities.reveal && (
            <Button icon={<EyeOutlined />} onClick={() => setRevealing(true)}>
              {t('registry.reveal.action')}
            </Button>
          )}
          {r.abilities.update && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )}
        </Space>
      </Flex>
      <Card>
        <Typography.Paragraph type="secondary">{t('registry.resident.maskedNote')}</Typography.Paragraph>
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={items} />
      </Card>
      <ResidentFormModal
        open={editing}
        resident={r}
        onClose={() => setEditing(false)}
        onSaved={(x) => {
          setEditing(false);
          setR(x);
        }}
      />
      <RevealModal resident={revealing ? r : null} onClose={() => setRevealing(false)} />
    </Flex>
  );
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Flex, Row, Space, Spin, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useRegion } from '../../../app/region.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { ORG_TYPES, type OrgType } from '../../../../shared/org-types.ts';
import { getCrossAppointments, getOrg, listCompoundOrgs, type CompoundDetail, type CrossAppointments, type OrgDetail, type OrgPosition } from '../api.ts';
import { AddPositionModal } from '../fix/AddPositionModal.tsx';
import { NewOrgModal } from '../fix/NewOrgModal.tsx';
import { labelIn, pick } from '../labels.ts';

/** 组织与任职: organisations anchored to the compound with their positions; people in two or more bodies marked, with the three counts. */
export function OrgsTab({ compound, onChanged }: { compound: CompoundDetail; onChanged(): void }) {
  const { t, lang } = useI18n();
  const region = useRegion();
  const handleError = useApiErrorHandler();
  const [orgs, setOrgs] = useState<OrgDetail[]>([]);
  const [cross, setCross] = useState<CrossAppointments | null>(null);
  const [loading, setLoading] = useState(true);
  const [newOrg, setNewOrg] = useState(false);
  const [appointTo, setAppointTo] = useState<{ id: string; type: OrgType; name: string } | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const list = await listCompoundOrgs(compound.id);
      const [details, x] = await Promise.all([Promise.all(list.map((o) => getOrg(o.id))), getCrossAppointments(compound.id)]);
      setOrgs(details);
      setCross(x);
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [compound.id, handleError]);

  useEffect(() => {
    void load();
  }, [load]);

  const crossIds = useMemo(() => new Set((cross?.people ?? []).flatMap((p) => p.personIds)), [cross]);
  const none = t('common.none');

  const columns: TableColumnsType<OrgPosition> = [
    {
      title: t('registry.position.person'),
      key: 'person',
      render: (_: unknown, p) => (
        <Space size={4} wrap>
          {p.residentId ? <Link to={region.withRegion(`/registry/residents/${p.residentId}`)}>{p.personName}</Link> : <span>{p.personName}</span>}
          {crossIds.has(p.personId) && <Tag color="magenta">{t('registry.cross.tag')}</Tag>}
          {p.isOwner && <Tag>{t('registry.position.owner')}</Tag>}
        </Space>
      ),
    },
    { title: t('registry.position.post'), key: 'post', render: (_: unknown, p) => pick(p.postLabel, lang) },
    {
      title: t('registry.position.membership'),
      key: 'membership',
      render: (_: unknown, p) => (p.membership ? t(p.membership === 'full' ? 'registry.membership.full' : 'registry.membership.probationary') : none),
    },
    { title: t('registry.position.partTime'), key: 'partTime', render: (_: unknown, p) => (p.membership ? (p.partTime ? t('common.yes') : t('common.no')) : none) },
    { title: t('registry.position.term'), key: 'term', render: (_: unknown, p) => t('registry.common.range', { from: p.startOn ?? none, to: p.endOn ?? none }) },
    { title: t('registry.common.state'), key: 'active', render: (_: unknown, p) => (p.active ? <Tag color="green">{t('registry.position.active')}</Tag> : <Tag>{t('registry.position.ended')}</Tag>) },
  ];

  const counts = cross?.counts;
  return (
    <Spin spinning={loading}>
      <Flex vertical gap={16}>
        <Card size="small" title={t('registry.cross.title')}>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t('registry.cross.people')} value={cross?.people.length ?? 0} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('registry.cross.ownersOnCommittees')} value={counts?.partyMemberOwnersOnCommittees ?? 0} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('registry.cross.propertyHeads')} value={counts?.propertyHeadsOnPartyOrg ?? 0} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('registry.cross.secretariesChairing')} value={counts?.secretariesChairingCommittee ?? 0} />
            </Col>
          </Row>
          {cross && cross.people.length > 0 && (
            <ul style={{ margin: '12px 0 0', paddingInlineStart: 20 }} aria-label={t('registry.cross.people')}>
              {cross.people.map((p) => (
                <li key={p.personId}>
                  <Typography.Text strong>{p.name}</Typography.Text>
                  {t('registry.cross.holds', { posts: p.posts.map((x) => t('registry.cross.post', { org: x.orgName, post: pick(x.postLabel, lang) })).join(t('common.listSep')) })}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={5} style={{ margin: 0 }}>{t('registry.org.listTitle', { n: orgs.length })}</Typography.Title>
          {compound.abilities.writeOrgs && (
            <Button icon={<PlusOutlined />} onClick={() => setNewOrg(true)}>
              {t('registry.org.new')}
            </Button>
          )}
        </Flex>
        {!loading && orgs.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('registry.org.empty')} />}
        {orgs.map((o) => (
          <Card
            key={o.id}
            role="region"
            aria-label={o.name}
            size="small"
            title={
              <Space wrap size={4}>
                <span>{o.name}</span>
                <Tag color="red">{labelIn(ORG_TYPES, o.type, lang)}</Tag>
                {!o.active && <Tag>{t('registry.org.inactive')}</Tag>}
              </Space>
            }
            extra={
              o.abilities.addPosition && (
                <Button size="small" icon={<UserAddOutlined />} onClick={() => setAppointTo({ id: o.id, type: o.type, name: o.name })}>
                  {t('registry.position.add')}
                </Button>
              )
            }
            styles={{ title: { whiteSpace: 'normal' } }}
          >
            <Table<OrgPosition>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={o.positions}
              pagination={false}
              scroll={{ x: 720 }}
              locale={{ emptyText: t('registry.position.empty') }}
            />
          </Card>
        ))}
      </Flex>
      <NewOrgModal
        open={newOrg}
        anchor={{ compoundId: compound.id }}
        anchorName={compound.name}
        onClose={() => setNewOrg(false)}
        onCreated={() => {
          setNewOrg(false);
          void load();
          onChanged();
        }}
      />
      <AddPositionModal
        org={appointTo}
        compoundId={compound.id}
        onClose={() => setAppointTo(null)}
        onCreated={() => {
          setAppointTo(null);
          void load();
        }}
      />
    </Spin>
  );
}

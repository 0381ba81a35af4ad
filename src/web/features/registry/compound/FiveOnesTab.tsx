import { useEffect, useState } from 'react';
import { Button, Flex, Progress, Spin, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, PlusOutlined } from '@ant-design/icons';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { FIVE_ONES_ITEMS, PARTY_ORG_TYPES, type FiveOnesItem } from '../../../../shared/org-types.ts';
import { getFiveOnes, type CompoundDetail, type FiveOnes } from '../api.ts';
import { NewOrgModal } from '../fix/NewOrgModal.tsx';
import { NewPairingModal } from '../fix/NewPairingModal.tsx';
import { WorkPlanModal } from '../fix/WorkPlanModal.tsx';
import { scoreColor } from '../FiveOnesTag.tsx';
import { pick } from '../labels.ts';

/** The label of each item's fix-it button. */
const FIX_BUTTON: Record<FiveOnesItem, MessageKey> = {
  party_org: 'registry.fix.partyOrg',
  work_plan: 'registry.fix.workPlan',
  responsible_leader: 'registry.fix.leader',
  contact_unit: 'registry.fix.contactUnit',
  volunteer_team: 'registry.fix.volunteerTeam',
};

/**
 * 五个一: each item met or missing with what meets it; every missing item has a button that fixes it right here (new party
 * organisation or volunteer team, a work plan, a responsible-leader or contact-unit pairing). After saving, the compound reloads
 * and the score follows.
 */
export function FiveOnesTab({ compound, onChanged }: { compound: CompoundDetail; onChanged(): void }) {
  const { t, lang } = useI18n();
  const handleError = useApiErrorHandler();
  const [fetched, setFetched] = useState<FiveOnes | null>(null);
  const [open, setOpen] = useState<FiveOnesItem | null>(null);
  const five = compound.fiveOnesDetail ?? fetched;

  useEffect(() => {
    if (compound.fiveOnesDetail) return;
    let live = true;
    getFiveOnes(compound.id)
      .then((f) => live && setFetched(f))
      .catch((e) => live && handleError(e));
    return () => {
      live = false;
    };
  }, [compound, handleError]);

  if (!five) return <Spin />;

  const allowed = (item: FiveOnesItem) => (item === 'work_plan' ? compound.abilities.update : compound.abilities.writeOrgs);
  const done = () => {
    setOpen(null);
    setFetched(null);
    onChanged();
  };

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={16} wrap>
        <Progress type="circle" size={72} percent={five.score * 20} strokeColor={scoreColor(five.score) === 'green' ? '#52c41a' : scoreColor(five.score) === 'orange' ? '#fa8c16' : '#ff4d4f'} format={() => `${five.score}/5`} />
        <Flex vertical>
          <Typography.Text strong data-testid="five-ones-score">{t('registry.fiveOnes.scoreLine', { n: five.score })}</Typography.Text>
          <Typography.Text type="secondary">{t('registry.fiveOnes.intro')}</Typography.Text>
        </Flex>
      </Flex>
      <ul aria-label={t('registry.fiveOnes.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {FIVE_ONES_ITEMS.map((item) => {
          const check = five.items[item.key];
          return (
            <li
              key={item.code}
              data-item={item.code}
              style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '12px 0', borderBottom: '1px solid #f0f0f0', flexWrap: 'wrap' }}
            >
              {check.ok ? (
                <CheckCircleFilled style={{ color: '#52c41a', fontSize: 20 }} aria-label={t('registry.fiveOnes.ok')} />
              ) : (
                <CloseCircleFilled style={{ color: '#ff4d4f', fontSize: 20 }} aria-label={t('registry.fiveOnes.missing')} />
              )}
              <Flex vertical style={{ flex: 1, minWidth: 180 }}>
                <Typography.Text strong>{pick(item, lang)}</Typography.Text>
                <Typography.Text type={check.ok ? undefined : 'danger'} style={{ overflowWrap: 'anywhere' }}>
                  {check.ok ? check.detail : t('registry.fiveOnes.missingItem')}
                </Typography.Text>
              </Flex>
              {!check.ok && allowed(item.code) && (
                <Button icon={<PlusOutlined />} onClick={() => setOpen(item.code)}>
                  {t(FIX_BUTTON[item.code])}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      <NewOrgModal
        open={open === 'party_org'}
        anchor={{ compoundId: compound.id }}
        anchorName={compound.name}
        type="branch"
        types={PARTY_ORG_TYPES}
        defaultName={t('registry.fix.branchName', { name: compound.name })}
        onClose={() => setOpen(null)}
        onCreated={done}
      />
      <NewOrgModal
        open={open === 'volunteer_team'}
        anchor={{ compoundId: compound.id }}
        anchorName={compound.name}
        type="volunteer_team"
        types={['volunteer_team']}
        defaultName={t('registry.fix.teamName', { name: compound.name })}
        onClose={() => setOpen(null)}
        onCreated={done}
      />
      <WorkPlanModal open={open === 'work_plan'} compoundId={compound.id} compoundName={compound.name} onClose={() => setOpen(null)} onCreated={done} />
      <NewPairingModal
        open={open === 'responsible_leader'}
        target={{ compoundId: compound.id }}
        targetName={compound.name}
        kind="responsible_leader"
        onClose={() => setOpen(null)}
        onCreated={done}
      />
      <NewPairingModal
        open={open === 'contact_unit'}
        target={{ compoundId: compound.id }}
        targetName={compound.name}
        kind="contact_unit"
        onClose={() => setOpen(null)}
        onCreated={done}
      />
    </Flex>
  );
}

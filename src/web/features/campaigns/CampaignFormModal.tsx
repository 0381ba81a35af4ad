import { useState } from 'react';
import { App, Col, DatePicker, Form, Input, Modal, Row, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import type { CampaignView } from '../../../shared/campaigns.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { useRegion } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegionTreeSelect } from '../disputes/RegionTreeSelect.tsx';
import { dateStr, dayOf, textOrNull, useIsPhone, useOpenId } from '../registry/formKit.tsx';
import { createCampaign, getCampaign, updateCampaign, type CampaignInput } from './api.ts';
import { categoryTree } from './labels.ts';
import { useCategories } from './useCategories.ts';

interface Values {
  name?: string;
  description?: string;
  regionId?: string | null;
  problemTypes?: string[];
  startsOn?: Dayjs | null;
  endsOn?: Dayjs | null;
}

const renames: Record<string, string> = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`problemTypes.${i}`, 'problemTypes']));

/**
 * Plans a campaign or edits one: name, description, the region (a county, street or community), the problem types (whole
 * 大类 or single 小类 of the incident categories) and the period. Region, problem types and start date are fixed once it
 * runs. Server problems land under their fields; 409 STALE offers a reload that keeps the typing.
 */
export function CampaignFormModal({ open, campaign, onClose, onSaved }: { open: boolean; campaign: CampaignView | null; onClose(): void; onSaved(c: CampaignView): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const region = useRegion();
  const phone = useIsPhone();
  const handleError = useApiErrorHandler();
  const categories = useCategories();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState<number | null>(null);
  const openId = useOpenId(open);
  const fixed = !!campaign && campaign.status !== 'planned';

  const submit = async () => {
    const v = await form.validateFields();
    const input: CampaignInput = { name: v.name?.trim(), description: textOrNull(v.description), endsOn: dateStr(v.endsOn) ?? undefined };
    if (!fixed) Object.assign(input, { regionId: v.regionId ?? undefined, problemTypes: v.problemTypes ?? [], startsOn: dateStr(v.startsOn) ?? undefined });
    setBusy(true);
    try {
      onSaved(campaign ? await updateCampaign(campaign.id, version ?? campaign.version, input) : await createCampaign(openId, input));
    } catch (e) {
      handleError(e, {
        form,
        rename: renames,
        onReload: campaign ? () => void getCampaign(campaign.id).then((c) => { setVersion(c.version); message.info(t('stale.reloaded')); }, handleError) : undefined,
      });
    } finally {
      setBusy(false);
    }
  };

  const initial: Values = campaign
    ? {
        name: campaign.name, description: campaign.description ?? undefined, regionId: campaign.region.id, problemTypes: campaign.problemTypes.map((p) => p.code),
        startsOn: dayOf(campaign.startsOn), endsOn: dayOf(campaign.endsOn),
      }
    : { regionId: region.source === 'api' && region.selected && !region.selected.ancestorOnly ? region.selected.id : undefined };
  const span = phone ? 24 : 12;

  return (
    <Modal
      open={open}
      title={campaign ? t('campaigns.editTitle') : t('campaigns.create')}
      okText={campaign ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      afterClose={() => setVersion(null)}
      width={phone ? '100%' : 680}
      style={phone ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
    >
      <Form form={form} name="campaignForm" layout="vertical" preserve={false} initialValues={initial}>
        <Form.Item label={t('campaigns.name')} name="name" rules={[{ required: true, whitespace: true, message: t('campaigns.nameRequired') }, { max: 100 }]}>
          <Input maxLength={100} placeholder={t('campaigns.namePlaceholder')} />
        </Form.Item>
        <Form.Item label={t('campaigns.region')} name="regionId" extra={fixed ? t('campaigns.fixedWhenRunning') : t('campaigns.regionHelp')} rules={[{ required: true, message: t('campaigns.regionRequired') }]}>
          <RegionTreeSelect disabled={fixed} />
        </Form.Item>
        <Form.Item label={t('campaigns.problemTypes')} name="problemTypes" extra={fixed ? t('campaigns.fixedWhenRunning') : t('campaigns.problemTypesHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('campaigns.problemTypesRequired') }]}>
          <TreeSelect
            disabled={fixed}
            treeData={categoryTree(categories, lang)}
            treeCheckable
            showCheckedStrategy={TreeSelect.SHOW_PARENT}
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('campaigns.problemTypesPlaceholder')}
            popupMatchSelectWidth={phone ? true : false}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={span}>
            <Form.Item label={t('campaigns.startsOn')} name="startsOn" rules={[{ required: true, message: t('campaigns.dateRequired') }]}>
              <DatePicker disabled={fixed} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item
              label={t('campaigns.endsOn')}
              name="endsOn"
              dependencies={['startsOn']}
              rules={[
                { required: true, message: t('campaigns.dateRequired') },
                ({ getFieldValue }) => ({
                  validator: async (_r, v: Dayjs | null) => {
                    const s = getFieldValue('startsOn') as Dayjs | null;
                    if (v && s && v.isBefore(s, 'day')) throw new Error(t('campaigns.dateOrder'));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('campaigns.description')} name="description" rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

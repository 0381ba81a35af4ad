import { useCallback, useEffect, useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Rate, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { EvaluationView, EvaluatorKind, MatterDetail } from '../../../../shared/deliberation.ts';
import { useApiErrorHandler } from '../../../api/forms.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useOpenId } from '../../registry/formKit.tsx';
import { addEvaluation, listEvaluations } from '../api.ts';
import { evaluationSourceLabel, evaluatorLabel, evaluatorOptions } from '../labels.ts';
import { Satisfaction } from './MatterOverview.tsx';

/** Records an evaluation on behalf of the supervisory board, residents or participants. */
function EvaluationModal({ matter, onClose, onSaved }: { matter: MatterDetail; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<{ byKind?: EvaluatorKind; satisfaction?: number; comment?: string }>();
  const [busy, setBusy] = useState(false);
  const id = useOpenId(true);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await addEvaluation(matter.id, id, { byKind: v.byKind!, satisfaction: v.satisfaction!, comment: v.comment?.trim() || null });
      message.success(t('matters.evaluations.saved'));
      onSaved();
    } catch (e) {
      handleError(e, { form });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('matters.evaluations.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ byKind: 'supervisory_board' }}>
        <Form.Item label={t('matters.evaluations.byKind')} name="byKind" rules={[{ required: true }]}>
          <Select options={evaluatorOptions(t)} />
        </Form.Item>
        <Form.Item label={t('matters.evaluations.satisfaction')} name="satisfaction" rules={[{ required: true, type: 'number', min: 1, message: t('matters.evaluations.satisfactionRequired') }]}>
          <Rate />
        </Form.Item>
        <Form.Item label={t('matters.evaluations.comment')} name="comment">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The evaluations of the matter's result (staff entries, stage actions and public ratings), with the average. */
export function EvaluationsPanel({ matter, onChanged }: { matter: MatterDetail; onChanged(): void }) {
  const { t } = useI18n();
  const handleError = useApiErrorHandler();
  const [items, setItems] = useState<EvaluationView[]>([]);
  const [loading, setLoading] = useState(true);
  const [adding, setAdding] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await listEvaluations(matter.id));
    } catch (e) {
      handleError(e);
    } finally {
      setLoading(false);
    }
  }, [matter.id, handleError]);
  useEffect(() => {
    void load();
  }, [load, matter.satisfactionCount]);

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Satisfaction value={matter.satisfaction} count={matter.satisfactionCount} />
        {matter.abilities.evaluate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('matters.evaluations.add')}
          </Button>
        )}
      </Flex>
      <Table<EvaluationView>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('matters.evaluations.empty') }}
        columns={[
          { title: t('matters.evaluations.byKind'), dataIndex: 'byKind', key: 'byKind', render: (v: string) => evaluatorLabel(t, v) },
          { title: t('matters.evaluations.satisfaction'), dataIndex: 'satisfaction', key: 'satisfaction', render: (v: number) => <Rate disabled value={v} style={{ fontSize: 14 }} /> },
          { title: t('matters.evaluations.comment'), dataIndex: 'comment', key: 'comment', render: (v: string | null) => v ?? t('common.none') },
          { title: t('matters.evaluations.source'), dataIndex: 'source', key: 'source', responsive: ['md'], render: (v: string) => <Tag>{evaluationSourceLabel(t, v)}</Tag> },
          { title: t('matters.evaluations.at'), dataIndex: 'at', key: 'at', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
        ]}
      />
      {adding && (
        <EvaluationModal
          matter={matter}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            void load();
            onChanged();
          }}
        />
      )}
    </Flex>
  );
}

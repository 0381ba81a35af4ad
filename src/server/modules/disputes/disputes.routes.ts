import type { FastifyInstance } from 'fastify';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DISPUTE_STATUSES, DISPUTE_TYPES, ELDER_KINDS, FOLLOW_UP_RESULTS, MEDIATOR_KINDS, PARTY_REVEALABLE, PARTY_SIDES, REFERRAL_TARGETS } from '../../../shared/disputes.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { ACTION_EVENTS } from './dispute.ts';
import * as disputes from './dispute.service.ts';
import { disputeStats } from './dispute-stats.service.ts';
import * as mediators from './mediator.service.ts';

const tags = ['disputes'];
/** A nullable field as `type: [t, 'null']`, so Ajv's type coercion keeps null as null. */
const Nullable = <T extends TSchema>(s: T) => Type.Unsafe<Static<T> | null>({ ...s, type: [(s as unknown as { type: string }).type, 'null'] });
const Opt = <T extends TSchema>(s: T) => Type.Optional(Nullable(s));
const Text = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });
const Ref = (description?: string) => Type.String({ minLength: 1, maxLength: 64, ...(description ? { description } : {}) });
const DateStr = Type.String({ maxLength: 10, description: 'YYYY-MM-DD（中国时间）' });
const list = (values: readonly string[]) => `：${values.join(' | ')}`;

const Party = Type.Object({
  name: Text(50, '当事人姓名（加密保存，显示为掩码）'),
  phone: Opt(Text(30, '手机号（可选，加密保存）')),
  idNumber: Opt(Text(20, '身份证号（可选，加密保存）')),
  side: Opt(Type.String({ maxLength: 20, description: `一方${list(PARTY_SIDES)}` })),
});
const NewDispute = Type.Object({
  id: ClientId,
  compoundId: Ref('所在小区'),
  gridId: Opt(Ref('网格（默认小区所在网格）')),
  sourceIncidentId: Opt(Ref('由哪一网格事件转来（可选）')),
  type: Type.String({ maxLength: 40, description: `纠纷类型${list(DISPUTE_TYPES)}` }),
  summary: Text(2000, '纠纷简况'),
  occurredOn: Opt(DateStr),
  parties: Type.Array(Party, { minItems: 1, maxItems: 50 }),
});
const DisputePatch = Type.Object({
  version: Version,
  type: Type.Optional(Type.String({ maxLength: 40 })),
  summary: Type.Optional(Text(2000)),
  occurredOn: Opt(DateStr),
  gridId: Opt(Ref()),
});
const AddParties = Type.Object({ version: Version, parties: Type.Array(Party, { minItems: 1, maxItems: 50 }) });
const EventBody = Type.Object({
  event: Type.Union(ACTION_EVENTS.map((e) => Type.Literal(e)), { description: '指派/撤回调解员、记录调解、达成协议、移交、撤回、回访、重新调解' }),
  version: Version,
  input: Type.Optional(Type.Object({
    mediatorIds: Type.Optional(Type.Array(Ref(), { maxItems: 20, description: 'assign/unassign：调解员；session：到场调解员（须已指派）' })),
    heldOn: Type.Optional(DateStr),
    place: Type.Optional(Text(200)),
    notes: Type.Optional(Text(4000, 'session：调解经过')),
    agreementText: Type.Optional(Text(4000, 'agree：协议内容')),
    referredTo: Type.Optional(Type.String({ maxLength: 20, description: `refer：移交去向${list(REFERRAL_TARGETS)}` })),
    note: Opt(Text(1000, 'refer：移交单位及说明；follow_up：回访情况')),
    reason: Type.Optional(Text(500, 'withdraw/reopen：理由')),
    on: Type.Optional(DateStr),
    result: Type.Optional(Type.String({ maxLength: 20, description: `follow_up：回访结果${list(FOLLOW_UP_RESULTS)}` })),
  })),
});
const Reveal = Type.Object({
  fields: Type.Array(Type.Union(PARTY_REVEALABLE.map((f) => Type.Literal(f))), { minItems: 1, maxItems: 3 }),
  partyIds: Type.Optional(Type.Array(Ref(), { maxItems: 50, description: '默认全部当事人' })),
  reason: Type.Optional(Text(200, '查看事由，至少 4 个字，记入审计')),
});
const DisputeQuery = Type.Intersect([PageQuery, Type.Object({
  regionId: Type.Optional(Ref('该区划（任意层级）下的纠纷')),
  compoundId: Type.Optional(Ref()),
  gridId: Type.Optional(Ref()),
  type: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Type.String({ maxLength: 20, description: `状态${list(DISPUTE_STATUSES)}` })),
  from: Type.Optional(DateStr),
  to: Type.Optional(DateStr),
  q: Type.Optional(Type.String({ maxLength: 50, description: '简况片段' })),
  sourceIncidentId: Type.Optional(Ref()),
})]);
const StatsQuery = Type.Object({ regionId: Ref('区划'), from: Type.Optional(DateStr), to: Type.Optional(DateStr) });

const MediatorBody = {
  elderKind: Opt(Type.String({ maxLength: 30, description: `“五老”类别${list(ELDER_KINDS)}` })),
  phone: Opt(Text(30, '手机号（加密保存，显示为掩码）')),
  expertise: Type.Optional(Type.Array(Text(40), { maxItems: 20, description: '擅长：纠纷类型代码或自定义标签' })),
  note: Opt(Text(500)),
};
const MediatorKind = Type.String({ maxLength: 30, description: `调解员类别${list(MEDIATOR_KINDS)}` });
const NewMediator = Type.Object({ id: ClientId, regionId: Ref('所属调解员库的区划（街道、社区等）'), kind: MediatorKind, name: Text(50), ...MediatorBody });
const MediatorPatch = Type.Object({
  version: Version, kind: Type.Optional(MediatorKind), name: Type.Optional(Text(50)), ...MediatorBody,
  active: Type.Optional(Type.Boolean({ description: 'false 为停用（不删除，保留历史）' })),
});
const MediatorQuery = Type.Intersect([PageQuery, Type.Object({
  regionId: Type.Optional(Ref('只看该区划自己的调解员库')),
  usableFor: Type.Optional(Ref('纠纷 id：可为该纠纷指派的调解员（本级及上级调解员库）')),
  kind: Type.Optional(MediatorKind),
  active: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 50, description: '姓名片段' })),
})]);

/** Dispute routes: the register, mediation events, audited reveal of parties, counts; and the mediator pools. */
export function disputesRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/disputes', { schema: { tags, summary: '矛盾纠纷台账（按 dispute.read 范围；当事人掩码）', querystring: DisputeQuery } }, async (req) => {
      const { page, pageSize, ...q } = req.query as Static<typeof DisputeQuery>;
      const p = pageOf({ page, pageSize });
      const r = await disputes.listDisputes(deps.db, ctxOf(req, deps), q, p.limit, p.offset);
      return { ...r, page: p.page, pageSize: p.pageSize };
    });
    app.get('/disputes/stats', { schema: { tags, summary: '纠纷按类型、结果和下级区划统计', querystring: StatsQuery } }, async (req) => {
      return disputeStats(deps.db, ctxOf(req, deps), req.query as Static<typeof StatsQuery>);
    });
    app.get('/disputes/:id', { schema: { tags, summary: '纠纷详情：当事人（掩码）、调解员、调解记录、时间线', params: IdParams } }, async (req) => {
      return disputes.getDispute(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/disputes', { schema: { tags, summary: '登记矛盾纠纷（同一 id 重试不重复登记）', body: NewDispute } }, async (req, reply) => {
      const r = await disputes.registerDispute(deps.db, ctxOf(req, deps), req.body as Static<typeof NewDispute>);
      return reply.status(r.created ? 201 : 200).send(r.dispute);
    });
    app.patch('/disputes/:id', { schema: { tags, summary: '修改纠纷类型、简况、日期或网格（需 version）', params: IdParams, body: DisputePatch } }, async (req) => {
      return disputes.updateDispute(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof DisputePatch>);
    });
    app.post('/disputes/:id/parties', { schema: { tags, summary: '追加当事人（需 version）', params: IdParams, body: AddParties } }, async (req) => {
      return disputes.addParties(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof AddParties>);
    });
    app.post('/disputes/:id/events', { schema: { tags, summary: '调解流程操作（需 version）', params: IdParams, body: EventBody } }, async (req) => {
      return disputes.fireDisputeEvent(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof EventBody>);
    });
    app.post('/disputes/:id/reveal', { schema: { tags, summary: '查看当事人明文（需 resident.reveal 与事由，记入审计）', params: IdParams, body: Reveal } }, async (req) => {
      return disputes.revealParties(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof Reveal>);
    });

    app.get('/mediators', { schema: { tags, summary: '调解员库（本级及下级，另含上级调解员库）', querystring: MediatorQuery } }, async (req) => {
      const { page, pageSize, ...q } = req.query as Static<typeof MediatorQuery>;
      const p = pageOf({ page, pageSize });
      const r = await mediators.listMediators(deps.db, ctxOf(req, deps), q, p.limit, p.offset);
      return { ...r, page: p.page, pageSize: p.pageSize };
    });
    app.get('/mediators/:id', { schema: { tags, summary: '调解员', params: IdParams } }, async (req) => {
      return mediators.getMediator(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/mediators', { schema: { tags, summary: '添加调解员（同一 id 重试不重复创建）', body: NewMediator } }, async (req, reply) => {
      const r = await mediators.createMediator(deps.db, ctxOf(req, deps), req.body as Static<typeof NewMediator>);
      return reply.status(r.created ? 201 : 200).send(r.mediator);
    });
    app.patch('/mediators/:id', { schema: { tags, summary: '修改或停用调解员（需 version）', params: IdParams, body: MediatorPatch } }, async (req) => {
      return mediators.updateMediator(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof MediatorPatch>);
    });
    app.post('/mediators/:id/reveal', { schema: { tags, summary: '查看调解员电话明文（需事由，记入审计）', params: IdParams, body: Type.Object({ reason: Type.Optional(Text(200)) }) } }, async (req) => {
      return mediators.revealMediatorPhone(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as { reason?: string });
    });
  };
}

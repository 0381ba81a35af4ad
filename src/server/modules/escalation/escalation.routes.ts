import type { FastifyInstance } from 'fastify';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { JOINT_TASK_STATES, LADDER_LEVELS, THRESHOLD_LEVELS } from '../../../shared/escalation.ts';
import { DEADLINE_UNITS } from '../../../shared/method-template.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import * as ladder from './escalation.service.ts';
import * as bodies from './joint.service.ts';
import * as sessions from './session.service.ts';
import * as tasks from './task.service.ts';

const tags = ['escalation'];
/** A nullable field as `type: [t, 'null']`, so Ajv's type coercion keeps null as null. */
const Nullable = <T extends TSchema>(s: T) => Type.Unsafe<Static<T> | null>({ ...s, type: [(s as unknown as { type: string }).type, 'null'] });
const Opt = <T extends TSchema>(s: T) => Type.Optional(Nullable(s));
const Text = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });
const Ref = (description?: string) => Type.String({ minLength: 1, maxLength: 64, ...(description ? { description } : {}) });
const Refs = (description: string) => Type.Array(Ref(), { maxItems: 100, description });
const DateStr = Type.String({ maxLength: 10, description: 'YYYY-MM-DD（中国时间）' });
const Month = Type.String({ maxLength: 7, description: 'YYYY-MM' });
const list = (values: readonly string[]) => `：${values.join(' | ')}`;

const Escalate = Type.Object({ id: ClientId, version: Version, reason: Text(1000, '上报理由（如“小区无法解决”，至少 4 个字）') });
const Thresholds = Type.Object({
  scopePath: Type.Optional(Type.String({ maxLength: 300, description: '在哪一级设置（默认全国 /）' })),
  levels: Type.Array(Type.Object({
    level: Type.String({ maxLength: 20, description: `升至哪一级${list(THRESHOLD_LEVELS)}` }),
    amount: Type.Integer({ description: '超期多少（1–365）' }),
    unit: Type.String({ maxLength: 20, description: `单位${list(DEADLINE_UNITS)}` }),
  }), { maxItems: 3 }),
});
const NewBody = Type.Object({
  id: ClientId, placeId: Ref('所在区县、街道（乡镇）、社区或小区（院落）'), name: Opt(Text(100, '名称（默认“某某联席会议”）')),
  members: Refs('成员单位（组织 id）'), rota: Refs('轮值主持顺序（成员单位 id）'), rotaStart: Opt(Month),
});
const BodyPatch = Type.Object({
  version: Version, name: Type.Optional(Text(100)), members: Type.Optional(Refs('成员单位')), rota: Type.Optional(Refs('轮值主持顺序')), rotaStart: Type.Optional(Month),
});
const BodyQuery = Type.Intersect([PageQuery, Type.Object({
  placeId: Type.Optional(Ref('该地及其下级的联席会议')), level: Type.Optional(Type.String({ maxLength: 20, description: `层级${list(LADDER_LEVELS)}` })),
})]);
const RotaQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });
const ChairChange = Type.Object({
  version: Version, reason: Text(500, '调整理由（至少 4 个字）'),
  months: Type.Optional(Type.Array(Month, { maxItems: 2, description: '对调这两个月的主持单位' })),
  month: Type.Optional(Month), orgId: Type.Optional(Ref('指定该月主持单位（须为成员单位）')),
});
const NewCase = Type.Object({ id: ClientId, title: Text(200, '疑难事项'), reason: Text(1000, '提交联席会议的理由'), incidentId: Opt(Ref('关联事件（可选）')) });
const Decision = Type.Object({ text: Text(2000, '决定'), responsibleOrgId: Ref('责任单位'), dueOn: DateStr });
const Item = Type.Object({
  incidentId: Opt(Ref('议程上的升级事件')), caseId: Opt(Ref('议程上的疑难事项')), note: Opt(Text(2000, '讨论情况')),
  decision: Opt(Decision),
});
const NewSession = Type.Object({
  id: ClientId, heldOn: DateStr, place: Text(200, '地点'), chairOrgId: Opt(Ref('主持单位（默认本月轮值单位）')),
  attendees: Refs('到会成员单位'), minutes: Text(20000, '会议纪要'), items: Type.Array(Item, { maxItems: 200 }),
});
const SessionPatch = Type.Object({ version: Version, place: Type.Optional(Text(200)), minutes: Type.Optional(Text(20000)), attendees: Type.Optional(Refs('到会成员单位')) });
const EscalatedQuery = Type.Intersect([PageQuery, Type.Object({ open: Type.Optional(Type.Boolean({ description: '只看仍未办结的' })) })]);
const TaskQuery = Type.Intersect([PageQuery, Type.Object({
  bodyId: Type.Optional(Ref()), orgId: Type.Optional(Ref()), placeId: Type.Optional(Ref('该地及下级联席会议下达的任务')),
  state: Type.Optional(Type.String({ maxLength: 10, description: `状态${list(JOINT_TASK_STATES)}` })), overdue: Type.Optional(Type.Boolean({ description: '只看逾期未完成的' })),
})]);
const Done = Type.Object({ version: Version, evidence: Text(2000, '完成情况（至少 4 个字）') });
const StatsQuery = Type.Object({ placeId: Type.Optional(Ref()), from: Type.Optional(Month), to: Type.Optional(Month) });

/** Escalation and joint-meeting routes: an incident's ladder and explicit rises, thresholds, bodies, rota, agenda, sessions, tasks and figures. */
export function escalationRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    const id = (req: { params: unknown }) => (req.params as IdParams).id;
    app.get('/incidents/:id/escalation', { schema: { tags, summary: '事件的升级阶梯：当前层级、各级、升级记录与联席会议决定', params: IdParams } }, async (req) => {
      return ladder.getIncidentEscalation(deps.db, ctxOf(req, deps), id(req));
    });
    app.post('/incidents/:id/escalations', { schema: { tags, summary: '上报上一级（需理由与 version；同一 id 重试不重复）', params: IdParams, body: Escalate } }, async (req, reply) => {
      const r = await ladder.escalateIncident(deps.db, ctxOf(req, deps), id(req), req.body as Static<typeof Escalate>);
      return reply.status(r.created ? 201 : 200).send(r.escalation);
    });
    app.get('/escalation-thresholds', { schema: { tags, summary: '超期自动升级阈值', querystring: Type.Object({ scopePath: Type.Optional(Type.String({ maxLength: 300 })) }) } }, async (req) => {
      return ladder.getThresholds(deps.db, ctxOf(req, deps), (req.query as { scopePath?: string }).scopePath);
    });
    app.put('/escalation-thresholds', { schema: { tags, summary: '设置超期自动升级阈值（incident.configure）', body: Thresholds } }, async (req) => {
      return ladder.putThresholds(deps.db, ctxOf(req, deps), req.body as Static<typeof Thresholds>);
    });

    app.get('/joint-bodies', { schema: { tags, summary: '联席会议列表', querystring: BodyQuery } }, async (req) => {
      const { page, pageSize, ...q } = req.query as Static<typeof BodyQuery>;
      const p = pageOf({ page, pageSize });
      return { ...(await bodies.listBodies(deps.db, ctxOf(req, deps), q, p.limit, p.offset)), page: p.page, pageSize: p.pageSize };
    });
    app.post('/joint-bodies', { schema: { tags, summary: '设立联席会议（同一 id 重试不重复）', body: NewBody } }, async (req, reply) => {
      const r = await bodies.createBody(deps.db, ctxOf(req, deps), req.body as Static<typeof NewBody>);
      return reply.status(r.created ? 201 : 200).send(r.body);
    });
    app.get('/joint-bodies/:id', { schema: { tags, summary: '联席会议', params: IdParams } }, async (req) => bodies.getBody(deps.db, ctxOf(req, deps), id(req)));
    app.patch('/joint-bodies/:id', { schema: { tags, summary: '修改成员单位和轮值（需 version）', params: IdParams, body: BodyPatch } }, async (req) => {
      return bodies.updateBody(deps.db, ctxOf(req, deps), id(req), req.body as Static<typeof BodyPatch>);
    });
    app.get('/joint-bodies/:id/rota', { schema: { tags, summary: '全年轮值表（含调整）', params: IdParams, querystring: RotaQuery } }, async (req) => {
      return bodies.getRota(deps.db, ctxOf(req, deps), id(req), (req.query as Static<typeof RotaQuery>).year);
    });
    app.post('/joint-bodies/:id/rota/changes', { schema: { tags, summary: '调整主持：对调两个月，或指定某月的主持单位（需理由与 version）', params: IdParams, body: ChairChange } }, async (req) => {
      return bodies.changeChair(deps.db, ctxOf(req, deps), id(req), req.body as Static<typeof ChairChange>);
    });
    app.get('/joint-bodies/:id/agenda', { schema: { tags, summary: '下次会议议程：升级到本级且未办结的事件和疑难事项', params: IdParams } }, async (req) => {
      return sessions.getAgenda(deps.db, ctxOf(req, deps), id(req));
    });
    app.post('/joint-bodies/:id/cases', { schema: { tags, summary: '手工提交疑难事项（同一 id 重试不重复）', params: IdParams, body: NewCase } }, async (req, reply) => {
      const r = await sessions.addCase(deps.db, ctxOf(req, deps), id(req), req.body as Static<typeof NewCase>);
      return reply.status(r.created ? 201 : 200).send(r.case);
    });
    app.get('/joint-bodies/:id/escalations', { schema: { tags, summary: '升级到本级的事件', params: IdParams, querystring: EscalatedQuery } }, async (req) => {
      const { page, pageSize, ...q } = req.query as Static<typeof EscalatedQuery>;
      const p = pageOf({ page, pageSize });
      return { ...(await sessions.listEscalated(deps.db, ctxOf(req, deps), id(req), q, p.limit, p.offset)), page: p.page, pageSize: p.pageSize };
    });
    app.get('/joint-bodies/:id/sessions', { schema: { tags, summary: '会议记录', params: IdParams, querystring: PageQuery } }, async (req) => {
      const p = pageOf(req.query as Static<typeof PageQuery>);
      return { ...(await sessions.listSessions(deps.db, ctxOf(req, deps), id(req), p.limit, p.offset)), page: p.page, pageSize: p.pageSize };
    });
    app.post('/joint-bodies/:id/sessions', { schema: { tags, summary: '记录一次会议：到会、纪要、逐项决定（决定下达为任务；同一 id 重试不重复）', params: IdParams, body: NewSession } }, async (req, reply) => {
      const r = await sessions.recordSession(deps.db, ctxOf(req, deps), id(req), req.body as Static<typeof NewSession>);
      return reply.status(r.created ? 201 : 200).send(r.session);
    });
    app.get('/joint-sessions/:id', { schema: { tags, summary: '会议详情（议程事项、决定和任务）', params: IdParams } }, async (req) => sessions.getSession(deps.db, ctxOf(req, deps), id(req)));
    app.patch('/joint-sessions/:id', { schema: { tags, summary: '更正地点、纪要或到会单位（需 version）', params: IdParams, body: SessionPatch } }, async (req) => {
      return sessions.updateSession(deps.db, ctxOf(req, deps), id(req), req.body as Static<typeof SessionPatch>);
    });
    app.get('/joint-tasks', { schema: { tags, summary: '联席会议下达的任务', querystring: TaskQuery } }, async (req) => {
      const { page, pageSize, ...q } = req.query as Static<typeof TaskQuery>;
      const p = pageOf({ page, pageSize });
      return { ...(await tasks.listTasks(deps.db, ctxOf(req, deps), q, p.limit, p.offset)), page: p.page, pageSize: p.pageSize };
    });
    app.post('/joint-tasks/:id/done', { schema: { tags, summary: '任务完成（需完成情况与 version）', params: IdParams, body: Done } }, async (req) => {
      return tasks.completeTask(deps.db, ctxOf(req, deps), id(req), req.body as Static<typeof Done>);
    });
    app.get('/joint-stats', { schema: { tags, summary: '联席会议统计：各级各月召开次数、协调事项、任务完成与逾期', querystring: StatsQuery } }, async (req) => {
      return tasks.jointStats(deps.db, ctxOf(req, deps), req.query as Static<typeof StatsQuery>);
    });
  };
}

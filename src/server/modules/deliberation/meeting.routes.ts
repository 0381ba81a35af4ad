import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { MEETING_FORMS, MEETING_PURPOSES, MEETING_STATUSES } from '../../../shared/deliberation.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { SIGN_IN_METHODS, WALK_IN_KINDS } from './meeting.ts';
import { DateStr, Opt, Ref, Text } from './route-schemas.ts';
import * as svc from './meeting.service.ts';
import * as votes from './vote.service.ts';

const tags = ['deliberation'];
const Form = Type.String({ maxLength: 20, description: MEETING_FORMS.join(' | ') });
const Instant = Type.String({ maxLength: 40, description: '开始时间，ISO 8601；不带时区按北京时间' });
const MemberIds = Type.Array(Ref(), { maxItems: 100, description: '受邀成员（成员库）' });
const NewMeeting = Type.Object({
  id: ClientId,
  compoundId: Ref('所属小区'),
  matterId: Opt(Ref('关联议题')),
  purpose: Type.String({ maxLength: 40, description: MEETING_PURPOSES.join(' | ') }),
  form: Form,
  title: Text(200),
  startsAt: Instant,
  place: Opt(Text(200)),
  minutes: Opt(Text(20000)),
  decisions: Opt(Text(20000)),
  invitedMemberIds: Type.Optional(MemberIds),
});
const MeetingPatch = Type.Object({
  version: Version,
  title: Type.Optional(Text(200)),
  form: Type.Optional(Form),
  startsAt: Type.Optional(Instant),
  place: Opt(Text(200)),
  minutes: Opt(Text(20000, '会议纪要')),
  decisions: Opt(Text(20000, '议定事项')),
  invitedMemberIds: Type.Optional(MemberIds),
});
const SignInBody = Type.Object({
  memberId: Type.Optional(Ref('成员库成员；临时参会者改填 name 与 kind')),
  name: Type.Optional(Text(50)),
  kind: Type.Optional(Type.String({ maxLength: 40, description: WALK_IN_KINDS.join(' | ') })),
  method: Type.Optional(Type.Union(SIGN_IN_METHODS.map((m) => Type.Literal(m)))),
});
// Strings keep areas exact; a number is read through its shortest decimal form.
const Area = Type.Union([Type.String({ maxLength: 20 }), Type.Number()], { description: '平方米，最多两位小数，如 "12345.67"' });
const Count = Type.Integer({ minimum: 0, maximum: 10_000_000 });
const VoteBody = Type.Object({
  id: ClientId,
  matterId: Opt(Ref('表决的议题；默认会议关联的议题')),
  kind: Type.Union([Type.Literal('simple'), Type.Literal('owners')], { description: 'simple 举手表决；owners 业主共同决定（民法典第二百七十八条）' }),
  eligible: Opt(Count), votesFor: Type.Optional(Count), votesAgainst: Type.Optional(Count), votesAbstain: Type.Optional(Count),
  ownersItem: Type.Optional(Type.Integer({ minimum: 1, maximum: 9, description: '共同决定事项 1–9（6–8 需四分之三）' })),
  totalArea: Type.Optional(Area), totalOwners: Type.Optional(Count), participatingArea: Type.Optional(Area), participatingOwners: Type.Optional(Count),
  yesArea: Type.Optional(Area), yesOwners: Type.Optional(Count), noArea: Type.Optional(Area), noOwners: Type.Optional(Count),
});
const ListQuery = Type.Intersect([PageQuery, Type.Object({
  regionId: Type.Optional(Ref('该区域及其下级')),
  compoundId: Type.Optional(Ref()),
  matterId: Type.Optional(Ref()),
  purpose: Type.Optional(Type.String({ maxLength: 40 })),
  form: Type.Optional(Form),
  status: Type.Optional(Type.String({ maxLength: 20, description: MEETING_STATUSES.join(' | ') })),
  from: Type.Optional(DateStr),
  to: Type.Optional(DateStr),
})]);
const VersionBody = Type.Object({ version: Version });
const CancelBody = Type.Object({ version: Version, reason: Opt(Text(500)) });

/** Meeting routes: list, schedule, edit minutes and decisions, sign-in, mark held, cancel, votes, and owner totals. */
export function meetingRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/meetings', { schema: { tags, summary: '议事会议列表', querystring: ListQuery } }, async (req) => {
      const q = req.query as Static<typeof ListQuery>;
      const p = pageOf(q);
      const { page: _p, pageSize: _s, ...f } = q;
      const r = await svc.listMeetings(deps.db, ctxOf(req, deps), f, p.limit, p.offset);
      return { ...r, page: p.page, pageSize: p.pageSize };
    });
    app.get('/meetings/:id', { schema: { tags, summary: '会议详情（签到、纪要、表决）', params: IdParams } }, async (req) => {
      return svc.getMeeting(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/meetings', { schema: { tags, summary: '安排会议（集中/座谈/线上/板凳会/炕头会）', body: NewMeeting } }, async (req, reply) => {
      const r = await svc.createMeeting(deps.db, ctxOf(req, deps), req.body as Static<typeof NewMeeting>);
      return reply.status(r.created ? 201 : 200).send(r.meeting);
    });
    app.patch('/meetings/:id', { schema: { tags, summary: '修改会议、纪要与议定事项（需 version）', params: IdParams, body: MeetingPatch } }, async (req) => {
      return svc.updateMeeting(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof MeetingPatch>);
    });
    app.post('/meetings/:id/sign-in', { schema: { tags, summary: '签到（同一成员重复签到不重复记录）', params: IdParams, body: SignInBody } }, async (req) => {
      return svc.signIn(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as svc.SignIn);
    });
    app.post('/meetings/:id/held', { schema: { tags, summary: '标记会议已召开（需纪要与至少一人签到）', params: IdParams, body: VersionBody } }, async (req) => {
      return svc.markHeld(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof VersionBody>);
    });
    app.post('/meetings/:id/cancel', { schema: { tags, summary: '取消会议（需 version）', params: IdParams, body: CancelBody } }, async (req) => {
      return svc.cancelMeeting(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof CancelBody>);
    });
    app.post('/meetings/:id/votes', { schema: { tags, summary: '记录表决结果（业主表决按民法典第二百七十八条校验“双三分之二”）', params: IdParams, body: VoteBody } }, async (req, reply) => {
      const r = await votes.recordVote(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as votes.VoteBody);
      return reply.status(r.created ? 201 : 200).send(r.vote);
    });
    app.get('/compounds/:id/owner-totals', { schema: { tags, summary: '小区房屋户数与面积合计（用于预填业主表决）', params: IdParams } }, async (req) => {
      return votes.ownerTotals(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
  };
}

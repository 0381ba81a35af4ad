import { sql, type RawBuilder } from 'kysely';
import { scopeCondition, type Db } from '../../db/database.ts';
import { OWNER_COMMITTEE_TYPES, PARTY_ORG_TYPES, type OrgType, type Post } from '../../../shared/org-types.ts';
import { ALL_BODY_TYPES, BODY_TYPES, type BodyPosition, type CrossCounts } from './cross-appointment.ts';

/** Current positions at the bodies anchored to one compound (organisations existing and positions current on `today`). */
export async function bodyPositions(db: Db, compoundId: string, today: string): Promise<BodyPosition[]> {
  const rows = await db.selectFrom('position')
    .innerJoin('org', 'org.id', 'position.org_id')
    .innerJoin('person', 'person.id', 'position.person_id')
    .select(['person.id as person_id', 'person.resident_id', 'person.name', 'person.political_status', 'person.is_owner',
      'org.id as org_id', 'org.type as org_type', 'org.name as org_name', 'position.post'])
    .where('org.compound_id', '=', compoundId)
    .where('org.type', 'in', ALL_BODY_TYPES as OrgType[])
    .where((eb) => eb.and([
      eb.or([eb('org.founded_on', 'is', null), eb('org.founded_on', '<=', today)]),
      eb.or([eb('org.dissolved_on', 'is', null), eb('org.dissolved_on', '>', today)]),
      eb.or([eb('position.start_on', 'is', null), eb('position.start_on', '<=', today)]),
      eb.or([eb('position.end_on', 'is', null), eb('position.end_on', '>=', today)]),
    ]))
    .orderBy('person.name').orderBy('org.type')
    .execute();
  return rows.map((r) => ({
    personId: r.person_id, residentId: r.resident_id, name: r.name, politicalStatus: r.political_status, isOwner: !!r.is_owner,
    orgId: r.org_id, orgType: r.org_type as OrgType, orgName: r.org_name, post: r.post as Post,
  }));
}

function list(values: readonly string[]): RawBuilder<unknown> {
  return sql`(${sql.join(values.map((v) => sql`${v}`))})`;
}

/** The three counts summed over every compound under the scopes (and under `underPath`), in one SQL statement. */
export async function crossCountsSummary(db: Db, scopes: readonly string[], underPath: string | null, today: string): Promise<CrossCounts & { crossAppointedPeople: number; compoundsWithCrossAppointments: number }> {
  const under = underPath ? sql`AND ${scopeCondition('o.scope_path', [underPath])}` : sql``;
  const bodyCase = sql`CASE
    WHEN o.type IN ${list(BODY_TYPES.party)} THEN 'party'
    WHEN o.type IN ${list(BODY_TYPES.committee)} THEN 'committee'
    WHEN o.type IN ${list(BODY_TYPES.property)} THEN 'property'
    ELSE 'supervisory' END`;
  const r = await sql<{ a: number; b: number; c: number; d: number; e: number }>`
    WITH ap AS (
      SELECT o.compound_id AS cid, o.type AS otype, p.post AS post, ${bodyCase} AS body,
        CASE WHEN pe.resident_id IS NULL THEN 'p:' || pe.id ELSE 'r:' || pe.resident_id END AS ident,
        pe.political_status AS ps, pe.is_owner AS owner
      FROM position p
      JOIN org o ON o.id = p.org_id
      JOIN person pe ON pe.id = p.person_id
      WHERE o.compound_id IS NOT NULL AND ${scopeCondition('o.scope_path', scopes)} ${under}
        AND o.type IN ${list(ALL_BODY_TYPES)}
        AND (o.founded_on IS NULL OR o.founded_on <= ${today}) AND (o.dissolved_on IS NULL OR o.dissolved_on > ${today})
        AND (p.start_on IS NULL OR p.start_on <= ${today}) AND (p.end_on IS NULL OR p.end_on >= ${today})
    )
    SELECT
      (SELECT COUNT(*) FROM (SELECT DISTINCT cid, ident FROM ap
         WHERE otype IN ${list(OWNER_COMMITTEE_TYPES)} AND ps IN ('01', '02') AND owner = 1) qa) AS a,
      (SELECT COUNT(*) FROM (SELECT DISTINCT x.cid, x.ident FROM ap x
         WHERE x.otype = 'property_company' AND x.post = 'project_manager' AND x.ps IN ('01', '02')
           AND EXISTS (SELECT 1 FROM ap y WHERE y.cid = x.cid AND y.ident = x.ident AND y.otype IN ${list(PARTY_ORG_TYPES)})) qb) AS b,
      (SELECT COUNT(*) FROM (SELECT DISTINCT x.cid, x.ident FROM ap x
         WHERE x.otype IN ${list(PARTY_ORG_TYPES)} AND x.post = 'secretary'
           AND EXISTS (SELECT 1 FROM ap y WHERE y.cid = x.cid AND y.ident = x.ident AND y.otype IN ${list(OWNER_COMMITTEE_TYPES)} AND y.post = 'chair')) qc) AS c,
      (SELECT COUNT(*) FROM (SELECT cid, ident FROM ap GROUP BY cid, ident HAVING COUNT(DISTINCT body) >= 2) qd) AS d,
      (SELECT COUNT(DISTINCT cid) FROM (SELECT cid, ident FROM ap GROUP BY cid, ident HAVING COUNT(DISTINCT body) >= 2) qe) AS e
  `.execute(db);
  const row = r.rows[0];
  return {
    partyMemberOwnersOnCommittees: Number(row.a), propertyHeadsOnPartyOrg: Number(row.b), secretariesChairingCommittee: Number(row.c),
    crossAppointedPeople: Number(row.d), compoundsWithCrossAppointments: Number(row.e),
  };
}

import type { FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import {
  isPost, membershipFromStatus, MEMBERSHIPS, orgCategoryOf, ORG_TYPES, postLabel, postsAllowedFor, POST_CODES,
  type Membership, type OrgType, type Post,
} from '../../../shared/org-types.ts';
import { isIsoDate } from './dates.ts';
import { problem } from './org.ts';

/** A post held by a person in an organisation for a span of time. */
export interface Position {
  id: string;
  orgId: string;
  personId: string;
  scopePath: string;
  post: Post;
  membership: Membership | null;
  partTime: boolean;
  startOn: string | null;
  endOn: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The fields that decide whether a position is acceptable. */
export interface PositionCheckInput {
  orgType: OrgType;
  personPoliticalStatus: string | null;
  post: string;
  /** undefined: derive from the person's political status. */
  membership?: string | null;
  startOn: string | null;
  endOn: string | null;
}

/** Checks a position against its organisation's type and the holder; returns the membership to store. */
export function checkPosition(i: PositionCheckInput): { problems: FieldProblem[]; membership: Membership | null } {
  const problems: FieldProblem[] = [];
  const typeLabel = ORG_TYPES.find((t) => t.code === i.orgType)!;
  if (!isPost(i.post)) problems.push(fieldProblem('post', 'NOT_IN_LIST', { allowed: POST_CODES.join(', ') }));
  else {
    const allowed = postsAllowedFor(i.orgType);
    if (!allowed.includes(i.post)) {
      problems.push(problem(
        'post', 'POST_NOT_ALLOWED',
        `${typeLabel.zh}不设该职务；可选：${allowed.map((p) => postLabel(p, i.orgType).zh).join('、')}`,
        `A ${typeLabel.en.toLowerCase()} has no such post; choose one of: ${allowed.join(', ')}`,
      ));
    }
  }
  let membership: Membership | null = null;
  if (orgCategoryOf(i.orgType) === 'party') {
    if (i.membership != null) {
      if ((MEMBERSHIPS as readonly string[]).includes(i.membership)) membership = i.membership as Membership;
      else problems.push(fieldProblem('membership', 'NOT_IN_LIST', { allowed: MEMBERSHIPS.join(', ') }));
    } else {
      membership = membershipFromStatus(i.personPoliticalStatus);
      if (!membership) {
        problems.push(problem('personId', 'NOT_PARTY_MEMBER', '该人员的政治面貌不是中共党员或预备党员，不能在党组织任职', 'This person is not a CPC member or probationary member, so cannot hold a party post'));
      }
    }
  } else if (i.membership != null) {
    problems.push(problem('membership', 'MEMBERSHIP_NOT_APPLICABLE', '只有党组织的职务才填写正式/预备党员', 'Full or probationary membership applies only to party organisations'));
  }
  if (i.startOn && !isIsoDate(i.startOn)) problems.push(fieldProblem('startOn', 'NOT_A_DATE'));
  if (i.endOn && !isIsoDate(i.endOn)) problems.push(fieldProblem('endOn', 'NOT_A_DATE'));
  if (i.startOn && i.endOn && isIsoDate(i.startOn) && isIsoDate(i.endOn) && i.endOn < i.startOn) problems.push(fieldProblem('endOn', 'DATE_ORDER'));
  return { problems, membership };
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../graphql/auth.js';
import { assertCoordinator } from '../../graphql/context.js';
import { DomainError, UserErrorCode, userError, type UserError } from '../../graphql/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { findProgramme } from '../programme/programme.service.js';
import type { Programme } from '../programme/programme.entity.js';
import { DEFAULT_ENGAGEMENT_POLICY, EngagementPolicy, type EngagementPolicyValues } from './reminder.entity.js';

export type EngagementPolicyPatch = { [K in keyof EngagementPolicyValues]?: number | null };

/** The policy a programme runs on: its own row, or the defaults (unsaved). */
export function policyOrDefault(programme: Programme, row: EngagementPolicy | null | undefined): EngagementPolicy {
  if (row) return row;
  const p = new EngagementPolicy();
  p.programme = programme;
  Object.assign(p, DEFAULT_ENGAGEMENT_POLICY);
  return p;
}

const LIMITS: Record<keyof EngagementPolicyPatch, [number, number]> = {
  remindMentorAfterDays: [1, 60],
  escalateRequestAfterDays: [1, 90],
  checkInGraceDays: [0, 60],
  proposalReminderAfterDays: [1, 60],
  endingSoonDays: [1, 120],
};

export async function setEngagementPolicy(em: EntityManager, viewer: Viewer, input: EngagementPolicyPatch & { programmeId: string }, now: Date): Promise<{ programme: Programme; policy: EngagementPolicy }> {
  assertCoordinator(viewer);
  const programme = await findProgramme(em, viewer, input.programmeId);
  const existing = await em.findOne(EngagementPolicy, { programme });
  const next: EngagementPolicyValues = { ...DEFAULT_ENGAGEMENT_POLICY, ...(existing ? pick(existing) : {}) };
  const errors: UserError[] = [];
  for (const key of Object.keys(LIMITS) as (keyof EngagementPolicyPatch)[]) {
    const value = input[key];
    if (value == null) continue;
    const [min, max] = LIMITS[key];
    if (!Number.isInteger(value) || value < min || value > max) errors.push(userError(UserErrorCode.INVALID_INPUT, `Must be a whole number from ${min} to ${max}.`, ['input', key]));
    else next[key] = value;
  }
  if (next.escalateRequestAfterDays <= next.remindMentorAfterDays) {
    errors.push(userError(UserErrorCode.INVALID_INPUT, 'Escalate to coordinators after the mentor was reminded: more days than `remindMentorAfterDays`.', ['input', 'escalateRequestAfterDays']));
  }
  if (next.escalateRequestAfterDays >= programme.policy.requestExpiryDays) {
    errors.push(userError(UserErrorCode.INVALID_INPUT, `Requests expire after ${programme.policy.requestExpiryDays} days: escalate before that.`, ['input', 'escalateRequestAfterDays']));
  }
  if (errors.length) throw DomainError.of(errors);
  const policy = existing ?? em.create(EngagementPolicy, { organization: viewer.organizationId, programme });
  Object.assign(policy, next);
  recordAudit(em, { organizationId: viewer.organizationId, actorId: viewer.personId, action: 'programme.engagement_policy_set', subjectType: 'Programme', subjectId: programme.id, after: { ...next }, at: now });
  await em.flush();
  return { programme, policy };
}

function pick(p: EngagementPolicy): EngagementPolicyValues {
  return {
    remindMentorAfterDays: p.remindMentorAfterDays,
    escalateRequestAfterDays: p.escalateRequestAfterDays,
    checkInGraceDays: p.checkInGraceDays,
    proposalReminderAfterDays: p.proposalReminderAfterDays,
    endingSoonDays: p.endingSoonDays,
  };
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../graphql/auth.js';
import { DomainError, UserErrorCode, userError, type UserError } from '../../graphql/errors.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { MatchingPolicy, Programme, ScoreWeights } from './programme.entity.js';
import { ProgrammeKind, ProgrammeStatus } from './programme.enums.js';
import type { CreateProgrammeInput, MatchingPolicyInput, UpdateProgrammeInput } from './programme.inputs.js';
import { recordAudit, type AuditState } from '../audit/audit.service.js';

const ALLOWED_STATUS: Record<ProgrammeStatus, ProgrammeStatus[]> = {
  DRAFT: [ProgrammeStatus.OPEN, ProgrammeStatus.CLOSED],
  OPEN: [ProgrammeStatus.ACTIVE, ProgrammeStatus.CLOSED, ProgrammeStatus.DRAFT],
  ACTIVE: [ProgrammeStatus.CLOSED, ProgrammeStatus.OPEN],
  CLOSED: [],
};

export function defaultDurationMonths(kind: ProgrammeKind): number {
  return kind === ProgrammeKind.MENTORING ? 9 : kind === ProgrammeKind.COACHING ? 4 : 6;
}

function intIn(errors: UserError[], value: number | null | undefined, min: number, max: number, field: string[]): void {
  if (value == null) return;
  if (!Number.isInteger(value) || value < min || value > max) errors.push(userError(UserErrorCode.INVALID_INPUT, `Must be a whole number from ${min} to ${max}.`, field));
}

function numIn(errors: UserError[], value: number | null | undefined, min: number, max: number, field: string[]): void {
  if (value == null) return;
  if (!Number.isFinite(value) || value < min || value > max) errors.push(userError(UserErrorCode.INVALID_INPUT, `Must be a number from ${min} to ${max}.`, field));
}

/** Apply a policy patch to a copy, validating the result as a whole (cross-field rules included). */
export function applyPolicy(kind: ProgrammeKind, current: MatchingPolicy, patch: MatchingPolicyInput | null | undefined, errors: UserError[]): MatchingPolicy {
  const base = ['input', 'policy'];
  const next = Object.assign(new MatchingPolicy(), current, { weights: Object.assign(new ScoreWeights(), current.weights) });
  if (!patch) return next;
  const w = patch.weights;
  if (w) {
    for (const key of ['experience', 'goals', 'reach', 'practical'] as const) {
      const v = w[key];
      if (v == null) continue;
      numIn(errors, v, 0, 100, [...base, 'weights', key]);
      next.weights[key] = v;
    }
  }
  intIn(errors, patch.idealLevelGap, 0, 9, [...base, 'idealLevelGap']);
  intIn(errors, patch.minLevelGap, 0, 9, [...base, 'minLevelGap']);
  numIn(errors, patch.minScore, 0, 100, [...base, 'minScore']);
  intIn(errors, patch.defaultMentorCapacity, 1, 20, [...base, 'defaultMentorCapacity']);
  intIn(errors, patch.requestExpiryDays, 1, 90, [...base, 'requestExpiryDays']);
  intIn(errors, patch.maxPendingRequests, 1, 10, [...base, 'maxPendingRequests']);
  for (const key of ['idealLevelGap', 'minLevelGap', 'minScore', 'defaultMentorCapacity', 'requiresApproval', 'menteesMayRequest', 'allowChainOfCommand', 'requestExpiryDays', 'maxPendingRequests'] as const) {
    const v = patch[key];
    if (v != null) (next as unknown as Record<string, unknown>)[key] = v;
  }
  const { experience, goals, reach, practical } = next.weights;
  if (experience + goals + reach + practical <= 0) errors.push(userError(UserErrorCode.INVALID_INPUT, 'At least one weight must be above zero.', [...base, 'weights']));
  if (next.minLevelGap > next.idealLevelGap) errors.push(userError(UserErrorCode.INVALID_INPUT, 'The minimum level gap cannot exceed the ideal gap.', [...base, 'minLevelGap']));
  if (next.allowChainOfCommand && kind !== ProgrammeKind.COACHING) {
    errors.push(userError(UserErrorCode.INVALID_INPUT, 'Only coaching programmes may allow pairs inside the chain of command.', [...base, 'allowChainOfCommand']));
  }
  return next;
}

function checkText(errors: UserError[], value: string | null | undefined, max: number, field: string[], required = false): void {
  if (value == null) {
    if (required) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Required.', field));
    return;
  }
  if (value.trim().length === 0 && required) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Must not be blank.', field));
  if (value.length > max) errors.push(userError(UserErrorCode.INVALID_INPUT, `At most ${max} characters.`, field));
  if (value.includes('\u0000')) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Must not contain NUL characters.', field));
}

/** What the audit trail keeps of a programme: its set-up and policy, flattened (no free text but the name). */
function programmeState(p: Programme): AuditState {
  const { policy } = p;
  return {
    name: p.name,
    kind: p.kind,
    status: p.status,
    expectedDurationMonths: p.expectedDurationMonths,
    checkInCadenceDays: p.checkInCadenceDays,
    minScore: policy.minScore,
    idealLevelGap: policy.idealLevelGap,
    minLevelGap: policy.minLevelGap,
    defaultMentorCapacity: policy.defaultMentorCapacity,
    requiresApproval: policy.requiresApproval,
    menteesMayRequest: policy.menteesMayRequest,
    allowChainOfCommand: policy.allowChainOfCommand,
    weightExperience: policy.weights.experience,
    weightGoals: policy.weights.goals,
    weightReach: policy.weights.reach,
    weightPractical: policy.weights.practical,
  };
}

export async function createProgramme(em: EntityManager, viewer: Viewer, input: CreateProgrammeInput, now: Date = new Date()): Promise<Programme> {
  const errors: UserError[] = [];
  checkText(errors, input.name, 200, ['input', 'name'], true);
  checkText(errors, input.description, 5000, ['input', 'description']);
  intIn(errors, input.expectedDurationMonths, 1, 36, ['input', 'expectedDurationMonths']);
  intIn(errors, input.checkInCadenceDays, 1, 90, ['input', 'checkInCadenceDays']);
  const defaults = new MatchingPolicy();
  if (input.kind === ProgrammeKind.PEER) {
    defaults.minLevelGap = 0;
    defaults.idealLevelGap = 0;
  }
  const policy = applyPolicy(input.kind, defaults, input.policy, errors);
  if (errors.length) throw DomainError.of(errors);
  const programme = em.create(Programme, {
    organization: viewer.organizationId,
    name: input.name.trim(),
    description: input.description ?? '',
    kind: input.kind,
    expectedDurationMonths: input.expectedDurationMonths ?? defaultDurationMonths(input.kind),
    checkInCadenceDays: input.checkInCadenceDays ?? 14,
    policy,
  });
  recordAudit(em, { organizationId: viewer.organizationId, actorId: viewer.personId, action: 'programme.created', subjectType: 'Programme', subjectId: programme.id, after: programmeState(programme), at: now });
  await em.flush();
  return programme;
}

export async function findProgramme(em: EntityManager, viewer: Viewer, globalId: string, field: string[] = ['input', 'programmeId']): Promise<Programme> {
  const id = fromGlobalIdOf(globalId, 'Programme');
  if (!id) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Not a Programme ID.', field);
  const programme = await em.findOne(Programme, { id, organization: viewer.organizationId });
  if (!programme) throw new DomainError(UserErrorCode.NOT_FOUND, 'No such programme in your organisation.', field);
  return programme;
}

export async function updateProgramme(em: EntityManager, viewer: Viewer, input: UpdateProgrammeInput, now: Date = new Date()): Promise<Programme> {
  const programme = await findProgramme(em, viewer, input.programmeId);
  const before = programmeState(programme);
  const errors: UserError[] = [];
  checkText(errors, input.name, 200, ['input', 'name']);
  if (input.name != null && input.name.trim() === '') errors.push(userError(UserErrorCode.INVALID_INPUT, 'Must not be blank.', ['input', 'name']));
  checkText(errors, input.description, 5000, ['input', 'description']);
  intIn(errors, input.expectedDurationMonths, 1, 36, ['input', 'expectedDurationMonths']);
  intIn(errors, input.checkInCadenceDays, 1, 90, ['input', 'checkInCadenceDays']);
  if (input.status != null && input.status !== programme.status && !ALLOWED_STATUS[programme.status as ProgrammeStatus].includes(input.status)) {
    errors.push(userError(UserErrorCode.ILLEGAL_TRANSITION, `A ${programme.status} programme cannot become ${input.status}.`, ['input', 'status']));
  }
  const policy = applyPolicy(programme.kind, programme.policy, input.policy, errors);
  if (errors.length) throw DomainError.of(errors);
  if (input.name != null) programme.name = input.name.trim();
  if (input.description != null) programme.description = input.description;
  if (input.status != null) programme.status = input.status;
  if (input.expectedDurationMonths != null) programme.expectedDurationMonths = input.expectedDurationMonths;
  if (input.checkInCadenceDays != null) programme.checkInCadenceDays = input.checkInCadenceDays;
  programme.policy = policy;
  recordAudit(em, { organizationId: viewer.organizationId, actorId: viewer.personId, action: 'programme.updated', subjectType: 'Programme', subjectId: programme.id, before, after: programmeState(programme), at: now });
  await em.flush();
  return programme;
}

/** Plain-language warnings a coordinator should see about a programme's set-up. */
export function programmeWarnings(p: Programme): string[] {
  const warnings: string[] = [];
  if (p.kind === ProgrammeKind.MENTORING && p.expectedDurationMonths < 6) warnings.push(`Mentoring relationships of ${p.expectedDurationMonths} months rarely build enough trust; 9–12 months is typical.`);
  if (p.kind === ProgrammeKind.MENTORING && p.expectedDurationMonths > 18) warnings.push(`Mentoring relationships longer than 18 months risk dependency; consider ${p.expectedDurationMonths} → 12.`);
  if (p.kind === ProgrammeKind.COACHING && p.expectedDurationMonths > 6) warnings.push('Coaching is usually 3–6 months and skill-focused.');
  if (p.checkInCadenceDays > 31) warnings.push('Check-ins less than monthly make it hard to notice a stalled relationship.');
  return warnings;
}

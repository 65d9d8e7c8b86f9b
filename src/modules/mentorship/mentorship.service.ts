import { randomUUID } from 'node:crypto';
import { markActive } from '../person/person.service.js';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../graphql/auth.js';
import { isCoordinator } from '../../graphql/context.js';
import { DomainError, UserErrorCode, badUserInput, userError, type UserError } from '../../graphql/errors.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { decodeCursor, encodeCursor, pageSize, toConnection, type ConnectionShape } from '../../graphql/connection.js';
import { recordAudit, type AuditState } from '../audit/audit.service.js';
import { Enrollment, EnrollmentRole } from '../enrollment/enrollment.entity.js';
import { DevelopmentGoal, GoalStatus } from '../goal/goal.entity.js';
import type { MatchProposal } from '../matching/match-proposal.entity.js';
import { Person } from '../person/person.entity.js';
import { resolvePerson } from '../person/person.service.js';
import type { Programme } from '../programme/programme.entity.js';
import { ProgrammeStatus } from '../programme/programme.enums.js';
import { Skill } from '../skill/skill.entity.js';
import { CheckIn, PulseSurvey, SkillAssessment, SupportFlag } from './check-in.entity.js';
import { Mentorship, type Agreement, type PauseInterval } from './mentorship.entity.js';
import { mentorshipRecordFromRow, type MentorshipRecord, type MentorshipRow } from './mentorship.record.js';
import { AssessmentSource, MentorshipStatus, ParticipantRole } from './mentorship.enums.js';
import type {
  CompleteMentorshipInput,
  EndMentorshipEarlyInput,
  LogCheckInInput,
  MentorshipTransitionInput,
  RaiseSupportFlagInput,
  RecordSkillAssessmentInput,
  ResolveSupportFlagsInput,
  SignAgreementInput,
  SubmitClosingReflectionInput,
  SubmitPulseInput,
} from './mentorship.inputs.js';

export const LIVE_STATUSES: readonly MentorshipStatus[] = [MentorshipStatus.ACTIVE, MentorshipStatus.PAUSED];
/** An exit pulse may be answered this long after the end. */
export const EXIT_PULSE_DAYS = 30;
/** One pulse per participant per this many hours: the latest answer counts, so more would only be noise. */
const PULSE_MIN_INTERVAL_HOURS = 20;
const DAY_MS = 86_400_000;
/** Clock skew tolerated for "not in the future" checks. */
const FUTURE_TOLERANCE_MS = 60_000;

export function isLive(m: Pick<Mentorship, 'status'>): boolean {
  return m.status === MentorshipStatus.ACTIVE || m.status === MentorshipStatus.PAUSED;
}

/** Which side of the mentorship a person is on, or null when they are not in it. */
export function sideOf(m: { mentor: { id: string }; mentee: { id: string } }, personId: string): ParticipantRole | null {
  if (m.mentor.id === personId) return ParticipantRole.MENTOR;
  if (m.mentee.id === personId) return ParticipantRole.MENTEE;
  return null;
}

/** Participants and coordinators of the organisation see a mentorship; nobody else knows it exists. */
export function canSeeMentorship(viewer: Viewer, m: { mentor: { id: string }; mentee: { id: string } }): boolean {
  return sideOf(m, viewer.personId) !== null || isCoordinator(viewer);
}

/** Calendar months later, in UTC, clamping the day (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsUtc(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()));
}

/** Paused milliseconds so far (an open pause runs to `now`). */
export function pausedMs(pauses: readonly PauseInterval[], now: Date): number {
  let total = 0;
  for (const p of pauses) {
    const from = Date.parse(p.from);
    const to = p.to === null ? now.getTime() : Date.parse(p.to);
    if (to > from) total += to - from;
  }
  return total;
}

function mentorshipState(m: Mentorship): AuditState {
  return { status: m.status, version: m.version };
}

// ---------------------------------------------------------------------------------------------
// Start (called by the approval workflow)

export interface StartMentorshipArgs {
  organizationId: string;
  /** The programme, loaded in the same transaction. */
  programme: Programme;
  mentorId: string;
  menteeId: string;
  /** The approved proposal this mentorship comes from, if any. */
  proposal?: MatchProposal | null;
  now: Date;
  /** A coordinator's explicit override of the mentor's capacity. */
  allowOverCapacity: boolean;
  /** Who approved it (audit); null for the system. */
  actorId: string | null;
}

/**
 * Start a mentorship. MUST be called inside a transaction (`em.transactional`), and the caller must
 * roll back when it throws: the checks below are only sound together with the row lock they take.
 *
 * Concurrency, in order:
 * 1. The mentor's MENTOR enrolment row is locked (`SELECT … FOR UPDATE`), so approvals for the
 *    same mentor run one at a time; the live count below then sees every committed approval.
 * 2. Live (ACTIVE/PAUSED) mentorships of the mentor in the programme are counted against the
 *    enrolment's capacity → NO_CAPACITY, unless `allowOverCapacity`.
 * 3. A mentee with a live mentorship in the programme → ALREADY_MATCHED. Two approvals of the same
 *    mentee with different mentors lock different rows, so the partial unique index
 *    `mentorship_one_live_per_mentee` has the last word: the insert uses `ON CONFLICT DO NOTHING`
 *    on it (waiting for a concurrent insert to commit), and "nothing inserted" is ALREADY_MATCHED.
 *    Unlike catching a unique violation, this leaves the caller's transaction usable.
 *
 * Expected failures are `DomainError`s: NOT_FOUND, SAME_PERSON, PROGRAMME_CLOSED, NOT_ENROLLED,
 * NO_CAPACITY, ALREADY_MATCHED. The mentorship and its audit event are flushed before returning.
 */
export async function startMentorship(em: EntityManager, args: StartMentorshipArgs): Promise<Mentorship> {
  if (!em.isInTransaction()) throw new Error('startMentorship must run inside a transaction (em.transactional)');
  const { organizationId, programme, mentorId, menteeId, now } = args;
  if (programme.organization.id !== organizationId) throw new DomainError(UserErrorCode.NOT_FOUND, 'No such programme in your organisation.');
  if (mentorId === menteeId) throw new DomainError(UserErrorCode.SAME_PERSON, 'A person cannot mentor themselves.');
  if (programme.status === ProgrammeStatus.DRAFT || programme.status === ProgrammeStatus.CLOSED) {
    throw new DomainError(UserErrorCode.PROGRAMME_CLOSED, `The programme is ${programme.status.toLowerCase()}; relationships cannot start in it.`);
  }

  const mentorEnrollment = await em.findOne(
    Enrollment,
    { organization: organizationId, programme: programme.id, person: mentorId, role: EnrollmentRole.MENTOR },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!mentorEnrollment) throw new DomainError(UserErrorCode.NOT_ENROLLED, 'The mentor is not enrolled as a mentor in this programme.');
  const menteeEnrolled = await em.count(Enrollment, { organization: organizationId, programme: programme.id, person: menteeId, role: EnrollmentRole.MENTEE });
  if (menteeEnrolled === 0) throw new DomainError(UserErrorCode.NOT_ENROLLED, 'The mentee is not enrolled as a mentee in this programme.');

  const live = await em.count(Mentorship, { programme: programme.id, mentor: mentorId, status: { $in: [...LIVE_STATUSES] } });
  if (live >= mentorEnrollment.capacity && !args.allowOverCapacity) {
    throw new DomainError(UserErrorCode.NO_CAPACITY, `The mentor already has ${live} of ${mentorEnrollment.capacity} mentees in this programme.`);
  }
  const alreadyMatched = await em.count(Mentorship, { programme: programme.id, mentee: menteeId, status: { $in: [...LIVE_STATUSES] } });
  if (alreadyMatched > 0) throw new DomainError(UserErrorCode.ALREADY_MATCHED, 'The mentee already has a mentor in this programme.');

  const expectedEndAt = addMonthsUtc(now, programme.expectedDurationMonths);
  const id = randomUUID();
  const rows: Record<string, unknown>[] = await em.getConnection().execute(
    `insert into "mentorship" ("id", "created_at", "updated_at", "organization_id", "programme_id", "mentor_id", "mentee_id", "proposal_id",
                               "status", "agreement", "started_at", "expected_end_at", "pauses", "version")
     values (?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', null, ?, ?, '[]'::jsonb, 1)
     on conflict ("programme_id", "mentee_id") where "status" in ('ACTIVE', 'PAUSED') do nothing
     returning *`,
    [id, now, now, organizationId, programme.id, mentorId, menteeId, args.proposal?.id ?? null, now, expectedEndAt],
    'all',
    em.getTransactionContext(),
  );
  const row = rows[0];
  if (!row) throw new DomainError(UserErrorCode.ALREADY_MATCHED, 'The mentee already has a mentor in this programme.');
  const mentorship = em.map(Mentorship, row);
  recordAudit(em, {
    organizationId,
    actorId: args.actorId,
    action: 'mentorship.started',
    subjectType: 'Mentorship',
    subjectId: mentorship.id,
    before: null,
    after: {
      status: mentorship.status,
      programmeId: programme.id,
      mentorId,
      menteeId,
      proposalId: args.proposal?.id ?? null,
      expectedEndAt: expectedEndAt.toISOString(),
      overCapacity: live >= mentorEnrollment.capacity,
    },
    at: now,
  });
  await em.flush();
  return mentorship;
}

// ---------------------------------------------------------------------------------------------
// Finding and checking

interface Found {
  mentorship: Mentorship;
  /** The viewer's side, or null for a coordinator who is not in it. */
  side: ParticipantRole | null;
}

/**
 * The mentorship an input names, as the viewer may act on it. Someone who may not see it is told
 * it does not exist (its existence is private too).
 */
export async function findMentorship(em: EntityManager, viewer: Viewer, globalId: string, opts: { participantOnly?: boolean } = {}): Promise<Found> {
  const field = ['input', 'mentorshipId'];
  const id = fromGlobalIdOf(globalId, 'Mentorship');
  if (!id) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Not a Mentorship ID.', field);
  const mentorship = await em.findOne(Mentorship, { id, organization: viewer.organizationId });
  if (!mentorship || !canSeeMentorship(viewer, mentorship)) throw new DomainError(UserErrorCode.NOT_FOUND, 'No such mentorship.', field);
  const side = sideOf(mentorship, viewer.personId);
  if (opts.participantOnly && side === null) throw new DomainError(UserErrorCode.FORBIDDEN, 'Only the mentor and the mentee may do this.', field);
  return { mentorship, side };
}

function checkVersion(m: Mentorship, expected: number | null | undefined): void {
  if (expected != null && expected !== m.version) {
    throw new DomainError(UserErrorCode.CONFLICT, `The mentorship was changed meanwhile (version ${m.version}, you had ${expected}). Reload it and try again.`, ['input', 'expectedVersion']);
  }
}

function statusLabel(status: MentorshipStatus): string {
  return status === MentorshipStatus.ENDED_EARLY ? 'ended early' : status.toLowerCase();
}

function requireStatus(m: Mentorship, allowed: readonly MentorshipStatus[], action: string): void {
  if (!allowed.includes(m.status)) {
    throw new DomainError(UserErrorCode.ILLEGAL_TRANSITION, `The mentorship is ${statusLabel(m.status)}; it cannot be ${action}.`, ['input', 'mentorshipId']);
  }
}

function text(errors: UserError[], value: string | null | undefined, max: number, field: string[], required = false): void {
  if (value == null) {
    if (required) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Required.', field));
    return;
  }
  if (required && value.trim() === '') errors.push(userError(UserErrorCode.INVALID_INPUT, 'Must not be blank.', field));
  if (value.length > max) errors.push(userError(UserErrorCode.INVALID_INPUT, `At most ${max} characters.`, field));
  if (value.includes('\u0000')) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Must not contain NUL characters.', field));
}

function intIn(errors: UserError[], value: number, min: number, max: number, field: string[]): void {
  if (!Number.isInteger(value) || value < min || value > max) errors.push(userError(UserErrorCode.INVALID_INPUT, `Must be a whole number from ${min} to ${max}.`, field));
}

function notFuture(errors: UserError[], at: Date, now: Date, field: string[]): void {
  if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Must not be in the future.', field));
}

function blankToNull(value: string | null | undefined): string | null {
  return value == null || value.trim() === '' ? null : value.trim();
}

/** Goals of the mentee named by global IDs; each must exist and be theirs. */
async function menteeGoals(em: EntityManager, m: Mentorship, globalIds: readonly string[], field: string[], errors: UserError[]): Promise<DevelopmentGoal[]> {
  const ids = globalIds.map((g) => fromGlobalIdOf(g, 'DevelopmentGoal'));
  if (ids.some((id) => id === null)) {
    errors.push(userError(UserErrorCode.INVALID_INPUT, 'Not a DevelopmentGoal ID.', field));
    return [];
  }
  const unique = [...new Set(ids as string[])];
  if (unique.length === 0) return [];
  const goals = await em.find(DevelopmentGoal, { id: { $in: unique }, organization: m.organization.id, person: m.mentee.id });
  if (goals.length !== unique.length) errors.push(userError(UserErrorCode.NOT_FOUND, 'Every goal must be one of the mentee\'s own goals.', field));
  return goals;
}

// ---------------------------------------------------------------------------------------------
// Agreement

function sameTerms(a: Agreement, goalIds: readonly string[], cadenceDays: number, format: string): boolean {
  const current = [...a.goalIds].sort();
  const next = [...goalIds].sort();
  return a.cadenceDays === cadenceDays && a.format === format && current.length === next.length && current.every((id, i) => id === next[i]);
}

/**
 * A participant signs the agreement. Signing the terms on the table adds the signature; signing
 * different terms replaces them and clears the other side's signature (they must sign again).
 */
export async function signAgreement(em: EntityManager, viewer: Viewer, input: SignAgreementInput, now: Date): Promise<Mentorship> {
  const { mentorship, side } = await findMentorship(em, viewer, input.mentorshipId, { participantOnly: true });
  checkVersion(mentorship, input.expectedVersion);
  requireStatus(mentorship, LIVE_STATUSES, 'signed');
  const errors: UserError[] = [];
  if (input.confidentialityAcknowledged !== true) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Both participants must acknowledge confidentiality.', ['input', 'confidentialityAcknowledged']));
  intIn(errors, input.cadenceDays, 1, 90, ['input', 'cadenceDays']);
  if (input.goalIds.length > 10) errors.push(userError(UserErrorCode.INVALID_INPUT, 'At most 10 goals.', ['input', 'goalIds']));
  const goals = await menteeGoals(em, mentorship, input.goalIds.slice(0, 10), ['input', 'goalIds'], errors);
  if (goals.some((g) => g.status === GoalStatus.ABANDONED)) errors.push(userError(UserErrorCode.INVALID_INPUT, 'An abandoned goal cannot be in scope; reactivate it first.', ['input', 'goalIds']));
  if (errors.length) throw DomainError.of(errors);

  const goalIds = goals.map((g) => g.id).sort();
  const before = mentorship.agreement ?? null;
  const signedAt = now.toISOString();
  let next: Agreement;
  if (before && sameTerms(before, goalIds, input.cadenceDays, input.format)) {
    const mine = side === ParticipantRole.MENTOR ? before.signedByMentorAt : before.signedByMenteeAt;
    if (mine) throw new DomainError(UserErrorCode.ILLEGAL_TRANSITION, 'You have already signed these terms.', ['input', 'mentorshipId']);
    next = { ...before, ...(side === ParticipantRole.MENTOR ? { signedByMentorAt: signedAt } : { signedByMenteeAt: signedAt }) };
  } else {
    next = {
      goalIds,
      cadenceDays: input.cadenceDays,
      format: input.format,
      confidentialityAcknowledged: true,
      signedByMentorAt: side === ParticipantRole.MENTOR ? signedAt : null,
      signedByMenteeAt: side === ParticipantRole.MENTEE ? signedAt : null,
    };
  }
  mentorship.agreement = next;
  recordAudit(em, {
    organizationId: viewer.organizationId,
    actorId: viewer.personId,
    action: 'mentorship.agreement_signed',
    subjectType: 'Mentorship',
    subjectId: mentorship.id,
    before: { ...mentorshipState(mentorship), ...agreementState(before) },
    after: { ...mentorshipState(mentorship), version: mentorship.version + 1, ...agreementState(next) },
    at: now,
  });
  await em.flush();
  await markActive(em, viewer.personId, now);
  return mentorship;
}

function agreementState(a: Agreement | null): AuditState {
  if (!a) return { agreement: null };
  return { goalIds: a.goalIds, cadenceDays: a.cadenceDays, format: a.format, signedByMentor: a.signedByMentorAt !== null, signedByMentee: a.signedByMenteeAt !== null };
}

// ---------------------------------------------------------------------------------------------
// Lifecycle

async function transition(
  em: EntityManager,
  viewer: Viewer,
  input: { mentorshipId: string; expectedVersion?: number | null },
  now: Date,
  spec: { from: readonly MentorshipStatus[]; verb: string; action: string; participantOnly?: boolean; validate?: (m: Mentorship, side: ParticipantRole | null, errors: UserError[]) => void; apply: (m: Mentorship, side: ParticipantRole | null) => AuditState },
): Promise<Mentorship> {
  const { mentorship, side } = await findMentorship(em, viewer, input.mentorshipId, { participantOnly: spec.participantOnly });
  checkVersion(mentorship, input.expectedVersion);
  requireStatus(mentorship, spec.from, spec.verb);
  const errors: UserError[] = [];
  spec.validate?.(mentorship, side, errors);
  if (errors.length) throw DomainError.of(errors);
  const before = mentorshipState(mentorship);
  const extra = spec.apply(mentorship, side);
  recordAudit(em, {
    organizationId: viewer.organizationId,
    actorId: viewer.personId,
    action: spec.action,
    subjectType: 'Mentorship',
    subjectId: mentorship.id,
    before,
    after: { ...mentorshipState(mentorship), version: mentorship.version + 1, ...extra },
    at: now,
  });
  // The version check in the UPDATE turns a concurrent change into OptimisticLockError → CONFLICT.
  await em.flush();
  return mentorship;
}

function closeOpenPause(m: Mentorship, now: Date): void {
  if (m.pauses.some((p) => p.to === null)) m.pauses = m.pauses.map((p) => (p.to === null ? { from: p.from, to: now.toISOString() } : p));
}

function reflectionCheck(reflection: string | null | undefined) {
  return (_m: Mentorship, side: ParticipantRole | null, errors: UserError[]) => {
    text(errors, reflection, 5000, ['input', 'reflection']);
    if (blankToNull(reflection) !== null && side === null) errors.push(userError(UserErrorCode.FORBIDDEN, 'Only participants write closing reflections.', ['input', 'reflection']));
  };
}

function setReflection(m: Mentorship, side: ParticipantRole | null, reflection: string | null | undefined): boolean {
  const value = blankToNull(reflection);
  if (value === null || side === null) return false;
  if (side === ParticipantRole.MENTOR) m.mentorReflection = value;
  else m.menteeReflection = value;
  return true;
}

export function pauseMentorship(em: EntityManager, viewer: Viewer, input: MentorshipTransitionInput, now: Date): Promise<Mentorship> {
  return transition(em, viewer, input, now, {
    from: [MentorshipStatus.ACTIVE],
    verb: 'paused',
    action: 'mentorship.paused',
    apply: (m) => {
      m.status = MentorshipStatus.PAUSED;
      m.pauses = [...m.pauses, { from: now.toISOString(), to: null }];
      return { pausedAt: now.toISOString() };
    },
  });
}

export function resumeMentorship(em: EntityManager, viewer: Viewer, input: MentorshipTransitionInput, now: Date): Promise<Mentorship> {
  return transition(em, viewer, input, now, {
    from: [MentorshipStatus.PAUSED],
    verb: 'resumed',
    action: 'mentorship.resumed',
    apply: (m) => {
      m.status = MentorshipStatus.ACTIVE;
      closeOpenPause(m, now);
      return { resumedAt: now.toISOString() };
    },
  });
}

export function completeMentorship(em: EntityManager, viewer: Viewer, input: CompleteMentorshipInput, now: Date): Promise<Mentorship> {
  return transition(em, viewer, input, now, {
    from: LIVE_STATUSES,
    verb: 'completed',
    action: 'mentorship.completed',
    validate: reflectionCheck(input.reflection),
    apply: (m, side) => {
      m.status = MentorshipStatus.COMPLETED;
      m.endedAt = now;
      closeOpenPause(m, now);
      const reflected = setReflection(m, side, input.reflection);
      return { endedAt: now.toISOString(), reflectionBy: reflected ? side : null };
    },
  });
}

export function endMentorshipEarly(em: EntityManager, viewer: Viewer, input: EndMentorshipEarlyInput, now: Date): Promise<Mentorship> {
  return transition(em, viewer, input, now, {
    from: LIVE_STATUSES,
    verb: 'ended',
    action: 'mentorship.ended_early',
    validate: (m, side, errors) => {
      text(errors, input.note, 2000, ['input', 'note']);
      reflectionCheck(input.reflection)(m, side, errors);
    },
    apply: (m, side) => {
      m.status = MentorshipStatus.ENDED_EARLY;
      m.endedAt = now;
      m.endReason = input.reason;
      m.endNote = blankToNull(input.note);
      closeOpenPause(m, now);
      const reflected = setReflection(m, side, input.reflection);
      return { endedAt: now.toISOString(), endReason: input.reason, reflectionBy: reflected ? side : null };
    },
  });
}

export async function submitClosingReflection(em: EntityManager, viewer: Viewer, input: SubmitClosingReflectionInput, now: Date): Promise<Mentorship> {
  const { mentorship, side } = await findMentorship(em, viewer, input.mentorshipId, { participantOnly: true });
  requireStatus(mentorship, [MentorshipStatus.COMPLETED, MentorshipStatus.ENDED_EARLY], 'reflected on until it has ended');
  const errors: UserError[] = [];
  text(errors, input.reflection, 5000, ['input', 'reflection'], true);
  if (errors.length) throw DomainError.of(errors);
  setReflection(mentorship, side, input.reflection);
  recordAudit(em, {
    organizationId: viewer.organizationId,
    actorId: viewer.personId,
    action: 'mentorship.reflection_submitted',
    subjectType: 'Mentorship',
    subjectId: mentorship.id,
    before: mentorshipState(mentorship),
    after: { ...mentorshipState(mentorship), version: mentorship.version + 1, reflectionBy: side },
    at: now,
  });
  await em.flush();
  return mentorship;
}

// ---------------------------------------------------------------------------------------------
// Check-ins, pulses, support flags

export async function logCheckIn(em: EntityManager, viewer: Viewer, input: LogCheckInInput, now: Date): Promise<{ checkIn: CheckIn; mentorship: Mentorship }> {
  const { mentorship } = await findMentorship(em, viewer, input.mentorshipId, { participantOnly: true });
  if (mentorship.status !== MentorshipStatus.ACTIVE) {
    const hint = mentorship.status === MentorshipStatus.PAUSED ? ' Resume it first.' : '';
    throw new DomainError(UserErrorCode.ILLEGAL_TRANSITION, `Check-ins are logged on active mentorships; this one is ${statusLabel(mentorship.status)}.${hint}`, ['input', 'mentorshipId']);
  }
  const errors: UserError[] = [];
  const heldAt = input.heldAt ?? now;
  notFuture(errors, heldAt, now, ['input', 'heldAt']);
  if (heldAt.getTime() < mentorship.startedAt.getTime()) errors.push(userError(UserErrorCode.INVALID_INPUT, 'The meeting cannot be before the mentorship started.', ['input', 'heldAt']));
  intIn(errors, input.durationMinutes, 5, 480, ['input', 'durationMinutes']);
  const topics = (input.topics ?? []).map((t) => t.trim());
  if (topics.length > 10) errors.push(userError(UserErrorCode.INVALID_INPUT, 'At most 10 topics.', ['input', 'topics']));
  topics.forEach((t, i) => text(errors, t, 100, ['input', 'topics', String(i)], true));
  text(errors, input.sharedNote, 5000, ['input', 'sharedNote']);
  const goals = await menteeGoals(em, mentorship, input.goalIds ?? [], ['input', 'goalIds'], errors);
  if (errors.length) throw DomainError.of(errors);
  const checkIn = em.create(CheckIn, {
    organization: viewer.organizationId,
    mentorship,
    heldAt,
    durationMinutes: input.durationMinutes,
    format: input.format,
    topics,
    goalIds: goals.map((g) => g.id),
    sharedNote: blankToNull(input.sharedNote),
    loggedBy: viewer.personId,
  });
  recordAudit(em, {
    organizationId: viewer.organizationId,
    actorId: viewer.personId,
    action: 'check_in.logged',
    subjectType: 'CheckIn',
    subjectId: checkIn.id,
    before: null,
    after: { mentorshipId: mentorship.id, heldAt: heldAt.toISOString(), durationMinutes: input.durationMinutes, format: input.format },
    at: now,
  });
  await em.flush();
  await markActive(em, viewer.personId, now);
  return { checkIn, mentorship };
}

/** A private pulse answer: the rating, "is this helping" and the text are the author's alone. */
export async function submitPulse(em: EntityManager, viewer: Viewer, input: SubmitPulseInput, now: Date): Promise<{ pulse: PulseSurvey; mentorship: Mentorship }> {
  const { mentorship, side } = await findMentorship(em, viewer, input.mentorshipId, { participantOnly: true });
  const exitWindowOver = mentorship.endedAt != null && now.getTime() - mentorship.endedAt.getTime() > EXIT_PULSE_DAYS * DAY_MS;
  if (!isLive(mentorship) && exitWindowOver) {
    throw new DomainError(UserErrorCode.ILLEGAL_TRANSITION, `The mentorship ended more than ${EXIT_PULSE_DAYS} days ago; pulses are closed.`, ['input', 'mentorshipId']);
  }
  const errors: UserError[] = [];
  intIn(errors, input.rating, 1, 5, ['input', 'rating']);
  text(errors, input.text, 5000, ['input', 'text']);
  if (errors.length) throw DomainError.of(errors);
  const recent = await em.count(PulseSurvey, { mentorship, author: viewer.personId, answeredAt: { $gt: new Date(now.getTime() - PULSE_MIN_INTERVAL_HOURS * 3_600_000) } });
  if (recent > 0) throw new DomainError(UserErrorCode.LIMIT_REACHED, 'You answered a pulse for this mentorship less than a day ago.', ['input', 'mentorshipId']);
  const pulse = em.create(PulseSurvey, {
    organization: viewer.organizationId,
    mentorship,
    author: viewer.personId,
    authorRole: side!,
    rating: input.rating,
    helping: input.helping ?? null,
    privateText: blankToNull(input.text),
    answeredAt: now,
  });
  recordAudit(em, {
    organizationId: viewer.organizationId,
    actorId: viewer.personId,
    action: 'pulse.submitted',
    subjectType: 'PulseSurvey',
    subjectId: pulse.id,
    before: null,
    // Whether a pulse was answered is shared; the answer itself is not.
    after: { mentorshipId: mentorship.id, authorRole: side },
    at: now,
  });
  await em.flush();
  await markActive(em, viewer.personId, now);
  return { pulse, mentorship };
}

export async function raiseSupportFlag(em: EntityManager, viewer: Viewer, input: RaiseSupportFlagInput, now: Date): Promise<Mentorship> {
  const { mentorship } = await findMentorship(em, viewer, input.mentorshipId, { participantOnly: true });
  if (!isLive(mentorship)) throw new DomainError(UserErrorCode.ILLEGAL_TRANSITION, 'The mentorship has ended; speak to your coordinator directly.', ['input', 'mentorshipId']);
  const errors: UserError[] = [];
  text(errors, input.note, 2000, ['input', 'note']);
  if (errors.length) throw DomainError.of(errors);
  const open = await em.count(SupportFlag, { mentorship, raisedBy: viewer.personId, resolvedAt: null });
  if (open > 0) throw new DomainError(UserErrorCode.ALREADY_EXISTS, 'You have already raised a flag; a coordinator will reach out.', ['input', 'mentorshipId']);
  const flag = em.create(SupportFlag, { organization: viewer.organizationId, mentorship, raisedBy: viewer.personId, privateText: blankToNull(input.note), raisedAt: now });
  recordAudit(em, {
    organizationId: viewer.organizationId,
    // Who raised it is as private as why: coordinators learn only that a flag exists.
    actorId: null,
    action: 'support_flag.raised',
    subjectType: 'Mentorship',
    subjectId: mentorship.id,
    before: null,
    after: { mentorshipId: mentorship.id, supportFlagId: flag.id },
    at: now,
  });
  await em.flush();
  return mentorship;
}

export async function resolveSupportFlags(em: EntityManager, viewer: Viewer, input: ResolveSupportFlagsInput, now: Date): Promise<{ mentorship: Mentorship; resolved: number }> {
  if (!isCoordinator(viewer)) throw new DomainError(UserErrorCode.FORBIDDEN, 'Only coordinators and organisation admins may do this.');
  const { mentorship } = await findMentorship(em, viewer, input.mentorshipId);
  const open = await em.find(SupportFlag, { mentorship, resolvedAt: null });
  if (open.length === 0) throw new DomainError(UserErrorCode.NOT_FOUND, 'No open support flag on this mentorship.', ['input', 'mentorshipId']);
  for (const flag of open) flag.resolvedAt = now;
  recordAudit(em, {
    organizationId: viewer.organizationId,
    actorId: viewer.personId,
    action: 'support_flag.resolved',
    subjectType: 'Mentorship',
    subjectId: mentorship.id,
    before: { openSupportFlags: open.length },
    after: { openSupportFlags: 0 },
    at: now,
  });
  await em.flush();
  return { mentorship, resolved: open.length };
}

// ---------------------------------------------------------------------------------------------
// Skill assessments

/**
 * Record a skill level. Who may assess whom is the source: yourself (SELF), someone in your chain
 * of command (MANAGER), or someone you mentor or have mentored (MENTOR).
 */
export async function recordSkillAssessment(em: EntityManager, viewer: Viewer, input: RecordSkillAssessmentInput, now: Date): Promise<SkillAssessment> {
  const person = await resolvePerson(em, viewer, input.personId, ['input', 'personId']);
  const errors: UserError[] = [];
  const skillId = fromGlobalIdOf(input.skillId, 'Skill');
  if (!skillId) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Not a Skill ID.', ['input', 'skillId']));
  intIn(errors, input.level, 1, 5, ['input', 'level']);
  const assessedAt = input.assessedAt ?? now;
  notFuture(errors, assessedAt, now, ['input', 'assessedAt']);
  if (errors.length) throw DomainError.of(errors);
  const skill = await em.findOne(Skill, { id: skillId!, organization: viewer.organizationId });
  if (!skill) throw new DomainError(UserErrorCode.NOT_FOUND, 'No such skill in your organisation.', ['input', 'skillId']);

  const forbidden = (message: string) => new DomainError(UserErrorCode.FORBIDDEN, message, ['input', 'source']);
  switch (input.source) {
    case AssessmentSource.SELF:
      if (person.id !== viewer.personId) throw forbidden('A SELF assessment is of your own skills.');
      break;
    case AssessmentSource.MANAGER:
      if (person.id === viewer.personId || !person.orgPath.includes(`/${viewer.personId}/`)) throw forbidden('Only someone in the person\'s chain of command gives a MANAGER assessment.');
      break;
    case AssessmentSource.MENTOR: {
      const mentored = await em.count(Mentorship, { organization: viewer.organizationId, mentor: viewer.personId, mentee: person.id });
      if (mentored === 0) throw forbidden('Only someone who mentors or mentored the person gives a MENTOR assessment.');
      break;
    }
  }
  const assessment = em.create(SkillAssessment, {
    organization: viewer.organizationId,
    person,
    skill,
    level: input.level,
    source: input.source,
    assessedBy: em.getReference(Person, viewer.personId),
    assessedAt,
  });
  recordAudit(em, {
    organizationId: viewer.organizationId,
    actorId: viewer.personId,
    action: 'skill_assessment.recorded',
    subjectType: 'SkillAssessment',
    subjectId: assessment.id,
    before: null,
    after: { personId: person.id, skillId: skill.id, level: input.level, source: input.source, assessedAt: assessedAt.toISOString() },
    at: now,
  });
  await em.flush();
  return assessment;
}

/**
 * The viewer's own mentorships, oldest first (keyset on started_at, id), and how many there are, as
 * read-only records:
 * ONE statement — the count and the page (limit + 1 rows) come back together, the count on every
 * row, or on a single all-null row when the page is empty.
 */
export async function viewerMentorshipsPage(
  em: EntityManager,
  viewer: Viewer,
  args: { status?: MentorshipStatus | null; role?: ParticipantRole | null; first?: number | null; after?: string | null },
): Promise<ConnectionShape<MentorshipRecord>> {
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after, ['string', 'string']) as [string, string] | null;
  const where: string[] = ['organization_id = ?'];
  const params: unknown[] = [viewer.organizationId];
  if (args.role === ParticipantRole.MENTOR) {
    where.push('mentor_id = ?');
    params.push(viewer.personId);
  } else if (args.role === ParticipantRole.MENTEE) {
    where.push('mentee_id = ?');
    params.push(viewer.personId);
  } else {
    where.push('(mentor_id = ? or mentee_id = ?)');
    params.push(viewer.personId, viewer.personId);
  }
  if (args.status) {
    where.push('status = ?');
    params.push(args.status);
  }
  let keyset = '';
  const keysetParams: unknown[] = [];
  if (after) {
    const startedAt = new Date(after[0]);
    if (Number.isNaN(startedAt.getTime()) || !/^[0-9a-f-]{36}$/.test(after[1])) throw badUserInput('"after" is not a valid cursor for this list.');
    keyset = 'and (started_at, id) > (?, ?)';
    keysetParams.push(startedAt, after[1]);
  }
  const base = `from mentorship where ${where.join(' and ')}`;
  const res = (await em.getKnex().raw(
    `select m.*, t.total
       from (select count(*)::int as total ${base}) t
       left join lateral (select * ${base} ${keyset} order by started_at, id limit ?) m on true`,
    [...params, ...params, ...keysetParams, limit + 1] as never,
  )) as { rows: ((MentorshipRow | { [K in keyof MentorshipRow]: null }) & { total: number })[] };
  const total = res.rows[0]?.total ?? 0;
  // Frozen records, not entities: nothing on this page is written, and hydrating costs more than the query.
  const rows = res.rows.flatMap((r) => (r.id === null ? [] : [mentorshipRecordFromRow(r as MentorshipRow)]));
  return toConnection(rows, limit, total, (m) => encodeCursor([m.startedAt.toISOString(), m.id]), after !== null);
}

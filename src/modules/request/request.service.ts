import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../graphql/auth.js';
import { isCoordinator } from '../../graphql/context.js';
import { DomainError, UserErrorCode, userError, type UserError } from '../../graphql/errors.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { explainPair, type PairExplanation } from '../../matching/index.js';
import { recordAudit, type AuditState } from '../audit/audit.service.js';
import { Enrollment, EnrollmentRole } from '../enrollment/enrollment.entity.js';
import { MatchProposal } from '../matching/match-proposal.entity.js';
import { ProposalSource, ProposalStatus } from '../matching/matching.enums.js';
import { buildContext, loadProgrammeData } from '../matching/programme-data.js';
import { scoringCache } from '../matching/scoring-cache.js';
import { toBreakdown, toReasons } from '../matching/suggestions.service.js';
import { Mentorship } from '../mentorship/mentorship.entity.js';
import { LIVE_STATUSES, startMentorship } from '../mentorship/mentorship.service.js';
import { Programme } from '../programme/programme.entity.js';
import { ProgrammeStatus } from '../programme/programme.enums.js';
import { findProgramme } from '../programme/programme.service.js';
import { markActive } from '../person/person.service.js';
import { query } from '../engagement/sql.js';
import { MentorRequest } from './mentor-request.entity.js';
import { DeclineReason, MentorRequestStatus } from './request.enums.js';

const DAY_MS = 86_400_000;
export const REQUEST_NOTE_MAX = 1000;

/** The request's state as audit/outbox data: IDs, status and codes, never the message or note. */
export function requestState(r: MentorRequest): AuditState {
  return {
    status: r.status,
    programmeId: r.programme.id,
    mentorId: r.mentor.id,
    menteeId: r.mentee.id,
    expiresAt: r.expiresAt.toISOString(),
    declineReason: r.declineReason ?? null,
    mentorshipId: r.mentorship?.id ?? null,
    proposalId: r.proposal?.id ?? null,
  };
}

/** Move a PENDING request to a final status and audit it (the audit also writes the outbox event). */
function close(em: EntityManager, r: MentorRequest, status: MentorRequestStatus, now: Date, actorId: string | null): void {
  const before = requestState(r);
  r.status = status;
  r.resolvedAt = now;
  recordAudit(em, {
    organizationId: r.organization.id,
    actorId,
    action: `request.${status.toLowerCase()}`,
    subjectType: 'MentorRequest',
    subjectId: r.id,
    before,
    after: requestState(r),
    at: now,
  });
}

function note(errors: UserError[], value: string | null | undefined, field: string[]): string | null {
  if (value == null || value.trim() === '') return null;
  if (value.length > REQUEST_NOTE_MAX) errors.push(userError(UserErrorCode.INVALID_INPUT, `At most ${REQUEST_NOTE_MAX} characters.`, field));
  if (value.includes('\u0000')) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Must not contain NUL characters.', field));
  return value.trim();
}

async function lockRows(em: EntityManager, sql: string, params: unknown[]): Promise<{ id: string }[]> {
  return query<{ id: string }>(em, sql, params);
}


async function liveCount(em: EntityManager, where: Record<string, unknown>): Promise<number> {
  return em.count(Mentorship, { ...where, status: { $in: [...LIVE_STATUSES] } });
}

/**
 * The hard rules and the minimum score for a pair, from a fresh load of the programme (the same
 * check `explainMatch` and `overrideMatch` make). Capacity is left out: it is checked live, under
 * the mentor's enrolment lock, when the request is accepted.
 */
async function checkPair(em: EntityManager, programme: Programme, mentorId: string, menteeId: string, field: string[]): Promise<PairExplanation> {
  const data = await loadProgrammeData(em, programme, { capacityMode: 'full' });
  const mentor = data.indexOf.get(mentorId);
  const mentee = data.indexOf.get(menteeId);
  if (mentor === undefined || mentee === undefined) throw new DomainError(UserErrorCode.NOT_FOUND, 'No such person in your organisation.', field);
  if (!data.mentees.includes(mentee)) throw new DomainError(UserErrorCode.NOT_ENROLLED, 'The mentee is not enrolled as a mentee in this programme.', field);
  if (!data.mentors.some((m) => m.person === mentor)) throw new DomainError(UserErrorCode.NOT_ENROLLED, 'That person is not enrolled as a mentor in this programme.', field);
  // Capacity is not a hard rule here (it is checked live, under lock): score the pair as if the mentor had room.
  for (const m of data.input.enrolment.mentors) if (m.person === mentor) m.capacityLeft = Math.max(1, m.capacityLeft);
  const e = explainPair(buildContext(data), mentor, mentee);
  const blocks = e.blocked.filter((b) => b.code !== 'NO_CAPACITY' && b.code !== 'NOT_ENROLLED');
  if (blocks.length) throw DomainError.of(blocks.map((b) => userError(b.code as UserErrorCode, b.message, field)));
  return e;
}

function requireOpen(programme: Programme): void {
  if (programme.status !== ProgrammeStatus.OPEN && programme.status !== ProgrammeStatus.ACTIVE) {
    throw new DomainError(UserErrorCode.PROGRAMME_CLOSED, `The programme is ${programme.status.toLowerCase()}; it does not take requests.`, ['input', 'programmeId']);
  }
}

export interface RequestMentorArgs {
  programmeId: string;
  mentorId: string;
  message?: string | null;
}

/**
 * A mentee (the viewer) asks a mentor. Checked against the hard rules and the minimum score, the
 * mentor's availability and live capacity, and the programme's limit on pending requests — the
 * limit under a lock on the mentee's enrolment, so two requests sent at once cannot both slip in.
 */
export async function requestMentor(em: EntityManager, viewer: Viewer, args: RequestMentorArgs, now: Date): Promise<MentorRequest> {
  const programme = await findProgramme(em, viewer, args.programmeId);
  requireOpen(programme);
  if (!programme.policy.menteesMayRequest) {
    throw new DomainError(UserErrorCode.FORBIDDEN, 'In this programme mentees do not choose mentors; the coordinators match everyone.', ['input', 'programmeId']);
  }
  const mentorId = fromGlobalIdOf(args.mentorId, 'Person');
  if (!mentorId) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Not a Person ID.', ['input', 'mentorId']);
  const errors: UserError[] = [];
  const message = note(errors, args.message, ['input', 'message']);
  if (errors.length) throw DomainError.of(errors);
  if (mentorId === viewer.personId) throw new DomainError(UserErrorCode.SAME_PERSON, 'You cannot ask yourself to be your mentor.', ['input', 'mentorId']);

  const menteeEnrolment = await em.findOne(Enrollment, { organization: viewer.organizationId, programme, person: viewer.personId });
  if (!menteeEnrolment || menteeEnrolment.role !== EnrollmentRole.MENTEE) {
    throw new DomainError(UserErrorCode.NOT_ENROLLED, 'You are not enrolled as a mentee in this programme.', ['input', 'programmeId']);
  }
  const mentorEnrolment = await em.findOne(Enrollment, { organization: viewer.organizationId, programme, person: mentorId });
  if (!mentorEnrolment || mentorEnrolment.role !== EnrollmentRole.MENTOR) {
    throw new DomainError(UserErrorCode.NOT_ENROLLED, 'That person is not enrolled as a mentor in this programme.', ['input', 'mentorId']);
  }
  if (!mentorEnrolment.available) throw new DomainError(UserErrorCode.NO_CAPACITY, 'This mentor is not taking mentees at the moment.', ['input', 'mentorId']);
  const e = await checkPair(em, programme, mentorId, viewer.personId, ['input', 'mentorId']);
  const minScore = programme.policy.minScore;
  if (e.score === null || e.score < minScore) {
    throw new DomainError(UserErrorCode.BELOW_MIN_SCORE, `This pair scores ${Math.round(e.score ?? 0)}, below the programme's minimum of ${minScore}.`, ['input', 'mentorId']);
  }

  return em.transactional(async (tx) => {
    // Serialises this mentee's request traffic in the programme (new requests, acceptances).
    await tx.findOne(Enrollment, { id: menteeEnrolment.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if ((await liveCount(tx, { programme: programme.id, mentee: viewer.personId })) > 0) {
      throw new DomainError(UserErrorCode.ALREADY_MATCHED, 'You already have a mentor in this programme.', ['input', 'programmeId']);
    }
    const mentorNow = await tx.findOneOrFail(Enrollment, { id: mentorEnrolment.id }, { refresh: true });
    if (!mentorNow.available) throw new DomainError(UserErrorCode.NO_CAPACITY, 'This mentor is not taking mentees at the moment.', ['input', 'mentorId']);
    const live = await liveCount(tx, { programme: programme.id, mentor: mentorId });
    if (live >= mentorNow.capacity) throw new DomainError(UserErrorCode.NO_CAPACITY, 'This mentor has no room for another mentee.', ['input', 'mentorId']);
    const pending = await tx.find(MentorRequest, { programme, mentee: viewer.personId, status: MentorRequestStatus.PENDING });
    if (pending.some((r) => r.mentor.id === mentorId)) throw new DomainError(UserErrorCode.ALREADY_EXISTS, 'You have already asked this mentor; wait for the answer.', ['input', 'mentorId']);
    const limit = programme.policy.maxPendingRequests;
    if (pending.length >= limit) {
      throw new DomainError(UserErrorCode.LIMIT_REACHED, `You may have at most ${limit} open requests in this programme; withdraw one or wait for answers.`, ['input', 'mentorId']);
    }
    const request = tx.create(MentorRequest, {
      organization: viewer.organizationId,
      programme,
      mentee: viewer.personId,
      mentor: mentorId,
      message,
      score: Math.round(e.score! * 100) / 100,
      expiresAt: new Date(now.getTime() + programme.policy.requestExpiryDays * DAY_MS),
      // The domain clock, not the wall clock: reminders and "newest first" count from here.
      createdAt: now,
      updatedAt: now,
    });
    recordAudit(tx, { organizationId: viewer.organizationId, actorId: viewer.personId, action: 'request.created', subjectType: 'MentorRequest', subjectId: request.id, after: { ...requestState(request), score: request.score }, at: now });
    await markActive(tx, viewer.personId, now);
    await tx.flush();
    return request;
  });
}

/** The request an input names, as the viewer may see it: participants and coordinators; anyone else is told it does not exist. */
export async function findRequest(em: EntityManager, viewer: Viewer, globalId: string): Promise<MentorRequest> {
  const field = ['input', 'requestId'];
  const id = fromGlobalIdOf(globalId, 'MentorRequest');
  if (!id) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Not a MentorRequest ID.', field);
  const request = await em.findOne(MentorRequest, { id, organization: viewer.organizationId });
  if (!request || !canSeeRequest(viewer, request)) throw new DomainError(UserErrorCode.NOT_FOUND, 'No such request.', field);
  return request;
}

export function canSeeRequest(viewer: Viewer, r: Pick<MentorRequest, 'mentor' | 'mentee'>): boolean {
  return r.mentor.id === viewer.personId || r.mentee.id === viewer.personId || isCoordinator(viewer);
}

const STATUS_WORD: Record<MentorRequestStatus, string> = {
  PENDING: 'pending',
  ACCEPTED: 'already accepted',
  DECLINED: 'already declined',
  EXPIRED: 'expired',
  WITHDRAWN: 'withdrawn',
  INVALIDATED: 'no longer open: the mentee was matched with another mentor first',
};

function requirePending(r: MentorRequest, verb: string): void {
  if (r.status === MentorRequestStatus.INVALIDATED) {
    throw new DomainError(UserErrorCode.ALREADY_MATCHED, `This request cannot be ${verb}: the mentee was matched with another mentor first.`, ['input', 'requestId']);
  }
  if (r.status !== MentorRequestStatus.PENDING) throw new DomainError(UserErrorCode.ILLEGAL_TRANSITION, `This request is ${STATUS_WORD[r.status as MentorRequestStatus]}; it cannot be ${verb}.`, ['input', 'requestId']);
}

/** Thrown inside the acceptance transaction when the request must be closed instead (after the rollback). */
class CloseInstead extends Error {
  constructor(
    readonly status: MentorRequestStatus.EXPIRED | MentorRequestStatus.INVALIDATED,
    readonly error: DomainError,
  ) {
    super(error.message);
  }
}

/**
 * The mentor accepts. ONE transaction, locks always taken in this order (the same order every
 * request path uses, so they queue instead of deadlocking):
 *   1. the mentee's enrolment row — serialises all request traffic of this mentee in the programme;
 *   2. every PENDING request of the mentee in the programme (and this one), in id order;
 *   3. the mentor's enrolment row (inside `startMentorship`, which counts live mentorships
 *      against capacity; the one-live-mentorship-per-mentee index has the last word).
 * Then: an APPROVED MatchProposal (source REQUEST), the mentorship, and every other pending request
 * of the mentee INVALIDATED. Two mentors accepting the same mentee at once: the second waits at
 * step 2, then finds its request INVALIDATED and gets ALREADY_MATCHED.
 *
 * A request found expired, or a mentee matched meanwhile by a coordinator, is closed (EXPIRED /
 * INVALIDATED) in a second short transaction after the first rolled back, and reported.
 */
export async function acceptRequest(em: EntityManager, viewer: Viewer, requestId: string, now: Date): Promise<{ request: MentorRequest; mentorship: Mentorship }> {
  const found = await findRequest(em, viewer, requestId);
  if (found.mentor.id !== viewer.personId) throw new DomainError(UserErrorCode.FORBIDDEN, 'Only the mentor who was asked can accept.', ['input', 'requestId']);
  requirePending(found, 'accepted');
  const programme = await em.findOneOrFail(Programme, { id: found.programme.id });
  requireOpen(programme);
  // Hard rules may have changed since the request (a ban, a rejection): checked again, outside the locks.
  const e = await checkPair(em, programme, found.mentor.id, found.mentee.id, ['input', 'requestId']);
  try {
    const accepted = await em.transactional(async (tx) => {
      await lockRows(tx, `select id from enrollment where programme_id = ? and person_id = ? and role = 'MENTEE' for update`, [programme.id, found.mentee.id]);
      await lockRows(tx, `select id from mentor_request where programme_id = ? and mentee_id = ? and (status = 'PENDING' or id = ?) order by id for update`, [programme.id, found.mentee.id, found.id]);
      const request = await tx.findOneOrFail(MentorRequest, { id: found.id }, { refresh: true });
      requirePending(request, 'accepted');
      if (request.expiresAt.getTime() <= now.getTime()) {
        throw new CloseInstead(MentorRequestStatus.EXPIRED, new DomainError(UserErrorCode.ILLEGAL_TRANSITION, 'This request has expired; it cannot be accepted.', ['input', 'requestId']));
      }
      if ((await liveCount(tx, { programme: programme.id, mentee: request.mentee.id })) > 0) {
        throw new CloseInstead(MentorRequestStatus.INVALIDATED, new DomainError(UserErrorCode.ALREADY_MATCHED, 'The mentee was matched with another mentor first; this request is closed.', ['input', 'requestId']));
      }
      const txProgramme = await tx.findOneOrFail(Programme, { id: programme.id });
      const proposal = tx.create(MatchProposal, {
        organization: viewer.organizationId,
        programme: programme.id,
        mentor: request.mentor.id,
        mentee: request.mentee.id,
        score: e.score ?? request.score,
        breakdown: toBreakdown(e.breakdown),
        reasons: toReasons(e, 6).map((r) => ({ component: r.component, text: r.text, points: r.points })),
        source: ProposalSource.REQUEST,
        status: ProposalStatus.APPROVED,
        decidedBy: viewer.personId,
        decidedAt: now,
        decisionReason: 'The mentor accepted the mentee\'s request.',
      });
      await tx.flush();
      let mentorship: Mentorship;
      try {
        mentorship = await startMentorship(tx, {
          organizationId: viewer.organizationId,
          programme: txProgramme,
          mentorId: request.mentor.id,
          menteeId: request.mentee.id,
          proposal,
          now,
          allowOverCapacity: false,
          actorId: viewer.personId,
        });
      } catch (err) {
        if (err instanceof DomainError && err.code === UserErrorCode.ALREADY_MATCHED) {
          throw new CloseInstead(MentorRequestStatus.INVALIDATED, new DomainError(UserErrorCode.ALREADY_MATCHED, 'The mentee was matched with another mentor first; this request is closed.', ['input', 'requestId']));
        }
        throw err;
      }
      request.proposal = proposal;
      request.mentorship = mentorship;
      close(tx, request, MentorRequestStatus.ACCEPTED, now, viewer.personId);
      await tx.flush();
      // The mentee's other pending requests end INVALIDATED and open proposals WITHDRAWN, as when a
      // coordinator pairs them.
      await closeOpenItemsOfMatchedMentees(tx, [mentorship.id], now);
      await markActive(tx, viewer.personId, now);
      await tx.flush();
      return { request, mentorship };
    });
    // Committed: the mentor's capacity changed, so suggestions must not serve the cached load.
    scoringCache.forgetLoad(programme.id);
    return accepted;
  } catch (err) {
    if (!(err instanceof CloseInstead)) throw err;
    await em.fork().transactional(async (tx) => {
      const r = await tx.findOne(MentorRequest, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (r && r.status === MentorRequestStatus.PENDING) close(tx, r, err.status, now, null);
      await tx.flush();
    });
    throw err.error;
  }
}

export interface DeclineArgs {
  requestId: string;
  reason: DeclineReason;
  note?: string | null;
}

export async function declineRequest(em: EntityManager, viewer: Viewer, args: DeclineArgs, now: Date): Promise<MentorRequest> {
  const found = await findRequest(em, viewer, args.requestId);
  if (found.mentor.id !== viewer.personId) throw new DomainError(UserErrorCode.FORBIDDEN, 'Only the mentor who was asked can decline.', ['input', 'requestId']);
  const errors: UserError[] = [];
  const declineNote = note(errors, args.note, ['input', 'note']);
  if (args.reason === DeclineReason.OTHER && !declineNote) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Say briefly why when the reason is OTHER.', ['input', 'note']));
  if (errors.length) throw DomainError.of(errors);
  return em.transactional(async (tx) => {
    const request = await tx.findOneOrFail(MentorRequest, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    requirePending(request, 'declined');
    request.declineReason = args.reason;
    request.declineNote = declineNote;
    close(tx, request, MentorRequestStatus.DECLINED, now, viewer.personId);
    await markActive(tx, viewer.personId, now);
    await tx.flush();
    return request;
  });
}

export async function withdrawRequest(em: EntityManager, viewer: Viewer, requestId: string, now: Date): Promise<MentorRequest> {
  const found = await findRequest(em, viewer, requestId);
  if (found.mentee.id !== viewer.personId) throw new DomainError(UserErrorCode.FORBIDDEN, 'Only the mentee who asked can withdraw a request.', ['input', 'requestId']);
  return em.transactional(async (tx) => {
    const request = await tx.findOneOrFail(MentorRequest, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    requirePending(request, 'withdrawn');
    close(tx, request, MentorRequestStatus.WITHDRAWN, now, viewer.personId);
    await markActive(tx, viewer.personId, now);
    await tx.flush();
    return request;
  });
}

/**
 * Locks a mentor's PENDING requests in a programme, in id order. Callers that then lock the
 * mentor's enrolment keep the order acceptance uses (requests before enrolments).
 */
export async function lockOpenRequestsOfMentor(tx: EntityManager, programmeId: string, mentorId: string): Promise<void> {
  await lockRows(tx, `select id from mentor_request where programme_id = ? and mentor_id = ? and status = 'PENDING' order by id for update`, [programmeId, mentorId]);
}

/** A mentor became unavailable: every PENDING request to them in the programme ends DECLINED (UNAVAILABLE). */
export async function declineOpenRequestsOfMentor(tx: EntityManager, programmeId: string, mentorId: string, now: Date, actorId: string): Promise<MentorRequest[]> {
  const open = await tx.find(MentorRequest, { programme: programmeId, mentor: mentorId, status: MentorRequestStatus.PENDING }, { orderBy: { id: 'asc' } });
  for (const r of open) {
    r.declineReason = DeclineReason.UNAVAILABLE;
    close(tx, r, MentorRequestStatus.DECLINED, now, actorId);
  }
  return open;
}

export interface SetAvailabilityArgs {
  programmeId: string;
  available: boolean;
  mentorId?: string | null;
}

/**
 * A mentor marks themselves (un)available in a programme. Going unavailable politely declines
 * every open request with reason UNAVAILABLE, in the same transaction; suggestions stop showing
 * them. Locks: the mentor's pending requests in id order, then their enrolment — requests before
 * enrolments, as acceptance does.
 */
export async function setAvailability(em: EntityManager, viewer: Viewer, args: SetAvailabilityArgs, now: Date): Promise<{ enrollment: Enrollment; declined: MentorRequest[] }> {
  const programme = await findProgramme(em, viewer, args.programmeId);
  const mentorId = args.mentorId == null ? viewer.personId : fromGlobalIdOf(args.mentorId, 'Person');
  if (!mentorId) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Not a Person ID.', ['input', 'mentorId']);
  if (mentorId !== viewer.personId && !isCoordinator(viewer)) throw new DomainError(UserErrorCode.FORBIDDEN, 'Only coordinators may change someone else\'s availability.', ['input', 'mentorId']);
  const result = await em.transactional(async (tx) => {
    await lockOpenRequestsOfMentor(tx, programme.id, mentorId);
    const enrollment = await tx.findOne(
      Enrollment,
      { organization: viewer.organizationId, programme, person: mentorId, role: EnrollmentRole.MENTOR },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!enrollment) throw new DomainError(UserErrorCode.NOT_ENROLLED, 'Not enrolled as a mentor in this programme.', ['input', 'programmeId']);
    const before = enrollment.available;
    enrollment.available = args.available;
    const declined = args.available ? [] : await declineOpenRequestsOfMentor(tx, programme.id, mentorId, now, viewer.personId);
    if (before !== args.available) {
      recordAudit(tx, {
        organizationId: viewer.organizationId,
        actorId: viewer.personId,
        action: 'enrollment.availability_changed',
        subjectType: 'Enrollment',
        subjectId: enrollment.id,
        before: { available: before },
        after: { available: args.available, declinedRequests: declined.length },
        at: now,
      });
    }
    if (mentorId === viewer.personId) await markActive(tx, viewer.personId, now);
    await tx.flush();
    return { enrollment, declined };
  });
  // Suggestions read availability from the per-process scoring cache.
  scoringCache.invalidate(programme.id);
  return result;
}

/**
 * Expire PENDING requests past their expiry, in batches of `batchSize` per transaction. Rows an
 * acceptance is holding are skipped (it checks expiry itself); a second run finds nothing to do.
 */
export async function expireRequests(em: EntityManager, now: Date, opts: { batchSize?: number } = {}): Promise<{ expired: number }> {
  const batchSize = opts.batchSize ?? 200;
  let expired = 0;
  for (;;) {
    const n = await em.fork().transactional(async (tx) => {
      const rows = await lockRows(tx, `select id from mentor_request where status = 'PENDING' and expires_at <= ? order by id limit ? for update skip locked`, [now, batchSize]);
      if (rows.length === 0) return 0;
      const requests = await tx.find(MentorRequest, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { id: 'asc' } });
      for (const r of requests) close(tx, r, MentorRequestStatus.EXPIRED, now, null);
      await tx.flush();
      return requests.length;
    });
    expired += n;
    if (n < batchSize) break;
  }
  return { expired };
}

/**
 * Safety net for availability changed outside `setAvailability` (e.g. `updateEnrollment`): PENDING
 * requests to a mentor whose enrolment says unavailable are declined with reason UNAVAILABLE, in
 * batches, skipping rows an acceptance holds. Run by the request-expiry job; idempotent.
 */
export async function declineRequestsOfUnavailableMentors(em: EntityManager, now: Date, opts: { batchSize?: number } = {}): Promise<{ declined: number }> {
  const batchSize = opts.batchSize ?? 200;
  let declined = 0;
  for (;;) {
    const n = await em.fork().transactional(async (tx) => {
      const rows = await lockRows(
        tx,
        `select r.id from mentor_request r
           join enrollment e on e.programme_id = r.programme_id and e.person_id = r.mentor_id and e.role = 'MENTOR'
          where r.status = 'PENDING' and not e.available
          order by r.id limit ? for update of r skip locked`,
        [batchSize],
      );
      if (rows.length === 0) return 0;
      const requests = await tx.find(MentorRequest, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { id: 'asc' } });
      for (const r of requests) {
        r.declineReason = DeclineReason.UNAVAILABLE;
        close(tx, r, MentorRequestStatus.DECLINED, now, null);
      }
      await tx.flush();
      return requests.length;
    });
    declined += n;
    if (n < batchSize) break;
  }
  return { declined };
}

/**
 * Reaction to `mentorship.started` events, run by the outbox dispatcher inside its transaction:
 * a mentee matched by any path (a coordinator's approval or override included) has their other
 * PENDING requests in that programme INVALIDATED and their open proposals WITHDRAWN. Acceptance
 * does the former itself, in its own transaction; this catches every other path within one
 * dispatch cycle. Idempotent: a second pass finds nothing pending.
 */
export async function closeOpenItemsOfMatchedMentees(em: EntityManager, mentorshipIds: readonly string[], now: Date): Promise<{ invalidated: number; withdrawn: number }> {
  if (mentorshipIds.length === 0) return { invalidated: 0, withdrawn: 0 };
  const matched = await query<{ programme_id: string; mentee_id: string }>(
    em,
    `select distinct programme_id, mentee_id from mentorship where id = any(?::uuid[]) and status in ('ACTIVE', 'PAUSED')`,
    [[...mentorshipIds]],
  );
  if (matched.length === 0) return { invalidated: 0, withdrawn: 0 };
  const pairs = matched.map((m) => [m.programme_id, m.mentee_id]);
  const pairSql = pairs.map(() => '(?::uuid, ?::uuid)').join(', ');
  const locked = await lockRows(em, `select id from mentor_request where status = 'PENDING' and (programme_id, mentee_id) in (${pairSql}) order by id for update`, pairs.flat());
  let invalidated = 0;
  if (locked.length) {
    const requests = await em.find(MentorRequest, { id: { $in: locked.map((r) => r.id) } }, { orderBy: { id: 'asc' } });
    for (const r of requests) {
      close(em, r, MentorRequestStatus.INVALIDATED, now, null);
      invalidated += 1;
    }
  }
  const withdrawn = await query(
    em,
    `update match_proposal set status = 'WITHDRAWN', decided_at = ?, decision_reason = 'The mentee was matched with another mentor.', updated_at = ?
      where status = 'PROPOSED' and (programme_id, mentee_id) in (${pairSql}) returning id`,
    [now, now, ...pairs.flat()],
  );
  await em.flush();
  return { invalidated, withdrawn: withdrawn.length };
}

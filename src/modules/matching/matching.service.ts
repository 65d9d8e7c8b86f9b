import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Viewer } from '../../graphql/auth.js';
import { DomainError, UserErrorCode, userError, type UserError } from '../../graphql/errors.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { explainPair } from '../../matching/index.js';
import { findProgramme } from '../programme/programme.service.js';
import { ProgrammeStatus } from '../programme/programme.enums.js';
import type { Programme } from '../programme/programme.entity.js';
import { Person } from '../person/person.entity.js';
import type { Mentorship } from '../mentorship/mentorship.entity.js';
import { startMentorship } from '../mentorship/mentorship.service.js';
import { closeOpenItemsOfMatchedMentees } from '../request/request.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { MatchProposal, PairRule } from './match-proposal.entity.js';
import { MatchRun } from './match-run.entity.js';
import { ExclusionKind, ProposalSource, ProposalStatus } from './matching.enums.js';
import { executeMatchRun } from './match-run.service.js';
import { scoringCache } from './scoring-cache.js';
import { toBreakdown, toReasons } from './suggestions.service.js';
import type { OverrideMatchInput, RejectMatchProposalInput, RunMatchingInput, SetPairRuleInput } from './matching.types.js';
import { buildContext, loadProgrammeData } from './programme-data.js';
import type { JobQueue } from '../../jobs/queue.js';

/** Runs with at most this many mentee × mentor pairs finish inside the request; bigger ones go to the queue. */
export const SYNC_RUN_MAX_PAIRS = 2_000_000;

function text(value: string, field: string[], max = 1000): string {
  const t = value.trim();
  if (t.length === 0) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Required.', field);
  if (t.length > max) throw new DomainError(UserErrorCode.INVALID_INPUT, `At most ${max} characters.`, field);
  if (t.includes('\u0000')) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Must not contain NUL characters.', field);
  return t;
}

export async function requestMatchRun(
  orm: MikroORM,
  em: EntityManager,
  viewer: Viewer,
  input: RunMatchingInput,
  deps: { jobs: JobQueue | null; now: () => Date },
): Promise<MatchRun> {
  const programme = await findProgramme(em, viewer, input.programmeId);
  if (programme.status === ProgrammeStatus.CLOSED || programme.status === ProgrammeStatus.DRAFT) {
    throw new DomainError(UserErrorCode.PROGRAMME_CLOSED, `The programme is ${programme.status.toLowerCase()}; open it before matching.`, ['input', 'programmeId']);
  }
  if (input.minScore != null && (!Number.isFinite(input.minScore) || input.minScore < 0 || input.minScore > 100)) {
    throw new DomainError(UserErrorCode.INVALID_INPUT, 'Must be a number from 0 to 100.', ['input', 'minScore']);
  }
  const counts = (await em.getKnex().raw(
    `select count(*) filter (where role = 'MENTOR')::int as mentors, count(*) filter (where role = 'MENTEE')::int as mentees from enrollment where programme_id = ?`,
    [programme.id],
  )) as { rows: { mentors: number; mentees: number }[] };
  const { mentors, mentees } = counts.rows[0] ?? { mentors: 0, mentees: 0 };
  const background = input.background ?? mentors * mentees > SYNC_RUN_MAX_PAIRS;
  if (background && !deps.jobs) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Background runs are not available on this server.', ['input', 'background']);
  const run = em.create(MatchRun, {
    organization: viewer.organizationId,
    programme,
    requestedBy: viewer.personId,
    options: { minScore: input.minScore ?? null, background },
  });
  recordAudit(em, {
    organizationId: viewer.organizationId,
    actorId: viewer.personId,
    action: 'match_run.requested',
    subjectType: 'MatchRun',
    subjectId: run.id,
    after: { programmeId: programme.id, background, mentors, mentees },
    at: deps.now(),
  });
  await em.flush();
  if (background) {
    await deps.jobs!.enqueueMatchRun(run.id);
  } else {
    await executeMatchRun(orm, run.id, { now: deps.now });
    await em.refresh(run);
  }
  return run;
}

async function findProposal(em: EntityManager, viewer: Viewer, globalId: string): Promise<MatchProposal> {
  const id = fromGlobalIdOf(globalId, 'MatchProposal');
  if (!id) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Not a MatchProposal ID.', ['input', 'proposalId']);
  const found = await em.findOne(MatchProposal, { id, organization: viewer.organizationId });
  if (!found) throw new DomainError(UserErrorCode.NOT_FOUND, 'No such proposal in your organisation.', ['input', 'proposalId']);
  // Lock every open proposal of this mentee in the programme (and this one), always in id order:
  // two coordinators deciding proposals of the same mentee queue up here instead of deadlocking
  // later when each withdraws the other's proposal.
  await em.getConnection().execute(
    `select id from match_proposal where (programme_id = ? and mentee_id = ? and status = 'PROPOSED') or id = ? order by id for update`,
    [found.programme.id, found.mentee.id, id],
    'all',
    em.getTransactionContext(),
  );
  const proposal = await em.findOne(MatchProposal, { id }, { populate: ['programme'], refresh: true });
  if (!proposal) throw new DomainError(UserErrorCode.NOT_FOUND, 'No such proposal in your organisation.', ['input', 'proposalId']);
  return proposal;
}

function snapshot(p: MatchProposal) {
  return { status: p.status, mentorId: p.mentor.id, menteeId: p.mentee.id, programmeId: p.programme.id, score: p.score };
}

/**
 * Approve a proposal: in one transaction, lock it, start the mentorship (which locks the mentor's
 * enrolment and counts live mentorships against capacity, with a unique index as the last word on
 * "one live mentorship per mentee"), withdraw the mentee's other open proposals, audit.
 */
export async function approveProposal(em: EntityManager, viewer: Viewer, proposalId: string, now: Date): Promise<{ proposal: MatchProposal; mentorship: Mentorship }> {
  const result = await em.transactional(async (tx) => {
    const proposal = await findProposal(tx, viewer, proposalId);
    if (proposal.status !== ProposalStatus.PROPOSED) {
      throw new DomainError(UserErrorCode.ILLEGAL_TRANSITION, `The proposal is already ${proposal.status.toLowerCase()}.`, ['input', 'proposalId']);
    }
    const before = snapshot(proposal);
    const mentorship = await startMentorship(tx, {
      organizationId: viewer.organizationId,
      programme: proposal.programme as Programme,
      mentorId: proposal.mentor.id,
      menteeId: proposal.mentee.id,
      proposal,
      now,
      allowOverCapacity: proposal.capacityOverride,
      actorId: viewer.personId,
    });
    proposal.status = ProposalStatus.APPROVED;
    proposal.decidedBy = tx.getReference(Person, viewer.personId);
    proposal.decidedAt = now;
    await closeMenteesOtherOptions(tx, proposal.programme.id, proposal.mentee.id, proposal.id, mentorship, 'The mentee was matched with another mentor.', now);
    recordAudit(tx, { organizationId: viewer.organizationId, actorId: viewer.personId, action: 'proposal.approved', subjectType: 'MatchProposal', subjectId: proposal.id, before, after: snapshot(proposal), at: now });
    await tx.flush();
    return { proposal, mentorship };
  });
  // Only once committed: a suggestion served in between must not cache the pre-commit load again.
  scoringCache.forgetLoad(result.proposal.programme.id);
  return result;
}

/**
 * The tail every way of pairing a mentee shares, inside the pairing transaction: the mentee's other
 * open proposals in the programme are withdrawn (with `reason`) and their pending requests end
 * INVALIDATED, so nothing offers the mentee again once the mentorship exists.
 */
async function closeMenteesOtherOptions(tx: EntityManager, programmeId: string, menteeId: string, keptProposalId: string, mentorship: Mentorship, reason: string, now: Date): Promise<void> {
  await tx.nativeUpdate(
    MatchProposal,
    { programme: programmeId, mentee: menteeId, status: ProposalStatus.PROPOSED, id: { $ne: keptProposalId } },
    { status: ProposalStatus.WITHDRAWN, decidedAt: now, decisionReason: reason },
  );
  await closeOpenItemsOfMatchedMentees(tx, [mentorship.id], now);
}

export async function rejectProposal(em: EntityManager, viewer: Viewer, input: RejectMatchProposalInput, now: Date): Promise<MatchProposal> {
  const reason = text(input.reason, ['input', 'reason']);
  const rejected = await em.transactional(async (tx) => {
    const proposal = await findProposal(tx, viewer, input.proposalId);
    if (proposal.status !== ProposalStatus.PROPOSED) {
      throw new DomainError(UserErrorCode.ILLEGAL_TRANSITION, `The proposal is already ${proposal.status.toLowerCase()}.`, ['input', 'proposalId']);
    }
    const before = snapshot(proposal);
    proposal.status = ProposalStatus.REJECTED;
    proposal.decidedBy = tx.getReference(Person, viewer.personId);
    proposal.decidedAt = now;
    proposal.decisionReason = reason;
    recordAudit(tx, { organizationId: viewer.organizationId, actorId: viewer.personId, action: 'proposal.rejected', subjectType: 'MatchProposal', subjectId: proposal.id, before, after: snapshot(proposal), at: now });
    await tx.flush();
    return proposal;
  });
  scoringCache.invalidate(rejected.programme.id); // after commit, as in approveProposal
  return rejected;
}

async function enrolledPerson(em: EntityManager, viewer: Viewer, globalId: string, field: string[]): Promise<string> {
  const id = fromGlobalIdOf(globalId, 'Person');
  if (!id) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Not a Person ID.', field);
  const exists = await em.count(Person, { id, organization: viewer.organizationId });
  if (!exists) throw new DomainError(UserErrorCode.NOT_FOUND, 'No such person in your organisation.', field);
  return id;
}

/**
 * A coordinator's manual pair. Every hard rule still applies except capacity, which may be
 * overridden only explicitly; the pair need not reach the minimum score (the coordinator decided).
 */
export async function overrideMatch(em: EntityManager, viewer: Viewer, input: OverrideMatchInput, now: Date): Promise<{ proposal: MatchProposal; mentorship: Mentorship }> {
  const reason = text(input.reason, ['input', 'reason']);
  const programme = await findProgramme(em, viewer, input.programmeId);
  const mentorId = await enrolledPerson(em, viewer, input.mentorId, ['input', 'mentorId']);
  const menteeId = await enrolledPerson(em, viewer, input.menteeId, ['input', 'menteeId']);
  const data = await loadProgrammeData(em, programme, { capacityMode: 'full' });
  const ctx = buildContext(data);
  const mentor = data.indexOf.get(mentorId)!;
  const mentee = data.indexOf.get(menteeId)!;
  const e = explainPair(ctx, mentor, mentee);
  // Capacity is checked live under the enrolment lock in startMentorship, where it may be overridden.
  const blocks = e.blocked.filter((b) => b.code !== 'NO_CAPACITY');
  if (blocks.length) {
    const errors: UserError[] = blocks.map((b) => userError(b.code as UserErrorCode, b.message, ['input']));
    throw DomainError.of(errors);
  }
  const result = await em.transactional(async (tx) => {
    const proposal = tx.create(MatchProposal, {
      organization: viewer.organizationId,
      programme: programme.id,
      mentor: mentorId,
      mentee: menteeId,
      score: e.score ?? 0,
      breakdown: toBreakdown(e.breakdown),
      reasons: toReasons(e, 6).map((r) => ({ component: r.component, text: r.text, points: r.points })),
      source: ProposalSource.MANUAL,
      status: ProposalStatus.APPROVED,
      decidedBy: viewer.personId,
      decidedAt: now,
      decisionReason: reason,
      capacityOverride: input.overrideCapacity ?? false,
    });
    await tx.flush();
    const mentorship = await startMentorship(tx, {
      organizationId: viewer.organizationId,
      programme,
      mentorId,
      menteeId,
      proposal,
      now,
      allowOverCapacity: input.overrideCapacity ?? false,
      actorId: viewer.personId,
    });
    await closeMenteesOtherOptions(tx, programme.id, menteeId, proposal.id, mentorship, 'A coordinator paired the mentee by hand.', now);
    recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      action: 'match.overridden',
      subjectType: 'MatchProposal',
      subjectId: proposal.id,
      after: { ...snapshot(proposal), capacityOverride: proposal.capacityOverride },
      at: now,
    });
    await tx.flush();
    return { proposal, mentorship };
  });
  scoringCache.forgetLoad(programme.id); // after commit, as in approveProposal
  return result;
}

export async function setPairRule(em: EntityManager, viewer: Viewer, input: SetPairRuleInput, now: Date): Promise<void> {
  const programme = await findProgramme(em, viewer, input.programmeId);
  const mentorId = await enrolledPerson(em, viewer, input.mentorId, ['input', 'mentorId']);
  const menteeId = await enrolledPerson(em, viewer, input.menteeId, ['input', 'menteeId']);
  if (mentorId === menteeId) throw new DomainError(UserErrorCode.SAME_PERSON, 'A person cannot be their own mentor.', ['input', 'menteeId']);
  const reason = input.reason ? text(input.reason, ['input', 'reason']) : '';
  await em.transactional(async (tx) => {
    await tx.nativeDelete(PairRule, { programme: programme.id, mentor: mentorId, mentee: menteeId });
    if (input.kind === ExclusionKind.PIN) {
      // One pin per mentee: a new pin replaces the old one.
      await tx.nativeDelete(PairRule, { programme: programme.id, mentee: menteeId, kind: ExclusionKind.PIN });
    }
    tx.create(PairRule, { organization: viewer.organizationId, programme: programme.id, mentor: mentorId, mentee: menteeId, kind: input.kind, reason, createdBy: viewer.personId });
    recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      action: input.kind === ExclusionKind.PIN ? 'pair.pinned' : 'pair.banned',
      subjectType: 'Programme',
      subjectId: programme.id,
      after: { mentorId, menteeId, kind: input.kind },
      at: now,
    });
    await tx.flush();
  });
  scoringCache.invalidate(programme.id);
}


import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../graphql/auth.js';
import { DomainError, UserErrorCode } from '../../graphql/errors.js';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/connection.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { explainPair, rankMentors } from '../../matching/index.js';
import { recordAudit } from '../audit/audit.service.js';
import { Enrollment, EnrollmentRole } from '../enrollment/enrollment.entity.js';
import { Mentorship } from '../mentorship/mentorship.entity.js';
import { Person } from '../person/person.entity.js';
import { LIVE_STATUSES } from '../mentorship/mentorship.service.js';
import { scoringCache } from '../matching/scoring-cache.js';
import { liveLoad, toReasons } from '../matching/suggestions.service.js';
import type { MatchReason } from '../matching/matching.types.js';
import type { Programme } from '../programme/programme.entity.js';
import { findProgramme } from '../programme/programme.service.js';
import { NoMatchDecision } from './mentor-request.entity.js';
import { ManualMatchReason } from './request.enums.js';

/** Suggestions shown per queued mentee. */
export const QUEUE_SUGGESTIONS = 3;

/**
 * Who needs a coordinator's hand: enrolled mentees of the programme without a live mentorship,
 * without an open proposal or a pending request (they are still waiting on those), not marked
 * "no match this cohort" — and either left unmatched by the latest successful run, or whose every
 * request was declined or expired (none accepted, invalidated or open).
 */
const QUEUE_SQL = `
  with latest_run as (
    select r.unmatched from match_run r
     where r.programme_id = :programme and r.status = 'SUCCEEDED'
     order by r.finished_at desc nulls last, r.id desc limit 1
  ), run_unmatched as (
    select distinct on (u."menteeId") u."menteeId"::uuid as mentee_id, u.code, u.message
      from latest_run, jsonb_to_recordset(coalesce(latest_run.unmatched, '[]'::jsonb)) as u("menteeId" text, code text, message text)
  ), requests as (
    select q.mentee_id,
           count(*) filter (where q.status in ('DECLINED', 'EXPIRED'))::int as failed,
           count(*) filter (where q.status in ('PENDING', 'ACCEPTED', 'INVALIDATED'))::int as other
      from mentor_request q where q.programme_id = :programme group by q.mentee_id
  ), queue as (
    select e.person_id as mentee_id, p.name, ru.code as run_code, ru.message as run_message, coalesce(rq.failed, 0) as failed_requests
      from enrollment e
      join person p on p.id = e.person_id
      left join run_unmatched ru on ru.mentee_id = e.person_id
      left join requests rq on rq.mentee_id = e.person_id
     where e.programme_id = :programme and e.role = 'MENTEE'
       and not exists (select 1 from mentorship m where m.programme_id = :programme and m.mentee_id = e.person_id and m.status in ('ACTIVE', 'PAUSED'))
       and not exists (select 1 from no_match_decision d where d.programme_id = :programme and d.mentee_id = e.person_id)
       and not exists (select 1 from match_proposal mp where mp.programme_id = :programme and mp.mentee_id = e.person_id and mp.status = 'PROPOSED')
       and not exists (select 1 from mentor_request pr where pr.programme_id = :programme and pr.mentee_id = e.person_id and pr.status = 'PENDING')
       and (ru.mentee_id is not null or (coalesce(rq.failed, 0) > 0 and coalesce(rq.other, 0) = 0))
  )`;

export interface QueueSuggestion {
  mentorId: string;
  score: number;
  capacityLeft: number;
  reasons: MatchReason[];
}

export interface QueueEntry {
  cursor: string;
  menteeId: string;
  reason: ManualMatchReason;
  runReason: string | null;
  message: string;
  failedRequests: number;
  suggestions: QueueSuggestion[];
}

export interface QueuePage {
  entries: QueueEntry[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * The manual-match queue of a programme, by mentee name: two statements for the page and the
 * count, plus the (cached) scoring context and one live-load statement for the suggestions —
 * the same number whatever the page size.
 */
export async function unmatchedMentees(em: EntityManager, viewer: Viewer, args: { programmeId: string; first?: number | null; after?: string | null }): Promise<QueuePage> {
  const programme = await findProgramme(em, viewer, args.programmeId, ['programmeId']);
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after, ['string', 'string']);
  const knex = em.getKnex();
  const bindings = { programme: programme.id, limit: limit + 1, afterName: after?.[0] ?? '', afterId: after?.[1] ?? '00000000-0000-0000-0000-000000000000' };
  const keyset = after ? 'where (q.name, q.mentee_id) > (:afterName, :afterId::uuid)' : '';
  const [pageRes, countRes] = await Promise.all([
    limit === 0
      ? Promise.resolve({ rows: [] })
      : knex.raw(`${QUEUE_SQL} select q.* from queue q ${keyset} order by q.name, q.mentee_id limit :limit`, bindings),
    knex.raw(`${QUEUE_SQL} select count(*)::int as n from queue`, bindings),
  ]);
  const rows = (pageRes as { rows: { mentee_id: string; name: string; run_code: string | null; run_message: string | null; failed_requests: number }[] }).rows;
  const totalCount = (countRes as { rows: { n: number }[] }).rows[0]?.n ?? 0;
  const page = rows.slice(0, limit);
  const suggestions = page.length ? await bestSuggestions(em, programme, page.map((r) => r.mentee_id)) : new Map<string, QueueSuggestion[]>();
  return {
    totalCount,
    hasNextPage: rows.length > limit,
    hasPreviousPage: after !== null,
    entries: page.map((r) => {
      const runLeft = r.run_code !== null;
      return {
        cursor: encodeCursor([r.name, r.mentee_id]),
        menteeId: r.mentee_id,
        reason: runLeft ? ManualMatchReason.RUN_LEFT_UNMATCHED : ManualMatchReason.REQUESTS_FAILED,
        runReason: r.run_code,
        message: runLeft
          ? (r.run_message ?? 'The latest match run could not match them.')
          : `${r.failed_requests} request${r.failed_requests === 1 ? ' was' : 's were'} declined or expired, and none is open.`,
        failedRequests: r.failed_requests,
        suggestions: suggestions.get(r.mentee_id) ?? [],
      };
    }),
  };
}

/**
 * The best mentors with room left for each mentee, hard rules applied but not the programme's
 * minimum score (a coordinator pairing by hand decides that): CPU work on the cached scoring
 * context, no statement per mentee.
 */
async function bestSuggestions(em: EntityManager, programme: Programme, menteeIds: readonly string[]): Promise<Map<string, QueueSuggestion[]>> {
  const { data, ctx } = await scoringCache.get(em, programme);
  const load = await liveLoad(em, programme.id);
  const capacityLeft = new Map<number, number>();
  for (const m of data.mentors) capacityLeft.set(m.person, m.available ? Math.max(0, m.capacity - (load.get(data.personIds[m.person]!) ?? 0)) : 0);
  const result = new Map<string, QueueSuggestion[]>();
  for (const menteeId of menteeIds) {
    const mentee = data.indexOf.get(menteeId);
    if (mentee === undefined || !data.mentees.includes(mentee)) continue;
    const ranked = rankMentors(ctx, mentee, { limit: QUEUE_SUGGESTIONS, minScore: 0, filter: (m) => (capacityLeft.get(m) ?? 0) > 0 });
    result.set(
      menteeId,
      ranked.map((r) => ({
        mentorId: data.personIds[r.mentor]!,
        score: Math.round(r.score * 100) / 100,
        capacityLeft: capacityLeft.get(r.mentor) ?? 0,
        reasons: toReasons(explainPair(ctx, r.mentor, mentee), 3),
      })),
    );
  }
  return result;
}

/** A coordinator decides a mentee gets no match in this cohort; they leave the manual-match queue. */
export async function markNoMatchThisCohort(em: EntityManager, viewer: Viewer, args: { programmeId: string; menteeId: string; note?: string | null }, now: Date): Promise<NoMatchDecision> {
  const programme = await findProgramme(em, viewer, args.programmeId);
  const menteeId = fromGlobalIdOf(args.menteeId, 'Person');
  if (!menteeId) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Not a Person ID.', ['input', 'menteeId']);
  const noteText = (args.note ?? '').trim();
  if (noteText.length > 1000 || noteText.includes('\u0000')) throw new DomainError(UserErrorCode.INVALID_INPUT, 'At most 1000 characters, no NUL characters.', ['input', 'note']);
  const enrolled = await em.count(Enrollment, { organization: viewer.organizationId, programme, person: menteeId, role: EnrollmentRole.MENTEE });
  if (!enrolled) throw new DomainError(UserErrorCode.NOT_ENROLLED, 'That person is not enrolled as a mentee in this programme.', ['input', 'menteeId']);
  const live = await em.count(Mentorship, { programme, mentee: menteeId, status: { $in: [...LIVE_STATUSES] } });
  if (live) throw new DomainError(UserErrorCode.ALREADY_MATCHED, 'The mentee already has a mentor in this programme.', ['input', 'menteeId']);
  return em.transactional(async (tx) => {
    const existing = await tx.findOne(NoMatchDecision, { programme, mentee: menteeId });
    const decision = existing ?? tx.create(NoMatchDecision, { organization: viewer.organizationId, programme, mentee: menteeId, decidedAt: now });
    decision.note = noteText;
    decision.decidedBy = tx.getReference(Person, viewer.personId);
    decision.decidedAt = now;
    recordAudit(tx, { organizationId: viewer.organizationId, actorId: viewer.personId, action: 'mentee.no_match_this_cohort', subjectType: 'Programme', subjectId: programme.id, after: { menteeId }, at: now });
    await tx.flush();
    return decision;
  });
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { COMPONENTS, explainPair, rankMentors, type Block, type PairExplanation } from '../../matching/index.js';
import type { Viewer } from '../../graphql/auth.js';
import { isCoordinator } from '../../graphql/context.js';
import { badUserInput, forbidden } from '../../graphql/errors.js';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/connection.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { Programme } from '../programme/programme.entity.js';
import { ProgrammeStatus } from '../programme/programme.enums.js';
import { LIVE_LOAD_TTL_MS, scoringCache, type CachedProgramme } from './scoring-cache.js';
import { HardRule, ScoreComponent, type HardRuleViolation, type MatchReason, type ScoreBreakdown, type SuggestedMentorFilter } from './matching.types.js';

const COMPONENT_ENUM: Record<(typeof COMPONENTS)[number], ScoreComponent> = {
  experience: ScoreComponent.EXPERIENCE,
  goals: ScoreComponent.GOALS,
  reach: ScoreComponent.REACH,
  practical: ScoreComponent.PRACTICAL,
};

export function toBreakdown(b: Record<(typeof COMPONENTS)[number], number>): ScoreBreakdown {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { experience: r(b.experience), goals: r(b.goals), reach: r(b.reach), practical: r(b.practical) };
}

export function toReasons(e: PairExplanation, limit = Infinity): MatchReason[] {
  return e.reasons.slice(0, limit).map((r) => ({ component: COMPONENT_ENUM[r.component], text: r.text, points: Math.round(r.weight * 10) / 10 }));
}

export function toViolations(blocks: readonly Block[]): HardRuleViolation[] {
  return blocks.map((b) => ({ code: b.code as HardRule, message: b.message }));
}

/** Load a programme of the viewer's organisation, from the cache when fresh (saves a statement per request). */
export async function programmeFor(em: EntityManager, viewer: Viewer, programmeGlobalId: string): Promise<CachedProgramme> {
  const id = fromGlobalIdOf(programmeGlobalId, 'Programme');
  if (!id) throw badUserInput('"programmeId" is not a Programme ID.');
  const cached = await scoringCache.peek(id, viewer.organizationId);
  if (cached) {
    if (cached.programme.status === ProgrammeStatus.DRAFT && !isCoordinator(viewer)) throw badUserInput('No such programme.');
    return cached;
  }
  const programme = await em.findOne(Programme, { id, organization: viewer.organizationId });
  if (!programme || (programme.status === ProgrammeStatus.DRAFT && !isCoordinator(viewer))) throw badUserInput('No such programme.');
  return scoringCache.get(em, programme);
}

/** Live count of mentees each mentor has in the programme: one grouped statement. */
export async function liveLoad(em: EntityManager, programmeId: string): Promise<Map<string, number>> {
  const res = (await em.getKnex().raw(
    `select mentor_id, count(*)::int as n from mentorship where programme_id = ? and status in ('ACTIVE', 'PAUSED') group by mentor_id`,
    [programmeId],
  )) as { rows: { mentor_id: string; n: number }[] };
  return new Map(res.rows.map((r) => [r.mentor_id, r.n]));
}

/** Live load for browsing: reused for `LIVE_LOAD_TTL_MS` (approvals in this process drop it at once). */
async function browsingLoad(em: EntityManager, entry: CachedProgramme): Promise<Map<string, number>> {
  const now = scoringCache.now();
  if (entry.liveLoad && now - entry.liveLoad.at < LIVE_LOAD_TTL_MS) return entry.liveLoad.byMentor;
  const byMentor = await liveLoad(em, entry.data.programmeId);
  entry.liveLoad = { at: now, byMentor };
  return byMentor;
}

export interface SuggestionPage {
  edges: { cursor: string; mentorId: string; score: number; breakdown: ScoreBreakdown; reasons: MatchReason[]; capacityLeft: number }[];
  /** Cached `person` rows of the page's mentors (may be missing for a mentor enrolled since the cache was built). */
  mentorRows: Map<string, Record<string, unknown>>;
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * Mentors for a mentee, best first: hard rules (chain of command at any depth, capacity, bans…)
 * and the minimum score filter first, then keyset pagination on (score desc, person id).
 */
export async function suggestMentors(
  em: EntityManager,
  viewer: Viewer,
  args: { programmeId: string; menteeId?: string | null; first?: number | null; after?: string | null; filter?: SuggestedMentorFilter | null },
): Promise<SuggestionPage> {
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after, ['number', 'string']);
  const entry = await programmeFor(em, viewer, args.programmeId);
  const menteeId = args.menteeId == null ? viewer.personId : fromGlobalIdOf(args.menteeId, 'Person');
  if (!menteeId) throw badUserInput('"menteeId" is not a Person ID.');
  if (menteeId !== viewer.personId && !isCoordinator(viewer)) throw forbidden('Only coordinators may see suggestions for someone else.');
  const { data, ctx, strongIn } = entry;
  const mentee = data.indexOf.get(menteeId);
  if (mentee === undefined || !data.mentees.includes(mentee)) throw badUserInput('That person is not enrolled as a mentee in this programme.');

  const filter = args.filter ?? {};
  const minScore = Math.max(data.input.policy.minScore, filter.minScore ?? 0);
  if (filter.minScore != null && (!Number.isFinite(filter.minScore) || filter.minScore < 0 || filter.minScore > 100)) throw badUserInput('"minScore" must be 0–100.');
  const department = filter.department != null ? (data.departmentIds.get(filter.department) ?? -2) : null;
  let strong: Set<number> | null = null;
  if (filter.skillId != null) {
    const skillUuid = fromGlobalIdOf(filter.skillId, 'Skill');
    if (!skillUuid) throw badUserInput('"skillId" is not a Skill ID.');
    strong = strongIn.get(data.skillIds.get(skillUuid) ?? -1) ?? new Set();
  }

  const load = await browsingLoad(em, entry);
  const capacityLeft = new Map<number, number>();
  for (const m of data.mentors) capacityLeft.set(m.person, m.available ? Math.max(0, m.capacity - (load.get(data.personIds[m.person]!) ?? 0)) : 0);
  const ranked = rankMentors(ctx, mentee, {
    limit: data.mentors.length,
    minScore,
    filter: (m) =>
      (capacityLeft.get(m) ?? 0) > 0 &&
      (department === null || data.input.people[m]!.department === department) &&
      (strong === null || strong.has(m)),
  });
  // Keyset on (score desc, person id asc): stable across cache rebuilds because ids are stable.
  let start = 0;
  if (after) {
    const [score, id] = after as [number, string];
    start = ranked.findIndex((r) => r.score < score || (r.score === score && data.personIds[r.mentor]! > id));
    if (start < 0) start = ranked.length;
  }
  const page = ranked.slice(start, start + limit);
  return {
    mentorRows: entry.mentorRows,
    totalCount: ranked.length,
    hasNextPage: start + limit < ranked.length,
    hasPreviousPage: start > 0,
    edges: page.map((r) => {
      const e = explainPair(ctx, r.mentor, mentee);
      return {
        cursor: encodeCursor([r.score, data.personIds[r.mentor]!]),
        mentorId: data.personIds[r.mentor]!,
        score: Math.round(r.score * 100) / 100,
        breakdown: toBreakdown(e.breakdown),
        reasons: toReasons(e, 5),
        capacityLeft: capacityLeft.get(r.mentor) ?? 0,
      };
    }),
  };
}

export interface Explanation {
  mentorId: string;
  menteeId: string;
  eligible: boolean;
  blockedBy: HardRuleViolation[];
  score: number | null;
  minScore: number;
  breakdown: ScoreBreakdown;
  reasons: MatchReason[];
}

/** "Why (not) this pair?" — the full breakdown, or the hard rules that block it, with live capacity. */
export async function explainMatch(em: EntityManager, viewer: Viewer, args: { programmeId: string; mentorId: string; menteeId: string }): Promise<Explanation> {
  const entry = await programmeFor(em, viewer, args.programmeId);
  const mentorId = fromGlobalIdOf(args.mentorId, 'Person');
  const menteeId = fromGlobalIdOf(args.menteeId, 'Person');
  if (!mentorId) throw badUserInput('"mentorId" is not a Person ID.');
  if (!menteeId) throw badUserInput('"menteeId" is not a Person ID.');
  if (!isCoordinator(viewer) && menteeId !== viewer.personId) throw forbidden('Members may only ask about pairs where they are the mentee.');
  const { data, ctx } = entry;
  const mentor = data.indexOf.get(mentorId);
  const mentee = data.indexOf.get(menteeId);
  if (mentor === undefined || mentee === undefined) throw badUserInput('No such person in your organisation.');
  const e = explainPair(ctx, mentor, mentee);
  const blocks = [...e.blocked];
  const enrolled = data.mentors.find((m) => m.person === mentor);
  if (enrolled && !blocks.some((b) => b.code === 'NO_CAPACITY')) {
    const live = (await liveLoad(em, data.programmeId)).get(mentorId) ?? 0;
    if (!enrolled.available || live >= enrolled.capacity) {
      blocks.push({ code: 'NO_CAPACITY', message: enrolled.available ? `The mentor already has ${live} of ${enrolled.capacity} mentees.` : 'The mentor is not taking mentees at the moment.' });
    }
  }
  const minScore = data.input.policy.minScore;
  return {
    mentorId,
    menteeId,
    eligible: blocks.length === 0 && e.score !== null && e.score >= minScore,
    blockedBy: toViolations(blocks),
    score: blocks.length === 0 && e.score !== null ? Math.round(e.score * 100) / 100 : null,
    minScore,
    breakdown: toBreakdown(e.breakdown),
    reasons: toReasons(e),
  };
}

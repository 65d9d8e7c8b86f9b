import type { EntityManager } from '@mikro-orm/postgresql';
import { COMPONENTS, explainPair, scoreMentorsInto, type Block, type PairExplanation, type ScoringContext } from '../../matching/index.js';
import type { Viewer } from '../../graphql/auth.js';
import { isCoordinator } from '../../graphql/context.js';
import { badUserInput, forbidden } from '../../graphql/errors.js';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/connection.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { Programme } from '../programme/programme.entity.js';
import { ProgrammeStatus } from '../programme/programme.enums.js';
import { LIVE_LOAD_TTL_MS, scoringCache, type CachedProgramme, type LiveLoadSnapshot } from './scoring-cache.js';
import type { PersonRecord } from '../person/person.record.js';
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

/**
 * Load a programme of the viewer's organisation, from the cache when fresh (saves a statement per
 * request). `em` is called only when the database is needed, so a warm request forks nothing.
 */
export async function programmeFor(em: () => EntityManager, viewer: Viewer, programmeGlobalId: string): Promise<CachedProgramme> {
  const id = fromGlobalIdOf(programmeGlobalId, 'Programme');
  if (!id) throw badUserInput('"programmeId" is not a Programme ID.');
  const cached = await scoringCache.peek(id, viewer.organizationId);
  if (cached) {
    if (cached.programme.status === ProgrammeStatus.DRAFT && !isCoordinator(viewer)) throw badUserInput('No such programme.');
    return cached;
  }
  const programme = await em().findOne(Programme, { id, organization: viewer.organizationId });
  if (!programme || (programme.status === ProgrammeStatus.DRAFT && !isCoordinator(viewer))) throw badUserInput('No such programme.');
  return scoringCache.get(em(), programme);
}

/** Live count of mentees each mentor has in the programme: one grouped statement. */
export async function liveLoad(em: EntityManager, programmeId: string): Promise<Map<string, number>> {
  const res = (await em.getKnex().raw(
    `select mentor_id, count(*)::int as n from mentorship where programme_id = ? and status in ('ACTIVE', 'PAUSED') group by mentor_id`,
    [programmeId],
  )) as { rows: { mentor_id: string; n: number }[] };
  return new Map(res.rows.map((r) => [r.mentor_id, r.n]));
}

/**
 * Live load for browsing: reused for `LIVE_LOAD_TTL_MS`; approvals in this process drop it at once.
 * Concurrent requests share one read. A read that was under way when an approval dropped the
 * snapshot answers its own requests but is not kept.
 */
async function browsingLoad(em: () => EntityManager, entry: CachedProgramme): Promise<LiveLoadSnapshot> {
  const now = scoringCache.now();
  if (entry.liveLoad && now - entry.liveLoad.at < LIVE_LOAD_TTL_MS) return entry.liveLoad;
  const generation = entry.loadGeneration;
  const pending = readingLoad.get(entry);
  if (pending && pending.generation === generation) return pending.snapshot;
  const snapshot = liveLoad(em(), entry.data.programmeId).then((byMentor): LiveLoadSnapshot => {
    const { mentors, personIds } = entry.data;
    const capacityLeft = Int32Array.from(mentors, (m) => (m.available ? Math.max(0, m.capacity - (byMentor.get(personIds[m.person]!) ?? 0)) : 0));
    return { at: now, byMentor, capacityLeft };
  });
  readingLoad.set(entry, { generation, snapshot });
  try {
    const read = await snapshot;
    if (entry.loadGeneration === generation) entry.liveLoad = read;
    return read;
  } finally {
    if (readingLoad.get(entry)?.snapshot === snapshot) readingLoad.delete(entry);
  }
}

/** Live-load reads under way, per cached programme. */
const readingLoad = new WeakMap<CachedProgramme, { generation: number; snapshot: Promise<LiveLoadSnapshot> }>();

/**
 * One suggestion: the pair's explanation (breakdown and reasons) is worked out only if the
 * selection reads it, and the cursor only if asked for.
 */
export class SuggestionEdge {
  private explained: PairExplanation | null = null;

  constructor(
    private readonly ctx: ScoringContext,
    private readonly mentee: number,
    private readonly mentor: number,
    /** Unrounded, as the keyset compares it. */
    private readonly exactScore: number,
    readonly mentorId: string,
    readonly capacityLeft: number,
    /** The mentor; null until the resolver has it (from the cache, or loaded). */
    public node: PersonRecord | null,
  ) {}

  get score(): number {
    return Math.round(this.exactScore * 100) / 100;
  }

  get cursor(): string {
    return encodeCursor([this.exactScore, this.mentorId]);
  }

  get breakdown(): ScoreBreakdown {
    return toBreakdown(this.explanation().breakdown);
  }

  get reasons(): MatchReason[] {
    return toReasons(this.explanation(), 5);
  }

  get lastActiveAt(): Date | null {
    return this.node?.lastActiveAt ?? null;
  }

  private explanation(): PairExplanation {
    return (this.explained ??= explainPair(this.ctx, this.mentor, this.mentee));
  }
}

export interface SuggestionPage {
  edges: SuggestionEdge[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * Mentors for a mentee, best first: hard rules (chain of command at any depth, capacity, bans…)
 * and the minimum score filter first, then keyset pagination on (score desc, person id).
 *
 * One pass over the mentee's row of scores (the engine's sweep) counts what passes and keeps the
 * page's few best in a small sorted buffer: no ranking of every mentor, no allocation per mentor.
 */
export async function suggestMentors(
  /** The request's EntityManager, forked on first use: a warm page needs none. */
  em: () => EntityManager,
  viewer: Viewer,
  args: { programmeId: string; menteeId?: string | null; first?: number | null; after?: string | null; filter?: SuggestedMentorFilter | null },
): Promise<SuggestionPage> {
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after, ['number', 'string']) as [number, string] | null;
  const entry = await programmeFor(em, viewer, args.programmeId);
  const menteeId = args.menteeId == null ? viewer.personId : fromGlobalIdOf(args.menteeId, 'Person');
  if (!menteeId) throw badUserInput('"menteeId" is not a Person ID.');
  if (menteeId !== viewer.personId && !isCoordinator(viewer)) throw forbidden('Only coordinators may see suggestions for someone else.');
  const { data, ctx, strongIn } = entry;
  const mentee = data.indexOf.get(menteeId);
  if (mentee === undefined || ctx.isMentee[mentee] !== 1) throw badUserInput('That person is not enrolled as a mentee in this programme.');

  const filter = args.filter ?? {};
  if (filter.minScore != null && (!Number.isFinite(filter.minScore) || filter.minScore < 0 || filter.minScore > 100)) throw badUserInput('"minScore" must be 0–100.');
  const minScore = Math.max(data.input.policy.minScore, filter.minScore ?? 0);
  const department = filter.department != null ? (data.departmentIds.get(filter.department) ?? -2) : null;
  let strong: Set<number> | null = null;
  if (filter.skillId != null) {
    const skillUuid = fromGlobalIdOf(filter.skillId, 'Skill');
    if (!skillUuid) throw badUserInput('"skillId" is not a Skill ID.');
    strong = strongIn.get(data.skillIds.get(skillUuid) ?? -1) ?? new Set();
  }

  const { capacityLeft } = await browsingLoad(em, entry);
  // From here to the end of the page nothing awaits: `entry.scores` is this request's alone.
  const scores = entry.scores;
  scoreMentorsInto(ctx, mentee, scores);
  const { mentors } = ctx;
  const { personIds } = data;
  const afterScore = after ? after[0] : Infinity;
  const afterId = after ? after[1] : '';
  // The page so far, best first: (score desc, person index asc; indices follow UUID order).
  const pageScore = new Float64Array(limit);
  const pageMentor = new Int32Array(limit);
  let kept = 0;
  let total = 0;
  let before = 0;
  let afterCursor = 0;
  for (let slot = 0; slot < mentors.length; slot++) {
    const score = scores[slot]!;
    // Blocked pairs score -1, below any minimum.
    if (score < minScore || score < 0 || capacityLeft[slot]! <= 0) continue;
    if (department !== null && entry.mentorDepartment[slot] !== department) continue;
    const mentor = mentors[slot]!;
    if (strong !== null && !strong.has(mentor)) continue;
    total++;
    if (score > afterScore || (score === afterScore && personIds[mentor]! <= afterId)) {
      before++;
      continue;
    }
    afterCursor++;
    if (limit === 0) continue;
    if (kept === limit) {
      const worst = limit - 1;
      if (score < pageScore[worst]! || (score === pageScore[worst]! && mentor > pageMentor[worst]!)) continue;
    } else {
      kept++;
    }
    let i = kept - 1;
    while (i > 0 && (score > pageScore[i - 1]! || (score === pageScore[i - 1]! && mentor < pageMentor[i - 1]!))) {
      pageScore[i] = pageScore[i - 1]!;
      pageMentor[i] = pageMentor[i - 1]!;
      i--;
    }
    pageScore[i] = score;
    pageMentor[i] = mentor;
  }
  const edges: SuggestionEdge[] = [];
  for (let i = 0; i < kept; i++) {
    const mentor = pageMentor[i]!;
    const mentorId = personIds[mentor]!;
    edges.push(new SuggestionEdge(ctx, mentee, mentor, pageScore[i]!, mentorId, capacityLeft[ctx.mentorSlot[mentor]!]!, entry.mentorRecords.get(mentorId) ?? null));
  }
  return { edges, totalCount: total, hasNextPage: afterCursor > limit, hasPreviousPage: before > 0 };
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
  const entry = await programmeFor(() => em, viewer, args.programmeId);
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

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
    const hasCapacity = new Uint32Array((mentors.length + 31) >>> 5);
    capacityLeft.forEach((left, slot) => {
      if (left > 0) hasCapacity[slot >>> 5]! |= 1 << (slot & 31);
    });
    return { at: now, byMentor, capacityLeft, hasCapacity };
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

/** How many of a mentee's best mentors the cached ranking keeps in order. */
const RANKED_PREFIX = 64;
/** Mentees whose ranking a cached programme keeps (least recently asked for go first). */
const RANKINGS_KEPT = 4096;

/** A pair's breakdown and top reasons as the API shows them; frozen, shared between requests. */
interface ExplainedPair {
  breakdown: ScoreBreakdown;
  reasons: MatchReason[];
}

/**
 * What a mentee's suggestions need that does not change while the programme's context is cached:
 * which mentors pass the hard rules and the programme minimum (capacity aside — it is applied per
 * request from the live-load snapshot), the best few in order, and the explanations shown so far.
 * It lives in the cached programme entry, so it goes whenever the context is rebuilt or
 * invalidated (enrolments, policy, skills, goals, bans).
 */
class MenteeRanking {
  private readonly explainedPairs = new Map<number, ExplainedPair>();

  constructor(
    private readonly ctx: ScoringContext,
    readonly mentee: number,
    /** Bit per mentor slot. */
    readonly eligible: Uint32Array,
    /** The best eligible slots, best first (score desc, person index asc), and their scores. */
    readonly top: Int32Array,
    readonly topScore: Float64Array,
    /** Whether `top` holds every eligible mentor. */
    readonly complete: boolean,
  ) {}

  static build(entry: CachedProgramme, mentee: number): MenteeRanking {
    const { ctx } = entry;
    const minScore = entry.data.input.policy.minScore;
    const scores = entry.scores;
    scoreMentorsInto(ctx, mentee, scores);
    const eligible = new Uint32Array((ctx.mentors.length + 31) >>> 5);
    const best = new BestFirst(RANKED_PREFIX);
    let count = 0;
    for (let slot = 0; slot < ctx.mentors.length; slot++) {
      const score = scores[slot]!;
      if (score < minScore || score < 0) continue;
      eligible[slot >>> 5]! |= 1 << (slot & 31);
      count++;
      best.offer(score, ctx.mentors[slot]!);
    }
    const top = Int32Array.from(best.ids.subarray(0, best.size), (person) => ctx.mentorSlot[person]!);
    return new MenteeRanking(ctx, mentee, eligible, top, best.scores.slice(0, best.size), count <= RANKED_PREFIX);
  }

  explain(mentor: number): ExplainedPair {
    let e = this.explainedPairs.get(mentor);
    if (!e) {
      const pair = explainPair(this.ctx, mentor, this.mentee);
      const reasons = toReasons(pair, 5).map((r) => Object.freeze(r));
      e = Object.freeze({ breakdown: Object.freeze(toBreakdown(pair.breakdown)), reasons: Object.freeze(reasons) as MatchReason[] });
      this.explainedPairs.set(mentor, e);
    }
    return e;
  }
}

/** The rankings of a cached programme's mentees, least recently used first. */
const rankingsOf = new WeakMap<CachedProgramme, Map<number, MenteeRanking>>();

function rankingFor(entry: CachedProgramme, mentee: number): MenteeRanking {
  let rankings = rankingsOf.get(entry);
  if (!rankings) rankingsOf.set(entry, (rankings = new Map()));
  let ranking = rankings.get(mentee);
  if (ranking) {
    rankings.delete(mentee);
  } else {
    ranking = MenteeRanking.build(entry, mentee);
    if (rankings.size >= RANKINGS_KEPT) rankings.delete(rankings.keys().next().value!);
  }
  rankings.set(mentee, ranking);
  return ranking;
}

/** Keeps the best `capacity` (score, person index) pairs in order: higher score, then lower index. */
class BestFirst {
  readonly scores: Float64Array;
  readonly ids: Int32Array;
  size = 0;

  constructor(private readonly capacity: number) {
    this.scores = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  offer(score: number, id: number): void {
    const { scores, ids, capacity } = this;
    if (capacity === 0) return;
    if (this.size === capacity) {
      const worst = capacity - 1;
      if (score < scores[worst]! || (score === scores[worst]! && id > ids[worst]!)) return;
    } else {
      this.size++;
    }
    let i = this.size - 1;
    while (i > 0 && (score > scores[i - 1]! || (score === scores[i - 1]! && id < ids[i - 1]!))) {
      scores[i] = scores[i - 1]!;
      ids[i] = ids[i - 1]!;
      i--;
    }
    scores[i] = score;
    ids[i] = id;
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * One suggestion: the pair's explanation (breakdown and reasons) is worked out only if the
 * selection reads it — once per pair while the programme's context is cached — and the cursor
 * only if asked for.
 */
export class SuggestionEdge {
  constructor(
    private readonly ranking: MenteeRanking,
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
    return this.ranking.explain(this.mentor).breakdown;
  }

  get reasons(): MatchReason[] {
    return this.ranking.explain(this.mentor).reasons;
  }

  get lastActiveAt(): Date | null {
    return this.node?.lastActiveAt ?? null;
  }
}

export interface SuggestionPage {
  edges: SuggestionEdge[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** A page in suggestion order, before edges are made. */
interface RankedPage {
  scores: Float64Array;
  mentors: Int32Array;
  size: number;
  total: number;
  /** Passing mentors at or before the cursor. */
  before: number;
}

/**
 * Mentors for a mentee, best first: hard rules (chain of command at any depth, capacity, bans…)
 * and the minimum score filter first, then keyset pagination on (score desc, person id).
 *
 * The mentee's cached ranking answers most pages without scoring anyone: the count is a popcount
 * of (eligible ∧ has capacity now), the page a walk down the best few that skips full mentors.
 * Filters, deep pages, or many full mentors among the best fall back to one pass over the
 * mentee's row of scores (the engine's sweep), keeping the page's few best in a small buffer.
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
  const policyMin = data.input.policy.minScore;
  const minScore = Math.max(policyMin, filter.minScore ?? 0);
  const department = filter.department != null ? (data.departmentIds.get(filter.department) ?? -2) : null;
  let strong: Set<number> | null = null;
  if (filter.skillId != null) {
    const skillUuid = fromGlobalIdOf(filter.skillId, 'Skill');
    if (!skillUuid) throw badUserInput('"skillId" is not a Skill ID.');
    strong = strongIn.get(data.skillIds.get(skillUuid) ?? -1) ?? new Set();
  }

  const load = await browsingLoad(em, entry);
  // From here to the end of the page nothing awaits: `entry.scores` is this request's alone.
  const ranking = rankingFor(entry, mentee);
  const isAfter = after ? (score: number, mentor: number) => score < after[0] || (score === after[0] && data.personIds[mentor]! > after[1]) : () => true;
  const unfiltered = department === null && strong === null && minScore === policyMin;
  const page =
    (unfiltered ? fromRanking(ranking, load, limit, isAfter, ctx.mentors) : null) ??
    scanAll(entry, mentee, load, limit, isAfter, (slot, score) => score >= minScore && (department === null || entry.mentorDepartment[slot] === department) && (strong === null || strong.has(ctx.mentors[slot]!)));
  const edges: SuggestionEdge[] = [];
  for (let i = 0; i < page.size; i++) {
    const mentor = page.mentors[i]!;
    const mentorId = data.personIds[mentor]!;
    edges.push(new SuggestionEdge(ranking, mentor, page.scores[i]!, mentorId, load.capacityLeft[ctx.mentorSlot[mentor]!]!, entry.mentorRecords.get(mentorId) ?? null));
  }
  return { edges, totalCount: page.total, hasNextPage: page.total - page.before > page.size, hasPreviousPage: page.before > 0 };
}

/** The page from the cached ranking, or null when its best few cannot tell (then scan). */
function fromRanking(ranking: MenteeRanking, load: LiveLoadSnapshot, limit: number, isAfter: (score: number, mentor: number) => boolean, mentors: Int32Array): RankedPage | null {
  if (limit === 0 && !ranking.complete) return null;
  let total = 0;
  for (let w = 0; w < ranking.eligible.length; w++) total += popcount(ranking.eligible[w]! & load.hasCapacity[w]!);
  const scores = new Float64Array(limit);
  const page = new Int32Array(limit);
  let size = 0;
  let before = 0;
  for (let i = 0; i < ranking.top.length && size < limit; i++) {
    const slot = ranking.top[i]!;
    if (load.capacityLeft[slot]! <= 0) continue;
    const score = ranking.topScore[i]!;
    const mentor = mentors[slot]!;
    if (!isAfter(score, mentor)) {
      before++;
      continue;
    }
    scores[size] = score;
    page[size++] = mentor;
  }
  // Everything at or before the cursor precedes the page in this order, so `before` is exact once
  // the page is full — or once the walk has seen every eligible mentor.
  if (size < limit && !ranking.complete) return null;
  return { scores, mentors: page, size, total, before };
}

/** One pass over the mentee's scores against every mentor, counting what passes and keeping the page. */
function scanAll(
  entry: CachedProgramme,
  mentee: number,
  load: LiveLoadSnapshot,
  limit: number,
  isAfter: (score: number, mentor: number) => boolean,
  passes: (slot: number, score: number) => boolean,
): RankedPage {
  const { ctx } = entry;
  const scores = entry.scores;
  scoreMentorsInto(ctx, mentee, scores);
  const best = new BestFirst(limit);
  let total = 0;
  let before = 0;
  for (let slot = 0; slot < ctx.mentors.length; slot++) {
    const score = scores[slot]!;
    // Blocked pairs score -1, below any minimum.
    if (score < 0 || load.capacityLeft[slot]! <= 0 || !passes(slot, score)) continue;
    total++;
    const mentor = ctx.mentors[slot]!;
    if (!isAfter(score, mentor)) before++;
    else best.offer(score, mentor);
  }
  return { scores: best.scores, mentors: best.ids, size: best.size, total, before };
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

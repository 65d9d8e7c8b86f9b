import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import {
  SCORE_SCALE,
  blockMask,
  buildCandidateGraph,
  buildScoringContext,
  candidateOracle,
  explainPair,
  scorePair,
  type ScoringContext,
} from '../../matching/index.js';
import { suggestedMenteeDepth } from '../../matching/candidates.js';
import { buildCandidateGraphParallel } from '../../matching-runtime/parallel-candidates.js';
import {
  solveGreedy,
  solveWithPruning,
  summarise,
  verifyCertificate,
  type AssignmentProblem,
  type AssignmentResult,
  type Pair,
} from '../../matching/assignment/index.js';
import { logger } from '../../logger.js';
import { Programme } from '../programme/programme.entity.js';
import { MatchRun } from './match-run.entity.js';
import { MatchRunStatus, ProposalSource, ProposalStatus } from './matching.enums.js';
import { loadProgrammeData, type ProgrammeData } from './programme-data.js';
import { toBreakdown, toReasons } from './suggestions.service.js';
import type { MatchRunStats } from './matching.types.js';
import { proposalCreatedEvents } from '../engagement/outbox.service.js';
import { bulkInsert } from '../../db/bulk-insert.js';

/** Candidates kept per unit of mentor capacity (and at least per mentee) by the pruned scorer. */
const PRUNING_K = 12;
/** The solver's starting subgraph per mentee / capacity unit: sparse, widened by certificate repair. */
const SOLVE_K = 4;
/** Below this many pairs the whole candidate graph is built; above, a two-sided top-k plus an oracle. */
const FULL_GRAPH_MAX_PAIRS = 20_000_000;
/** Proposals explained and inserted per step of the final write (explaining overlaps inserting). */
const WRITE_CHUNK = 4000;

export type ProgressReporter = (phase: string, progress: number) => Promise<void>;

export interface RunOutcome {
  stats: MatchRunStats;
  certificate: Record<string, unknown>;
  unmatched: { menteeId: string; code: string; message: string }[];
  proposals: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * Milliseconds of a run's phases, in order, logged with the run's result: wall clock, and CPU time
 * of this process (all its threads). On a shared machine the CPU figure shows what a phase costs
 * whatever else runs; time spent in PostgreSQL shows in the wall clock only.
 */
export interface PhaseTimings {
  wall: Record<string, number>;
  cpu: Record<string, number>;
}

export class PhaseClock {
  readonly timings: PhaseTimings = { wall: {}, cpu: {} };
  private wall = performance.now();
  private cpu = process.cpuUsage();

  /** Close the current phase under `phase` (added to it if it was already timed) and start the next. */
  lap(phase: string): void {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const t = this.timings;
    t.wall[phase] = Math.round((t.wall[phase] ?? 0) + wall - this.wall);
    t.cpu[phase] = Math.round((t.cpu[phase] ?? 0) + (cpu.user - this.cpu.user + cpu.system - this.cpu.system) / 1000);
    this.wall = wall;
    this.cpu = cpu;
  }
}

export interface MatchingComputation {
  ctx: ScoringContext;
  result: AssignmentResult;
  outcome: Omit<RunOutcome, 'proposals'>;
  pairs: { mentor: number; mentee: number; score: number }[];
  /** context, score, solve, verify (certificate check + greedy baseline), summarise. */
  phases: PhaseTimings;
}

type MatchingOptions = { minScore?: number | null; progress?: ProgressReporter; programmeId?: string; clock?: PhaseClock };

/** A solved programme whose optimum is known (the pairs to propose) but not yet verified or summarised. */
export interface SolvedProgramme {
  ctx: ScoringContext;
  /** The scorer's candidate graph (local indices ↔ person indices). */
  graph: ReturnType<typeof buildCandidateGraph>;
  problem: AssignmentProblem;
  result: AssignmentResult;
  pruned: boolean;
  menteeCount: number;
  mentorCount: number;
  pinsIgnored: number;
  pairs: { mentor: number; mentee: number; score: number }[];
  started: number;
  clock: PhaseClock;
}

/**
 * The matching computation on a loaded programme: score → exact solve (with exact pruning for big
 * programmes) → verify the certificate → greedy baseline → summarise. No database: the job and the
 * benchmarks' engine baseline run exactly this (the job starts writing between the two halves).
 */
export async function matchProgramme(data: ProgrammeData, opts: MatchingOptions): Promise<MatchingComputation> {
  const solved = await solveProgramme(data, opts);
  await (opts.progress ?? (async () => {}))('verifying', 0.75);
  return finishProgramme(data, solved, opts);
}

/** Score and solve: context → candidate graph → exact solve. */
export async function solveProgramme(data: ProgrammeData, opts: MatchingOptions): Promise<SolvedProgramme> {
  const started = performance.now();
  const clock = opts.clock ?? new PhaseClock();
  const lap = (phase: string) => clock.lap(phase);
  const progress = opts.progress ?? (async () => {});
  const minScore = Math.max(data.input.policy.minScore, opts.minScore ?? 0);
  data.input.policy = { ...data.input.policy, minScore };
  const ctx = buildScoringContext(data.input);
  const mentees = data.mentees.filter((m) => !data.matchedMentees.has(m));
  const mentors = data.mentors.map((m) => m.person);
  lap('context');
  await progress('scoring', 0.15);
  const pairCount = mentees.length * mentors.length;
  const pruned = pairCount > FULL_GRAPH_MAX_PAIRS;
  // Big programmes: a two-sided top-k graph (deep on the mentee side, ranked against pilot prices)
  // scored on every core; the solver proves its optimum against all pairs through the oracle.
  const graph = pruned
    ? (
        await buildCandidateGraphParallel(data.input, ctx, mentees, mentors, {
          minScore,
          topK: PRUNING_K,
          menteeDepth: suggestedMenteeDepth(mentors.length, PRUNING_K),
          mentorOffset: 'pilot',
        })
      ).graph
    : buildCandidateGraph(ctx, mentees, mentors, { minScore });
  const localMentee = new Map<number, number>();
  graph.mentees.forEach((p, i) => localMentee.set(p, i));
  const localMentor = new Map<number, number>();
  graph.mentors.forEach((p, j) => localMentor.set(p, j));

  // Pins the hard rules allow become forced pairs; the rest are reported as unmatched reasons by the solver.
  const pins: Pair[] = [];
  const pinnedMentees = new Set<number>();
  let pinsIgnored = 0;
  for (const pin of data.pins) {
    const i = localMentee.get(pin.mentee);
    const j = localMentor.get(pin.mentor);
    if (i === undefined || j === undefined || pinnedMentees.has(i)) continue;
    // The solver takes pins as allowed pairs: one that breaks a hard rule or scores below the
    // minimum cannot be forced here (a coordinator can still make it with overrideMatch).
    if (blockMask(ctx, pin.mentor, pin.mentee) !== 0 || scorePair(ctx, pin.mentor, pin.mentee) < minScore) {
      logger.warn({ programme: opts.programmeId ?? data.programmeId, pin }, 'pin breaks a hard rule or the minimum score; ignored');
      pinsIgnored++;
      continue;
    }
    pins.push({ mentee: i, mentor: j });
    pinnedMentees.add(i);
  }
  const problem: AssignmentProblem = {
    graph,
    capacity: graph.capacity,
    pins,
    ...(pruned ? { oracle: candidateOracle(ctx, graph.mentees, graph.mentors, { minScore }) } : {}),
  };
  lap('score');
  await progress('solving', 0.45);
  const result = solveWithPruning(problem, { k: SOLVE_K });
  lap('solve');
  const pairs: { mentor: number; mentee: number; score: number }[] = [];
  for (let i = 0; i < graph.menteeCount; i++) {
    const j = result.mentorOf[i]!;
    if (j >= 0) pairs.push({ mentee: graph.mentees[i]!, mentor: graph.mentors[j]!, score: result.scoreOf[i]! / SCORE_SCALE });
  }
  return { ctx, graph, problem, result, pruned, menteeCount: mentees.length, mentorCount: mentors.length, pinsIgnored, pairs, started, clock };
}

/** Verify the certificate independently, run the greedy baseline, and summarise: stats, certificate, unmatched reasons. */
export function finishProgramme(data: ProgrammeData, solved: SolvedProgramme, opts: { programmeId?: string }): MatchingComputation {
  const { ctx, graph, problem, result, pruned, pinsIgnored, pairs, started, clock } = solved;
  const lap = (phase: string) => clock.lap(phase);
  // Independent of the solver: every pair is checked, the ones the scorer dropped by its own bounds
  // (and rescored where those fall short) — a second full scoring pass would double the run.
  const check = verifyCertificate(problem, result, { trustScorerCutoffs: pruned });
  if (!check.ok) logger.error({ programme: opts.programmeId ?? data.programmeId, violations: check.violations.slice(0, 10) }, 'optimality certificate failed verification');
  const greedy = solveGreedy(problem);
  const greedySummary = summarise(greedy, problem);
  lap('verify');

  const scores = pairs.map((p) => p.score);
  scores.sort((a, b) => a - b);
  const distribution = new Array<number>(10).fill(0);
  for (const s of scores) distribution[Math.min(9, Math.floor(s / 10))]!++;
  const total = scores.reduce((a, b) => a + b, 0);
  const stats: MatchRunStats = {
    mentees: solved.menteeCount,
    mentors: solved.mentorCount,
    matched: result.matchedCount,
    unmatched: solved.menteeCount - result.matchedCount,
    pinned: result.pinnedCount,
    pinsIgnored,
    totalScore: Math.round(total * 100) / 100,
    meanScore: scores.length ? Math.round((total / scores.length) * 100) / 100 : 0,
    worstMatchedScore: scores[0] ?? 0,
    p10Score: percentile(scores, 0.1),
    medianScore: percentile(scores, 0.5),
    p90Score: percentile(scores, 0.9),
    distribution,
    greedy: {
      matched: greedySummary.matched,
      totalScore: greedy.totalScore / SCORE_SCALE,
      meanScore: greedySummary.matched ? Math.round((greedy.totalScore / SCORE_SCALE / greedySummary.matched) * 100) / 100 : 0,
    },
    candidatePairs: result.stats.edgesTotal,
    pairsUsed: result.stats.edgesUsed,
    rounds: result.stats.rounds,
    elapsedMs: 0,
  };
  const certificate = {
    verified: check.ok,
    matchBonus: result.certificate.matchBonus,
    primalObjective: result.certificate.primalObjective,
    dualObjective: result.certificate.dualObjective,
    violations: check.violations.slice(0, 20),
    menteeDual: Object.fromEntries(Array.from(graph.mentees, (p, i) => [data.personIds[p]!, result.certificate.menteeDual[i]!])),
    mentorDual: Object.fromEntries(Array.from(graph.mentors, (p, j) => [data.personIds[p]!, result.certificate.mentorDual[j]!])),
  };
  const unmatched = result.unmatched.map((u) => ({ menteeId: data.personIds[graph.mentees[u.mentee]!]!, code: u.code, message: u.message }));
  lap('summarise');
  stats.elapsedMs = Math.round(performance.now() - started);
  return { ctx, result, outcome: { stats, certificate, unmatched }, pairs, phases: clock.timings };
}

/**
 * Load the programme and compute its matching. Pure with respect to the database apart from the
 * initial load; nothing is written here. `stats.elapsedMs` covers the load too.
 */
export async function computeMatching(
  em: EntityManager,
  programme: Programme,
  opts: { minScore?: number | null; progress?: ProgressReporter; clock?: PhaseClock },
): Promise<MatchingComputation & { data: ProgrammeData }> {
  const started = performance.now();
  const clock = opts.clock ?? new PhaseClock();
  await (opts.progress ?? (async () => {}))('loading', 0.05);
  const data = await loadProgrammeData(em, programme, { capacityMode: 'remaining' });
  clock.lap('load');
  const computed = await matchProgramme(data, { ...opts, programmeId: programme.id, clock });
  computed.outcome.stats.elapsedMs = Math.round(performance.now() - started);
  return { ...computed, data };
}

/**
 * Execute a queued or synchronous run end to end. Proposals are written in ONE transaction with the
 * run's final status: a crash at any point before it commits leaves no proposals and the run
 * retryable; the previous run's open proposals are withdrawn in the same transaction.
 *
 * The write starts as soon as the optimum is known: while PostgreSQL inserts the proposals and
 * their outbox events, this thread explains the next chunk, then verifies the certificate and
 * summarises; the run's stats and certificate are the transaction's last statement.
 */
export async function executeMatchRun(orm: MikroORM, runId: string, opts: { now?: () => Date; writeChunk?: number } = {}): Promise<void> {
  const now = opts.now ?? (() => new Date());
  const chunk = Math.max(1, opts.writeChunk ?? WRITE_CHUNK);
  const em = orm.em.fork();
  const run = await em.findOne(MatchRun, { id: runId }, { populate: ['programme'] });
  if (!run) throw new Error(`match run ${runId} does not exist`);
  if (run.status === MatchRunStatus.SUCCEEDED) return; // a retried job after success: nothing to do
  const knex = em.getKnex();
  const setProgress: ProgressReporter = async (phase, progress) => {
    await knex('match_run').where({ id: runId }).update({ phase, progress, updated_at: now() });
  };
  await knex('match_run').where({ id: runId }).update({ status: MatchRunStatus.RUNNING, started_at: now(), phase: 'starting', progress: 0.01, error: null });
  try {
    const programme = run.programme as Programme;
    const started = performance.now();
    const clock = new PhaseClock();
    await setProgress('loading', 0.05);
    const data = await loadProgrammeData(em, programme, { capacityMode: 'remaining' });
    clock.lap('load');
    const matching = { minScore: (run.options.minScore as number | undefined) ?? null, progress: setProgress, programmeId: programme.id, clock };
    const solved = await solveProgramme(data, matching);
    const { ctx, pairs } = solved;
    await setProgress('writing', 0.8);
    const at = now();
    const proposalRows = (from: number, to: number) =>
      pairs.slice(from, to).map((p) => {
        const e = explainPair(ctx, p.mentor, p.mentee);
        return {
          id: randomUUID(),
          organization_id: data.organizationId,
          programme_id: data.programmeId,
          run_id: runId,
          mentor_id: data.personIds[p.mentor]!,
          mentee_id: data.personIds[p.mentee]!,
          score: p.score,
          breakdown: toBreakdown(e.breakdown),
          reasons: toReasons(e, 6).map((r) => ({ component: r.component, text: r.text, points: r.points })),
          status: ProposalStatus.PROPOSED,
          source: ProposalSource.RUN,
          created_at: at,
          updated_at: at,
        };
      });
    // A statement in flight keeps going in PostgreSQL while this thread computes; a failure is
    // seen when it is awaited, and must not count as unhandled meanwhile.
    const inFlight = (work: Promise<void>): Promise<void> => {
      work.catch(() => {});
      return work;
    };
    const dispatched = () => new Promise((resolve) => setImmediate(resolve));
    await em.transactional(async (tx) => {
      const trx = tx.getTransactionContext();
      const k = tx.getKnex();
      // Serialise concurrent runs of the same programme and writes of this run.
      await k.raw('select id from programme where id = ? for update', [data.programmeId]).transacting(trx);
      await k('match_proposal')
        .where({ programme_id: data.programmeId, status: ProposalStatus.PROPOSED, source: ProposalSource.RUN })
        .update({ status: ProposalStatus.WITHDRAWN, decided_at: at, decision_reason: 'Superseded by a newer match run', updated_at: at })
        .transacting(trx);
      // Chunk k+1 is explained while chunk k is inserted.
      const events: ReturnType<typeof proposalCreatedEvents> = [];
      let pending: Promise<void> = Promise.resolve();
      for (let from = 0; from < pairs.length; from += chunk) {
        clock.lap('write');
        const rows = proposalRows(from, from + chunk);
        events.push(...proposalCreatedEvents(rows, at));
        clock.lap('explain');
        await pending;
        pending = inFlight(bulkInsert(k, trx, 'match_proposal', rows, { chunkRows: chunk }));
        await dispatched();
      }
      await pending;
      // `proposal.created` outbox events, one statement, inserted while the certificate is checked.
      // The payload goes in as a value (bulkInsert's jsonb rule).
      const outbox = inFlight(
        bulkInsert(k, trx, 'outbox_event', events.map((e) => ({ ...e, payload: JSON.parse(e.payload) as unknown })), { chunkRows: Math.max(chunk, events.length), onConflictDoNothing: 'dedupe_key' }),
      );
      await dispatched();
      clock.lap('write');
      const { outcome } = finishProgramme(data, solved, matching);
      outcome.stats.elapsedMs = Math.round(performance.now() - started);
      await outbox;
      await k('match_run')
        .where({ id: runId })
        .update({
          status: MatchRunStatus.SUCCEEDED,
          phase: 'done',
          progress: 1,
          finished_at: now(),
          stats: JSON.stringify(outcome.stats),
          certificate: JSON.stringify(outcome.certificate),
          unmatched: JSON.stringify(outcome.unmatched),
          algorithm: outcome.stats.rounds > 1 || outcome.stats.pairsUsed < outcome.stats.candidatePairs ? 'exact-primal-dual+certified-pruning' : 'exact-primal-dual',
          updated_at: now(),
        })
        .transacting(trx);
    });
    clock.lap('write');
    logger.info({ runId, programme: data.programmeId, matched: pairs.length, proposals: pairs.length, ms: Math.round(performance.now() - started), phases: clock.timings }, 'match run succeeded');
  } catch (err) {
    logger.error({ err, runId }, 'match run failed');
    await knex('match_run').where({ id: runId }).update({ status: MatchRunStatus.FAILED, phase: 'failed', finished_at: now(), error: 'The run failed; see server logs. Nothing was written.' });
    throw err;
  }
}

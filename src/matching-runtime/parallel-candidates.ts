/**
 * The pruned candidate graph of a big programme, scored on several cores.
 *
 * The pure engine (src/matching) scores one slice of the mentees at a time (`scanCandidates`) and
 * merges slices (`prunedGraphFromScans`); the graph does not depend on how the mentees are split.
 * This driver runs the slices in parallel: the calling thread takes the first slice, each worker
 * thread another, and every worker builds its own scoring context from the plain `ScoringInput`
 * (structured-cloneable). Scans come back as transferred typed arrays, so nothing is copied twice.
 *
 * With `mentorOffset: 'pilot'` there are two rounds: every thread scans its share of the pilot
 * sample, the calling thread merges them into offsets and sends them out, then the real scans run.
 *
 * Falls back to one thread (the same result) when workers cannot start — e.g. when running from
 * TypeScript sources under a test runner, where there is no compiled worker script to load.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { offsetsFromPilot, scanCandidates, type CandidateScan } from '../matching/candidate-scan.js';
import {
  buildCandidateGraph,
  localIndex,
  pilotSample,
  prunedGraphFromScans,
  prunedGraphPlan,
  sliceBounds,
  type CandidateGraph,
} from '../matching/candidates.js';
import type { ScoringContext } from '../matching/context.js';
import type { ScoringInput } from '../matching/types.js';
import type { WorkerReply, WorkerRequest } from './candidate-worker.js';

export interface ParallelGraphOptions {
  readonly minScore?: number;
  readonly topK: number;
  readonly menteeDepth?: number;
  readonly mentorOffset?: Int32Array | 'pilot';
  /** Threads, the calling one included (default: available cores, at most 8). 1 = no workers. */
  readonly threads?: number;
}

export interface ParallelGraphResult {
  readonly graph: CandidateGraph;
  /** Threads that actually scored (1 when workers were unavailable). */
  readonly threads: number;
}

/** The compiled worker next to this module; undefined when running from sources (.ts). */
function workerScript(): URL | undefined {
  return import.meta.url.endsWith('.js') ? new URL('./candidate-worker.js', import.meta.url) : undefined;
}

/**
 * What a worker thread gets of the input. A prebuilt org tree is a class instance, and structured
 * cloning would strip its methods, so each worker rebuilds it from the managers; names only serve
 * reasons, which workers never produce.
 */
export function workerInput(input: ScoringInput): ScoringInput {
  const { orgTree: _tree, names: _names, ...plain } = input;
  return plain;
}

/**
 * `buildCandidateGraph(ctx, mentees, mentors, { topK, menteeDepth, mentorOffset })`, computed with
 * `threads` threads. `input` must be what `ctx` was built from.
 */
export async function buildCandidateGraphParallel(
  input: ScoringInput,
  ctx: ScoringContext,
  menteeIdxs: ArrayLike<number>,
  mentorIdxs: ArrayLike<number>,
  opts: ParallelGraphOptions,
): Promise<ParallelGraphResult> {
  const threads = Math.max(1, Math.min(opts.threads ?? Math.min(availableParallelism(), 8), Math.ceil(menteeIdxs.length / 64)));
  const script = workerScript();
  const sequential = (): ParallelGraphResult => ({
    graph: buildCandidateGraph(ctx, menteeIdxs, mentorIdxs, {
      ...(opts.minScore !== undefined ? { minScore: opts.minScore } : {}),
      topK: opts.topK,
      ...(opts.menteeDepth !== undefined ? { menteeDepth: opts.menteeDepth } : {}),
      ...(opts.mentorOffset !== undefined ? { mentorOffset: opts.mentorOffset } : {}),
    }),
    threads: 1,
  });
  if (threads === 1 || script === undefined) return sequential();

  // Validate and number everything once, here, exactly as buildCandidateGraph does.
  const mentees = localIndex(ctx, menteeIdxs, 'mentee');
  const mentors = localIndex(ctx, mentorIdxs, 'mentor');
  const capacity = Int32Array.from(mentors, (p) => ctx.people.capacity[p]!);
  const slots = Int32Array.from(mentors, (p) => ctx.mentorSlot[p]!);
  const minScore = opts.minScore ?? ctx.policy.minScore;
  const depth = opts.menteeDepth ?? opts.topK;
  const plan = prunedGraphPlan(capacity, opts.topK, depth, minScore);
  const pilot = opts.mentorOffset === 'pilot' ? pilotSample(mentees) : null;
  const slices = sliceBounds(mentees.length, threads);
  const pilotSlices = pilot === null ? null : sliceBounds(pilot.length, slices.length);

  const plainInput = workerInput(input);
  const workers: WorkerHandle[] = [];
  try {
    for (let t = 1; t < slices.length; t++) {
      const [from, to] = slices[t]!;
      const request: WorkerRequest = {
        input: plainInput,
        mentors,
        mentees: mentees.slice(from, to),
        menteeBase: from,
        pilot: pilot === null ? null : { mentees: pilot.slice(pilotSlices![t]![0], pilotSlices![t]![1]), base: pilotSlices![t]![0] },
        minScore,
        topK: opts.topK,
        menteeDepth: depth,
        mentorOffset: opts.mentorOffset instanceof Int32Array ? opts.mentorOffset : null,
      };
      workers.push(new WorkerHandle(new Worker(script, { workerData: request })));
    }
  } catch {
    for (const w of workers) void w.worker.terminate();
    return sequential();
  }
  try {
    let offset: Int32Array | null = opts.mentorOffset instanceof Int32Array ? Int32Array.from(opts.mentorOffset) : null;
    if (pilot !== null) {
      const [from, to] = pilotSlices![0]!;
      const own = scanCandidates(ctx, pilot.subarray(from, to), from, slots, plan.pilot);
      const others = await Promise.all(workers.map((w) => w.next('pilot')));
      offset = offsetsFromPilot([own, ...others], mentors.length, plan.pilot.mentorDepth);
      for (const w of workers) w.worker.postMessage(offset);
    }
    const [from, to] = slices[0]!;
    const own = scanCandidates(ctx, mentees.subarray(from, to), from, slots, plan.scan(offset));
    const others = await Promise.all(workers.map((w) => w.next('scan')));
    return { graph: prunedGraphFromScans(mentees, mentors, capacity, opts.topK, offset, [own, ...others]), threads: slices.length };
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}

/** Replies of one worker, in order; an error or an early exit rejects the next wait. */
class WorkerHandle {
  private readonly queue: WorkerReply[] = [];
  private waiting: { resolve: (r: WorkerReply) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => {
      if (this.waiting !== null) {
        const w = this.waiting;
        this.waiting = null;
        w.resolve(reply);
      } else {
        this.queue.push(reply);
      }
    });
    const fail = (error: Error): void => {
      this.failure ??= error;
      if (this.waiting !== null) {
        const w = this.waiting;
        this.waiting = null;
        w.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`candidate worker exited (code ${code}) before replying`)));
  }

  async next(kind: 'pilot' | 'scan'): Promise<CandidateScan> {
    let reply = this.queue.shift();
    if (reply === undefined) {
      if (this.failure !== null) throw this.failure;
      reply = await new Promise<WorkerReply>((resolve, reject) => {
        this.waiting = { resolve, reject };
      });
    }
    if (reply.kind === 'error') throw new Error(`candidate worker failed: ${reply.message}`);
    if (reply.kind !== kind) throw new Error(`candidate worker sent ${reply.kind}, expected ${kind}`);
    return reply.scan;
  }
}

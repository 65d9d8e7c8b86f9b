/**
 * Worker thread of `buildCandidateGraphParallel`: builds its own scoring context from the plain
 * input, scans its share of the pilot (if any), waits for the offsets, scans its slice of the
 * mentees, and posts each scan back with its buffers transferred.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scanCandidates, type CandidateScan } from '../matching/candidate-scan.js';
import { prunedGraphPlan } from '../matching/candidates.js';
import { buildScoringContext } from '../matching/context.js';
import type { ScoringInput } from '../matching/types.js';

export interface WorkerRequest {
  readonly input: ScoringInput;
  /** Person index of every local mentor (the whole programme's list). */
  readonly mentors: Int32Array;
  /** This worker's mentees (person indices) and the local index of the first. */
  readonly mentees: Int32Array;
  readonly menteeBase: number;
  /** This worker's share of the pilot sample, or null without a pilot. */
  readonly pilot: { readonly mentees: Int32Array; readonly base: number } | null;
  readonly minScore: number;
  readonly topK: number;
  readonly menteeDepth: number;
  /** Offsets given up front (no pilot), or null. */
  readonly mentorOffset: Int32Array | null;
}

export type WorkerReply = { readonly kind: 'pilot' | 'scan'; readonly scan: CandidateScan } | { readonly kind: 'error'; readonly message: string };

function transferables(scan: CandidateScan): ArrayBuffer[] {
  return [scan.rowOffsets, scan.rowMentor, scan.rowScore, scan.menteeCutoff, scan.eligibleCount, scan.mentorStart, scan.mentorKey, scan.mentorEligible].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

async function main(): Promise<void> {
  const port = parentPort!;
  const request = workerData as WorkerRequest;
  try {
    const ctx = buildScoringContext(request.input);
    const slots = Int32Array.from(request.mentors, (p) => ctx.mentorSlot[p]!);
    const capacity = Int32Array.from(request.mentors, (p) => ctx.people.capacity[p]!);
    const plan = prunedGraphPlan(capacity, request.topK, request.menteeDepth, request.minScore);
    let offset = request.mentorOffset;
    if (request.pilot !== null) {
      const scan = scanCandidates(ctx, request.pilot.mentees, request.pilot.base, slots, plan.pilot);
      port.postMessage({ kind: 'pilot', scan } satisfies WorkerReply, transferables(scan));
      offset = await new Promise<Int32Array>((resolve) => port.once('message', (message: Int32Array) => resolve(message)));
    }
    const scan = scanCandidates(ctx, request.mentees, request.menteeBase, slots, plan.scan(offset));
    port.postMessage({ kind: 'scan', scan } satisfies WorkerReply, transferables(scan));
  } catch (error) {
    port.postMessage({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
  }
}

void main();

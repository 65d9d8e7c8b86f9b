/**
 * Fairness view of an assignment: how many were matched, and how the matched mentees' scores are
 * distributed — in particular the worst-off matched mentee, which a total-score optimum can hide.
 * Scores here are in points (0..100), i.e. the engine's integer hundredths divided by 100.
 */
import { MAX_SCORE, type AssignmentOutcome, type AssignmentProblem } from './types.js';

export interface AssignmentSummary {
  readonly menteeCount: number;
  readonly matched: number;
  readonly unmatched: number;
  /** matched / menteeCount (1 when there are no mentees). */
  readonly matchRate: number;
  /** Sum of matched scores, points. */
  readonly totalScore: number;
  /** The remaining statistics are over matched mentees and are null when nobody is matched. */
  readonly meanScore: number | null;
  /** The worst-off matched mentee's score. */
  readonly minScore: number | null;
  readonly p10: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly maxScore: number | null;
  /** Matched mentees per 10-point bucket: [0,10), [10,20), …, [90,100] (100 goes in the last). */
  readonly histogram: readonly number[];
}

const toPoints = (hundredths: number): number => hundredths / 100;

/** Nearest-rank percentile of an ascending array (no interpolation: it is a real mentee's score). */
function percentile(sorted: Int32Array, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarise(result: AssignmentOutcome, problem: AssignmentProblem): AssignmentSummary {
  const n = problem.graph.menteeCount;
  const scores = new Int32Array(result.matchedCount);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (result.mentorOf[i]! >= 0 && k < scores.length) scores[k++] = result.scoreOf[i]!;
  }
  if (k !== scores.length) throw new Error(`summarise: matchedCount is ${result.matchedCount} but ${k} mentees have a mentor`);
  scores.sort();
  const histogram = new Array<number>(10).fill(0);
  let sum = 0;
  for (let t = 0; t < k; t++) {
    const s = scores[t]!;
    sum += s;
    const bucket = Math.min(9, Math.floor((s * 10) / MAX_SCORE));
    histogram[bucket]!++;
  }
  const stat = (x: number): number | null => (k === 0 ? null : toPoints(x));
  return {
    menteeCount: n,
    matched: k,
    unmatched: n - k,
    matchRate: n === 0 ? 1 : k / n,
    totalScore: toPoints(sum),
    meanScore: k === 0 ? null : sum / k / 100,
    minScore: stat(scores[0] ?? 0),
    p10: stat(k === 0 ? 0 : percentile(scores, 10)),
    p50: stat(k === 0 ? 0 : percentile(scores, 50)),
    p90: stat(k === 0 ? 0 : percentile(scores, 90)),
    maxScore: stat(scores[k - 1] ?? 0),
    histogram,
  };
}

/** How much better `optimal` is than `baseline` (typically the greedy solution), for run reports. */
export interface BaselineComparison {
  readonly extraMatched: number;
  /** Total score gained, points. */
  readonly scoreGain: number;
  /** Relative total-score gain in percent (null when the baseline total is 0). */
  readonly scoreGainPercent: number | null;
  /** Change in the worst-off matched mentee's score, points (null if either matched nobody). */
  readonly worstOffChange: number | null;
}

export function compareToBaseline(
  optimal: AssignmentOutcome,
  baseline: AssignmentOutcome,
  problem: AssignmentProblem,
): BaselineComparison {
  const a = summarise(optimal, problem);
  const b = summarise(baseline, problem);
  return {
    extraMatched: optimal.matchedCount - baseline.matchedCount,
    scoreGain: toPoints(optimal.totalScore - baseline.totalScore),
    scoreGainPercent: baseline.totalScore === 0 ? null : (100 * (optimal.totalScore - baseline.totalScore)) / baseline.totalScore,
    worstOffChange: a.minScore === null || b.minScore === null ? null : a.minScore - b.minScore,
  };
}

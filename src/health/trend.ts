import { DAY_MS, roundTo, toMs } from './time.js';
import type { HealthSnapshotPoint, HealthTrend, HealthTrendOptions } from './types.js';

export const DEFAULT_TREND_WINDOW_DAYS = 60;
export const DEFAULT_STABLE_SLOPE_PER_WEEK = 1;

/**
 * The direction of a relationship's health over its recent snapshots: the least-squares slope of
 * score against time, over the `windowDays` before the latest snapshot (no clock needed).
 * Fewer than two usable snapshots, or all at one instant, is STABLE with slope 0.
 */
export function healthTrend(snapshots: readonly HealthSnapshotPoint[], options: HealthTrendOptions = {}): HealthTrend {
  const windowDays = options.windowDays ?? DEFAULT_TREND_WINDOW_DAYS;
  const stableSlope = options.stableSlopePerWeek ?? DEFAULT_STABLE_SLOPE_PER_WEEK;
  if (!(windowDays > 0) || !(stableSlope >= 0)) {
    throw new RangeError('windowDays must be positive and stableSlopePerWeek non-negative');
  }
  const points = snapshots
    .map((s) => ({ atMs: toMs(s.at), score: s.score }))
    .filter((p) => !Number.isNaN(p.atMs) && Number.isFinite(p.score))
    .sort((a, b) => a.atMs - b.atMs || a.score - b.score);
  const latest = points[points.length - 1];
  if (latest === undefined) return { trend: 'STABLE', slopePerWeek: 0, samples: 0 };
  const window = points.filter((p) => p.atMs >= latest.atMs - windowDays * DAY_MS);
  const slopePerDay = leastSquaresSlope(window.map((p) => [(p.atMs - latest.atMs) / DAY_MS, p.score] as const));
  const slopePerWeek = roundTo(slopePerDay * 7, 2) + 0;
  const trend = Math.abs(slopePerWeek) < stableSlope || slopePerWeek === 0 ? 'STABLE' : slopePerWeek > 0 ? 'IMPROVING' : 'DECLINING';
  return { trend, slopePerWeek, samples: window.length };
}

function leastSquaresSlope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return 0;
  let meanX = 0;
  let meanY = 0;
  for (const [x, y] of points) {
    meanX += x / n;
    meanY += y / n;
  }
  let covariance = 0;
  let variance = 0;
  for (const [x, y] of points) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return variance > 1e-12 ? covariance / variance : 0;
}

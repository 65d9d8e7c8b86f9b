import { describe, expect, it } from 'vitest';
import { healthTrend } from '../../../src/health/index.js';
import { day } from './fixtures.js';

describe('health trend', () => {
  it('a score rising a point a day is IMPROVING at 7 points a week', () => {
    const snapshots = [0, 7, 14, 21, 28].map((n) => ({ at: day(n), score: 50 + n }));
    expect(healthTrend(snapshots)).toEqual({ trend: 'IMPROVING', slopePerWeek: 7, samples: 5 });
  });

  it('a falling score is DECLINING', () => {
    const snapshots = [0, 7, 14, 21].map((n, i) => ({ at: day(n), score: 90 - 6 * i }));
    expect(healthTrend(snapshots)).toMatchObject({ trend: 'DECLINING', slopePerWeek: -6 });
  });

  it('small wobbles are STABLE', () => {
    const snapshots = [80, 81, 80, 79, 80, 81].map((score, i) => ({ at: day(i * 7), score }));
    expect(healthTrend(snapshots).trend).toBe('STABLE');
  });

  it('too few snapshots are STABLE with no slope', () => {
    expect(healthTrend([])).toEqual({ trend: 'STABLE', slopePerWeek: 0, samples: 0 });
    expect(healthTrend([{ at: day(0), score: 40 }])).toEqual({ trend: 'STABLE', slopePerWeek: 0, samples: 1 });
    expect(healthTrend([{ at: day(0), score: 40 }, { at: day(0), score: 90 }]).trend).toBe('STABLE');
  });

  it('looks only at the recent window before the latest snapshot', () => {
    const snapshots = [
      { at: day(0), score: 20 },
      { at: day(100), score: 90 },
      { at: day(110), score: 80 },
      { at: day(120), score: 70 },
    ];
    expect(healthTrend(snapshots)).toMatchObject({ trend: 'DECLINING', samples: 3 });
    expect(healthTrend(snapshots, { windowDays: 365 }).trend).toBe('IMPROVING');
  });

  it('does not depend on the order of the snapshots', () => {
    const snapshots = [0, 7, 14, 21].map((n) => ({ at: day(n), score: 60 + (n % 3) }));
    expect(healthTrend([...snapshots].reverse())).toEqual(healthTrend(snapshots));
  });
});

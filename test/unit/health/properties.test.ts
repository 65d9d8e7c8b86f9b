import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateHealth, healthTrend, HEALTH_COMPONENT_NAMES, pulseSchedule, type HealthInput, type HealthResult } from '../../../src/health/index.js';
import { component, DAY, T0 } from './fixtures.js';

const at = (dayNumber: number): Date => new Date(T0 + Math.round(dayNumber * DAY));

/**
 * A number of days in [min, max] to the hour. (fc.double spreads over the representable doubles,
 * which crowds almost every value next to zero.)
 */
const days = (min: number, max: number): fc.Arbitrary<number> =>
  fc.integer({ min: Math.round(min * 24), max: Math.round(max * 24) }).map((hours) => hours / 24);

const fraction: fc.Arbitrary<number> = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);

/** Check-ins at a roughly steady rhythm, as most real pairs keep. */
const roughlyEvery: fc.Arbitrary<number[]> = fc
  .record({
    first: days(0, 20),
    every: days(3, 40),
    jitter: fc.array(days(-4, 4), { minLength: 1, maxLength: 40 }),
  })
  .map(({ first, every, jitter }) => jitter.map((j, i) => first + i * every + j));

/** Any plausible relationship: random policy, status, pauses, check-ins, pulses and goals. */
const facts = fc.record({
    status: fc.oneof(
      { arbitrary: fc.constant('ACTIVE' as const), weight: 5 },
      { arbitrary: fc.constantFrom('PAUSED', 'COMPLETED', 'ENDED_EARLY' as const), weight: 3 },
    ),
    nowDay: days(0, 700),
    plannedDays: fc.option(fc.integer({ min: 20, max: 900 }), { nil: null }),
    endedDay: fc.option(days(0, 700), { nil: null }),
    pauses: fc.option(
      fc.array(
        fc.record({
          from: days(-20, 700),
          length: fc.option(days(0, 200), { nil: null, freq: 6 }),
        }),
        { maxLength: 3 },
      ),
      { nil: undefined, freq: 2 },
    ),
    pausedDays: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
    checkInDays: fc.oneof(fc.array(days(-30, 720), { maxLength: 40 }), roughlyEvery),
    pulses: fc.array(
      fc.record({
        by: fc.constantFrom('MENTOR', 'MENTEE' as const),
        day: days(-10, 720),
        rating: fc.oneof({ arbitrary: fc.integer({ min: 3, max: 5 }), weight: 8 }, { arbitrary: fc.integer({ min: 1, max: 5 }), weight: 1 }),
        helping: fc.oneof(
          { arbitrary: fc.constant(true), weight: 8 },
          { arbitrary: fc.constant(null), weight: 2 },
          { arbitrary: fc.constant(false), weight: 1 },
        ),
      }),
      { maxLength: 8 },
    ),
    goals: fc.array(
      fc.record({
        baseline: fc.integer({ min: -100, max: 100 }),
        target: fc.integer({ min: -100, max: 100 }),
        createdDay: days(-30, 600),
        dueOffset: days(-10, 400),
        latestValue: fc.option(fc.integer({ min: -2000, max: 2000 }).map((n) => n / 10), { nil: null }),
        status: fc.constantFrom('ACTIVE', 'ACHIEVED', 'ABANDONED' as const),
        priority: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
    policy: fc.record({
      checkInCadenceDays: fc.integer({ min: 1, max: 60 }),
      stalledAfterDaysPastDue: fc.integer({ min: 0, max: 60 }),
      pulseFirstDueDays: fc.integer({ min: 1, max: 90 }),
      pulseEveryDays: fc.integer({ min: 1, max: 120 }),
      expectedDurationDays: fc.integer({ min: 30, max: 720 }),
    }),
  });

/** Half edge-biased (day 0, empty lists, extreme policies), half spread evenly over realistic values. */
const healthInput: fc.Arbitrary<HealthInput> = fc.oneof(facts, fc.noBias(facts)).map(
    (r): HealthInput => ({
      mentorship: {
        status: r.status,
        startedAt: at(0),
        expectedEndAt: r.plannedDays === null ? null : at(r.plannedDays),
        endedAt: r.endedDay === null ? null : at(r.endedDay),
        ...(r.pauses === undefined ? {} : { pauses: r.pauses.map((p) => ({ from: at(p.from), to: p.length === null ? null : at(p.from + p.length) })) }),
        ...(r.pausedDays === undefined ? {} : { pausedDays: r.pausedDays }),
      },
      policy: r.policy,
      checkIns: r.checkInDays.map((d) => ({ at: at(d) })),
      pulses: r.pulses.map((p) => ({ by: p.by, at: at(p.day), rating: p.rating, helping: p.helping })),
      goals: r.goals.map((g) => ({
        baseline: g.baseline,
        target: g.target,
        createdAt: at(g.createdDay),
        dueDate: at(g.createdDay + g.dueOffset),
        latestValue: g.latestValue,
        status: g.status,
        ...(g.priority === undefined ? {} : { priority: g.priority }),
      })),
      now: at(r.nowDay),
    }),
  );

const RUNS = { numRuns: 400 };

function recency(result: HealthResult): number {
  return component(result, 'recency').score;
}

/** The time up to which check-ins count: now, or the end of an ended relationship. */
function evaluationEnd(result: HealthResult): number {
  return result.evaluatedAt.getTime();
}

describe('health engine properties', () => {
  it('the score is always an integer in [0, 100] and every component is in [0, 1]', () => {
    fc.assert(
      fc.property(healthInput, (input) => {
        const result = evaluateHealth(input);
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(result.components.map((c) => c.name)).toEqual(HEALTH_COMPONENT_NAMES);
        for (const c of result.components) {
          expect(c.score).toBeGreaterThanOrEqual(0);
          expect(c.score).toBeLessThanOrEqual(1);
          expect(c.reasons.length).toBeGreaterThan(0);
        }
        expect(Number.isFinite(result.urgency)).toBe(true);
        expect(result.urgency).toBeGreaterThanOrEqual(0);
        expect(result.reasons.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('the status follows the rules: ENDED exactly when ended, STALLED exactly when flagged', () => {
    fc.assert(
      fc.property(healthInput, (input) => {
        const result = evaluateHealth(input);
        const ended = input.mentorship.status === 'COMPLETED' || input.mentorship.status === 'ENDED_EARLY';
        expect(result.status === 'ENDED').toBe(ended);
        if (!ended) expect(result.status === 'STALLED').toBe(result.flags.includes('STALLED'));
        if (result.status === 'THRIVING') expect(result.score).toBeGreaterThanOrEqual(80);
        if (ended) expect(result.urgency).toBe(0);
      }),
      RUNS,
    );
  });

  it('is deterministic and does not depend on the order of its inputs', () => {
    fc.assert(
      fc.property(healthInput, (input) => {
        const first = evaluateHealth(input);
        const again = evaluateHealth(structuredClone(input));
        const shuffled = evaluateHealth({
          ...input,
          checkIns: [...input.checkIns].reverse(),
          pulses: [...(input.pulses ?? [])].reverse(),
        });
        expect(again).toEqual(first);
        expect(shuffled).toEqual(first);
      }),
      RUNS,
    );
  });

  it('a more recent check-in never lowers recency', () => {
    fc.assert(
      fc.property(healthInput, fraction, (input, where) => {
        const before = evaluateHealth(input);
        const start = T0;
        const end = evaluationEnd(before);
        const times = input.checkIns.map((c) => (c.at as Date).getTime()).filter((t) => t >= start && t <= end);
        const latest = times.length === 0 ? start : Math.max(...times);
        const later = latest + (end - latest) * where;
        const after = evaluateHealth({ ...input, checkIns: [...input.checkIns, { at: new Date(later) }] });
        expect(recency(after)).toBeGreaterThanOrEqual(recency(before));
      }),
      RUNS,
    );
  });

  it('adding a check-in on schedule never lowers cadence adherence', () => {
    fc.assert(
      fc.property(healthInput, fraction, (input, where) => {
        const before = evaluateHealth(input);
        const cadenceDays = input.policy?.checkInCadenceDays ?? 14;
        const end = evaluationEnd(before);
        const times = input.checkIns.map((c) => (c.at as Date).getTime()).filter((t) => t >= T0 && t <= end);
        const previous = times.length === 0 ? T0 : Math.max(...times);
        const onSchedule = Math.min(end, previous + where * cadenceDays * DAY);
        const after = evaluateHealth({ ...input, checkIns: [...input.checkIns, { at: new Date(onSchedule) }] });
        expect(component(after, 'cadence').score).toBeGreaterThanOrEqual(component(before, 'cadence').score);
      }),
      RUNS,
    );
  });

  it('in an active relationship, adding any check-in never lowers cadence adherence', () => {
    fc.assert(
      fc.property(healthInput, days(0, 700), (input, dayNumber) => {
        const active = { ...input, mentorship: { ...input.mentorship, status: 'ACTIVE' as const } };
        const before = evaluateHealth(active);
        const after = evaluateHealth({ ...active, checkIns: [...active.checkIns, { at: at(dayNumber) }] });
        expect(component(after, 'cadence').score).toBeGreaterThanOrEqual(component(before, 'cadence').score);
      }),
      RUNS,
    );
  });

  it('the longer the silence, the lower recency', () => {
    fc.assert(
      fc.property(healthInput, days(0, 200), (input, extraDays) => {
        const now = (input.now as Date).getTime();
        const active = {
          ...input,
          mentorship: { ...input.mentorship, status: 'ACTIVE' as const, pauses: [] },
          checkIns: input.checkIns.filter((c) => (c.at as Date).getTime() <= now),
        };
        const earlier = evaluateHealth(active);
        const later = evaluateHealth({ ...active, now: new Date(now + extraDays * DAY) });
        expect(recency(later)).toBeLessThanOrEqual(recency(earlier));
      }),
      RUNS,
    );
  });

  it('the pulse schedule always looks forward from the latest answer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 120 }),
        fc.array(days(0, 500), { maxLength: 6 }),
        days(0, 600),
        (first, every, answers, nowDay) => {
          const schedule = pulseSchedule(at(0), { pulseFirstDueDays: first, pulseEveryDays: every }, at(nowDay), answers.map(at));
          const answered = answers.filter((d) => at(d).getTime() <= at(nowDay).getTime());
          if (answered.length > 0) expect(schedule.nextDueAt.getTime()).toBeGreaterThan(at(Math.max(...answered)).getTime());
          expect(schedule.overdue).toBe(at(nowDay).getTime() > schedule.nextDueAt.getTime());
          expect(schedule.missed).toBeGreaterThanOrEqual(0);
        },
      ),
      RUNS,
    );
  });

  it('the trend slope has the sign of a straight-line change', () => {
    fc.assert(
      fc.property(fc.integer({ min: -500, max: 500 }).map((n) => n / 100), fc.integer({ min: 2, max: 10 }), (perDay, count) => {
        const snapshots = Array.from({ length: count }, (_, i) => ({ at: at(i * 5), score: 50 + perDay * i * 5 }));
        const { trend, slopePerWeek } = healthTrend(snapshots);
        expect(slopePerWeek).toBeCloseTo(perDay * 7, 1);
        expect(trend).toBe(Math.abs(slopePerWeek) < 1 ? 'STABLE' : perDay > 0 ? 'IMPROVING' : 'DECLINING');
      }),
      RUNS,
    );
  });
});

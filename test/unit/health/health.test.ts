import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HEALTH_WEIGHTS,
  evaluateHealth,
  HEALTH_COMPONENT_NAMES,
  validateHealthPolicy,
  type HealthInput,
} from '../../../src/health/index.js';
import { checkInsEvery, checkInsOn, day, DAY, goal, pulse, scenario, T0 } from './fixtures.js';

/** A pair doing everything right, 100 days in. */
function thrivingPair(): HealthInput {
  return scenario({
    nowDay: 100,
    checkIns: checkInsEvery(14, 0, 98),
    pulses: [pulse('MENTEE', 30, 5, true), pulse('MENTOR', 31, 5, true), pulse('MENTEE', 90, 5, true), pulse('MENTOR', 91, 4, true)],
    goals: [goal({ title: 'Present at the quarterly review', latestValue: 9, dueDate: day(120) })],
  });
}

describe('relationship health status', () => {
  it('a pair that meets on schedule, rates it highly and keeps pace on its goals is THRIVING', () => {
    const result = evaluateHealth(thrivingPair());
    expect(result.status).toBe('THRIVING');
    expect(result.score).toBeGreaterThanOrEqual(90);
    expect(result.flags).toEqual([]);
    expect(result.reasons).toContain('Last check-in 2 days ago; cadence is every 14 days');
  });

  it('a pair that has not met for 40 days on a 14-day cadence is STALLED', () => {
    const result = evaluateHealth(scenario({ nowDay: 96, checkIns: checkInsEvery(14, 0, 56) }));
    expect(result.status).toBe('STALLED');
    expect(result.flags[0]).toBe('STALLED');
    expect(result.reasons[0]).toBe('Last check-in 40 days ago; cadence is every 14 days — more than 21 days past due');
  });

  it('a pair 30 days past a check-in (less than the stalled threshold) is not STALLED', () => {
    const result = evaluateHealth(scenario({ nowDay: 86, checkIns: checkInsEvery(14, 0, 56) }));
    expect(result.status).not.toBe('STALLED');
    expect(result.flags).toContain('CHECK_IN_OVERDUE');
  });

  it('honours the programme’s own stalled threshold', () => {
    const input = scenario({ nowDay: 86, checkIns: checkInsEvery(14, 0, 56), policy: { stalledAfterDaysPastDue: 10 } });
    expect(evaluateHealth(input).status).toBe('STALLED');
  });

  it('a relationship in its first cadence period is NEW', () => {
    const result = evaluateHealth(scenario({ nowDay: 6, checkIns: checkInsOn(1) }));
    expect(result.status).toBe('NEW');
    expect(result.reasons[0]).toBe('New relationship, 6 days in: early signals only');
  });

  it('a new relationship whose mentee rates it 1/5 is AT_RISK at once', () => {
    const result = evaluateHealth(scenario({ nowDay: 6, checkIns: checkInsOn(1), pulses: [pulse('MENTEE', 5, 1)] }));
    expect(result.status).toBe('AT_RISK');
    expect(result.flags).toContain('LOW_PULSE');
    expect(result.reasons[0]).toBe('Mentee rates it 1/5; the mentor has not answered a pulse yet');
  });

  it('a well-met pair whose mentee rates it 2/5 is AT_RISK although its score is high', () => {
    const input = { ...thrivingPair(), pulses: [pulse('MENTEE', 90, 2), pulse('MENTOR', 90, 3)] };
    const result = evaluateHealth(input);
    expect(result.score).toBeGreaterThanOrEqual(70);
    expect(result.status).toBe('AT_RISK');
  });

  it('a pair that meets rarely and unevenly and is behind on its goals is AT_RISK on score', () => {
    const result = evaluateHealth(
      scenario({
        nowDay: 120,
        checkIns: checkInsOn(3, 5, 60, 100),
        pulses: [pulse('MENTEE', 40, 3), pulse('MENTOR', 40, 3)],
        goals: [goal({ latestValue: 1 })],
      }),
    );
    expect(result.flags).not.toContain('STALLED');
    expect(result.score).toBeLessThan(60);
    expect(result.status).toBe('AT_RISK');
  });

  it('a pair with a warning but a good score is HEALTHY rather than THRIVING', () => {
    const input = { ...thrivingPair(), goals: [] };
    const result = evaluateHealth(input);
    expect(result.flags).toEqual(['NO_GOALS']);
    expect(result.score).toBeGreaterThanOrEqual(80);
    expect(result.status).toBe('HEALTHY');
  });

  it.each(['COMPLETED', 'ENDED_EARLY'] as const)('a %s relationship is ENDED, evaluated at its end, with no urgency', (status) => {
    const result = evaluateHealth(scenario({ nowDay: 300, checkIns: checkInsEvery(14, 0, 250), mentorship: { status, endedAt: day(255) } }));
    expect(result.status).toBe('ENDED');
    expect(result.evaluatedAt).toEqual(day(255));
    expect(result.urgency).toBe(0);
    expect(result.nextCheckInDueAt).toBeNull();
    expect(result.flags).not.toContain('STALLED');
  });

  it('an ended relationship without an end date is evaluated now', () => {
    const result = evaluateHealth(scenario({ nowDay: 200, mentorship: { status: 'COMPLETED', endedAt: null } }));
    expect(result.evaluatedAt).toEqual(day(200));
  });

  it('counts an exit pulse answered just after the end', () => {
    const result = evaluateHealth(
      scenario({ nowDay: 280, checkIns: checkInsEvery(14, 0, 266), mentorship: { status: 'COMPLETED', endedAt: day(270) }, pulses: [pulse('MENTEE', 272, 5)] }),
    );
    expect(result.components.find((c) => c.name === 'pulse')?.neutral).toBe(false);
  });
});

describe('score, reasons and urgency', () => {
  it('is the weighted mean of the components that have data', () => {
    const result = evaluateHealth(thrivingPair());
    const counted = result.components.filter((c) => !c.neutral);
    const expected = counted.reduce((s, c) => s + c.weight * c.score, 0) / counted.reduce((s, c) => s + c.weight, 0);
    expect(result.score).toBe(Math.round(expected * 100));
    expect(result.components.map((c) => c.name)).toEqual(HEALTH_COMPONENT_NAMES);
    expect(result.components.map((c) => c.weight)).toEqual(HEALTH_COMPONENT_NAMES.map((n) => DEFAULT_HEALTH_WEIGHTS[n]));
  });

  it('leaves neutral components out rather than punishing a young relationship', () => {
    const result = evaluateHealth(scenario({ nowDay: 5 }));
    expect(result.score).toBe(100);
    expect(result.components.filter((c) => c.neutral).map((c) => c.name)).toEqual(['cadence', 'regularity', 'pulse', 'goals']);
  });

  it('accepts custom weights', () => {
    const input = scenario({ nowDay: 100, checkIns: checkInsEvery(14, 0, 98), pulses: [pulse('MENTEE', 90, 1), pulse('MENTOR', 90, 1)] });
    expect(evaluateHealth(input, { weights: { pulse: 1, cadence: 0, recency: 0, regularity: 0, goals: 0, duration: 0 } }).score).toBe(0);
    expect(evaluateHealth(input, { weights: { pulse: 0 } }).score).toBe(100);
  });

  it('accepts custom thresholds', () => {
    const input = { ...thrivingPair(), pulses: [pulse('MENTEE', 90, 3), pulse('MENTOR', 90, 3)] };
    expect(evaluateHealth(input).status).toBe('THRIVING');
    expect(evaluateHealth(input, { thresholds: { thriving: 95 } }).status).toBe('HEALTHY');
    expect(evaluateHealth(input, { thresholds: { atRisk: 95, thriving: 99 } }).status).toBe('AT_RISK');
  });

  it('puts the most urgent reasons first and limits their number', () => {
    const result = evaluateHealth(
      scenario({
        nowDay: 120,
        checkIns: checkInsOn(3, 60, 70),
        pulses: [pulse('MENTEE', 90, 2), pulse('MENTOR', 90, 5)],
        goals: [goal({ latestValue: 1, title: 'Lead a project' })],
      }),
      { maxReasons: 2 },
    );
    expect(result.reasons).toEqual([
      'Last check-in 50 days ago; cadence is every 14 days — more than 21 days past due',
      'Mentee rates it 2/5 while the mentor rates it 5/5',
    ]);
  });

  it('orders an at-risk queue: stalled and at-risk pairs above healthy ones, longer stalls first', () => {
    const healthy = evaluateHealth(thrivingPair());
    const atRisk = evaluateHealth({ ...thrivingPair(), pulses: [pulse('MENTEE', 90, 2), pulse('MENTOR', 90, 3)] });
    const stalled = evaluateHealth(scenario({ nowDay: 96, checkIns: checkInsEvery(14, 0, 56) }));
    const staler = evaluateHealth(scenario({ nowDay: 130, checkIns: checkInsEvery(14, 0, 56) }));
    expect(atRisk.urgency).toBeGreaterThan(healthy.urgency);
    expect(stalled.urgency).toBeGreaterThan(healthy.urgency);
    expect(staler.urgency).toBeGreaterThan(stalled.urgency);
  });

  it('gives the same answer whatever the order of the inputs, and for Dates or epoch ms', () => {
    const input = scenario({
      nowDay: 120,
      checkIns: checkInsOn(3, 60, 70, 14, 28),
      pulses: [pulse('MENTOR', 90, 4), pulse('MENTEE', 90, 2), pulse('MENTEE', 90, 3)],
      goals: [goal({ latestValue: 1 }), goal({ latestValue: 9 })],
    });
    const reversed: HealthInput = {
      ...input,
      checkIns: [...input.checkIns].reverse().map((c) => ({ at: (c.at as Date).getTime() })),
      pulses: [...(input.pulses ?? [])].reverse(),
      now: T0 + 120 * DAY,
    };
    expect(evaluateHealth(reversed)).toEqual(evaluateHealth(input));
  });

  it('ignores check-ins before the start or after now', () => {
    const withNoise = evaluateHealth(scenario({ nowDay: 60, checkIns: [...checkInsEvery(14, 0, 56), ...checkInsOn(-5, 61, 400)] }));
    const clean = evaluateHealth(scenario({ nowDay: 60, checkIns: checkInsEvery(14, 0, 56) }));
    expect(withNoise).toEqual(clean);
  });
});

describe('inputs and policy', () => {
  it('fills a partial policy from the defaults', () => {
    const input = { ...scenario({ nowDay: 60, checkIns: checkInsEvery(14, 0, 56) }) };
    delete input.policy;
    expect(evaluateHealth(input).status).not.toBe('ENDED');
  });

  it('rejects an unusable policy with every problem listed', () => {
    expect(() => evaluateHealth(scenario({ nowDay: 10, policy: { checkInCadenceDays: 0 } }))).toThrow(RangeError);
    expect(validateHealthPolicy({ checkInCadenceDays: -1, pulseEveryDays: Number.NaN })).toEqual([
      'checkInCadenceDays must be a positive number',
      'pulseEveryDays must be a positive number',
    ]);
    expect(validateHealthPolicy({ checkInCadenceDays: 21 })).toEqual([]);
  });

  it('rejects negative weights and an invalid now', () => {
    expect(() => evaluateHealth(scenario({ nowDay: 10 }), { weights: { pulse: -1 } })).toThrow(RangeError);
    expect(() => evaluateHealth({ ...scenario({ nowDay: 10 }), now: new Date(Number.NaN) })).toThrow(RangeError);
  });

  it('treats a now before the start as day 0', () => {
    const result = evaluateHealth(scenario({ nowDay: -3 }));
    expect(result.status).toBe('NEW');
    expect(result.activeDays).toBe(0);
  });
});

describe('private requests for support beyond mentoring', () => {
  it('an open request puts a thriving pair in the at-risk queue without saying who or why', () => {
    const result = evaluateHealth({ ...thrivingPair(), supportRequests: [{ at: day(95), resolvedAt: null }] });
    expect(result.status).toBe('AT_RISK');
    expect(result.flags[0]).toBe('SUPPORT_REQUESTED');
    expect(result.reasons[0]).toBe('A participant has privately asked for support beyond mentoring');
    expect(result.score).toBe(evaluateHealth(thrivingPair()).score);
  });

  it('a resolved request, or one raised after now, is not flagged', () => {
    const resolved = evaluateHealth({ ...thrivingPair(), supportRequests: [{ at: day(60), resolvedAt: day(70) }, { at: day(130), resolvedAt: null }] });
    expect(resolved.flags).not.toContain('SUPPORT_REQUESTED');
    expect(resolved.status).toBe('THRIVING');
  });
});

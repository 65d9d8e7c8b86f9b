import { describe, expect, it } from 'vitest';
import { evaluateHealth } from '../../../src/health/index.js';
import { checkInsEvery, checkInsOn, component, day, DAY, goal, pulse, scenario, T0 } from './fixtures.js';

describe('cadence adherence', () => {
  it('a pair meeting every 14 days on a 14-day cadence has full adherence', () => {
    const result = evaluateHealth(scenario({ nowDay: 90, checkIns: checkInsEvery(14, 0, 84) }));
    const cadence = component(result, 'cadence');
    expect(cadence.score).toBe(1);
    expect(cadence.neutral).toBe(false);
    expect(cadence.reasons).toEqual(['7 check-ins in 90 days: on pace for one every 14 days']);
  });

  it('a pair that met 3 times in 12 weeks of a 14-day cadence scores 3 out of the 5 that were due', () => {
    const result = evaluateHealth(scenario({ nowDay: 84, checkIns: checkInsOn(10, 40, 80) }));
    const cadence = component(result, 'cadence');
    expect(cadence.score).toBeCloseTo(3 / 5);
    expect(cadence.reasons).toEqual(['3 check-ins in 84 days; about 5 were due at one every 14 days']);
  });

  it('a pair that is on schedule but mid-cycle is not marked down', () => {
    // Day 54: the check-in due on day 56 is not due yet.
    const result = evaluateHealth(scenario({ nowDay: 54, checkIns: checkInsOn(14, 28, 42) }));
    expect(component(result, 'cadence').score).toBe(1);
  });

  it('is neutral in the first weeks, says so, and does not count in the total', () => {
    const result = evaluateHealth(scenario({ nowDay: 10, checkIns: [] }));
    const cadence = component(result, 'cadence');
    expect(cadence.neutral).toBe(true);
    expect(cadence.reasons[0]).toMatch(/^Too early to judge cadence/);
  });

  it('counts a meeting that both mentor and mentee logged once', () => {
    const both = [...checkInsOn(14, 28, 42, 56), { at: new Date(T0 + 14 * DAY + 3_600_000) }, { at: new Date(T0 + 28 * DAY + 1_800_000) }];
    const result = evaluateHealth(scenario({ nowDay: 60, checkIns: both }));
    expect(component(result, 'cadence').reasons[0]).toMatch(/^4 check-ins in 60 days/);
  });

  it('does not count paused time against the cadence', () => {
    const checkIns = [...checkInsEvery(14, 0, 56), ...checkInsOn(125)];
    const paused = evaluateHealth(
      scenario({ nowDay: 130, checkIns, mentorship: { pauses: [{ from: day(60), to: day(120) }] } }),
    );
    const unpaused = evaluateHealth(scenario({ nowDay: 130, checkIns }));
    expect(component(paused, 'cadence').score).toBe(1);
    expect(component(paused, 'cadence').reasons[0]).toBe('6 check-ins in 70 days, not counting paused time: on pace for one every 14 days');
    expect(component(unpaused, 'cadence').score).toBeLessThan(1);
  });

  it('subtracts a paused total whose dates are unknown from the expected number', () => {
    const checkIns = checkInsEvery(14, 0, 56);
    const withTotal = evaluateHealth(scenario({ nowDay: 120, checkIns, mentorship: { pausedDays: 56 } }));
    const without = evaluateHealth(scenario({ nowDay: 120, checkIns }));
    expect(component(withTotal, 'cadence').score).toBeGreaterThan(component(without, 'cadence').score);
    expect(withTotal.activeDays).toBe(64);
  });
});

describe('recency', () => {
  it('explains an overdue check-in in plain words', () => {
    const result = evaluateHealth(scenario({ nowDay: 90, checkIns: checkInsEvery(14, 0, 56) }));
    const recency = component(result, 'recency');
    expect(recency.reasons[0]).toBe('Last check-in 34 days ago; cadence is every 14 days');
    expect(recency.score).toBeGreaterThan(0.3);
    expect(recency.score).toBeLessThan(1);
    expect(result.flags).toContain('CHECK_IN_OVERDUE');
    expect(result.status).not.toBe('STALLED');
  });

  it('stays at 1 while the next check-in is not yet due', () => {
    const result = evaluateHealth(scenario({ nowDay: 66, checkIns: checkInsEvery(14, 0, 56) }));
    expect(component(result, 'recency').score).toBe(1);
    expect(result.flags).not.toContain('CHECK_IN_OVERDUE');
    expect(result.daysSinceLastCheckIn).toBe(10);
    expect(result.nextCheckInDueAt).toEqual(day(70));
  });

  it('falls as the silence grows, and flags STALLED beyond the policy threshold', () => {
    const scores = [60, 75, 80, 90, 100, 120].map(
      (nowDay) => component(evaluateHealth(scenario({ nowDay, checkIns: checkInsEvery(14, 0, 56) })), 'recency').score,
    );
    for (let i = 1; i < scores.length; i += 1) expect(scores[i]).toBeLessThanOrEqual(scores[i - 1] ?? 1);
    const stalled = evaluateHealth(scenario({ nowDay: 100, checkIns: checkInsEvery(14, 0, 56) }));
    expect(stalled.flags).toContain('STALLED');
    expect(component(stalled, 'recency').reasons[0]).toBe(
      'Last check-in 44 days ago; cadence is every 14 days — more than 21 days past due',
    );
  });

  it('notices a pair that has never met', () => {
    const result = evaluateHealth(scenario({ nowDay: 30 }));
    expect(component(result, 'recency').reasons[0]).toBe('No check-in logged in the 30 days since the start; cadence is every 14 days');
    expect(result.daysSinceLastCheckIn).toBeNull();
  });

  it('tells a new pair when the first check-in is due', () => {
    const result = evaluateHealth(scenario({ nowDay: 3 }));
    expect(component(result, 'recency').reasons[0]).toBe('No check-in yet; the first is due by 2025-01-20 (cadence is every 14 days)');
  });

  it('does not let a pause make a check-in overdue', () => {
    const result = evaluateHealth(
      scenario({ nowDay: 125, checkIns: checkInsEvery(14, 0, 56), mentorship: { pauses: [{ from: day(60), to: day(120) }] } }),
    );
    expect(component(result, 'recency').score).toBe(1);
    expect(component(result, 'recency').reasons[0]).toBe('Last check-in 69 days ago (9 days not counting the pause); cadence is every 14 days');
    expect(result.nextCheckInDueAt).toEqual(day(130));
  });

  it('assumes an unrecorded pause began at the last check-in, and says so', () => {
    const result = evaluateHealth(scenario({ nowDay: 100, checkIns: checkInsEvery(14, 0, 56), mentorship: { status: 'PAUSED' } }));
    expect(component(result, 'recency').score).toBe(1);
    expect(component(result, 'recency').reasons[1]).toMatch(/pause start is not recorded.*\(2025-03-03\)/);
    expect(result.nextCheckInDueAt).toBeNull();
    expect(result.flags).not.toContain('CHECK_IN_OVERDUE');
  });

  it('flags a pause that has gone on too long', () => {
    const result = evaluateHealth(
      scenario({ nowDay: 150, checkIns: checkInsEvery(14, 0, 56), mentorship: { status: 'PAUSED', pauses: [{ from: day(60), to: null }] } }),
    );
    expect(result.flags).toContain('LONG_PAUSE');
    expect(result.reasons[0]).toBe('Paused for 90 days, longer than 60 days: resume or close it');
    expect(result.status).toBe('HEALTHY');
  });
});

describe('regularity', () => {
  it('rewards an even rhythm', () => {
    const result = evaluateHealth(scenario({ nowDay: 90, checkIns: checkInsEvery(14, 0, 84) }));
    expect(component(result, 'regularity').score).toBe(1);
    expect(component(result, 'regularity').reasons).toEqual(['Regular rhythm: check-ins every 14 days']);
  });

  it('marks down bursts followed by long gaps', () => {
    const result = evaluateHealth(scenario({ nowDay: 90, checkIns: checkInsOn(1, 3, 40, 42, 85) }));
    const regularity = component(result, 'regularity');
    expect(regularity.score).toBeLessThan(0.6);
    expect(regularity.reasons).toEqual(['Irregular: gaps between check-ins range from 2 to 43 days']);
  });

  it('is neutral with fewer than three check-ins', () => {
    const result = evaluateHealth(scenario({ nowDay: 30, checkIns: checkInsOn(2, 16) }));
    expect(component(result, 'regularity').neutral).toBe(true);
    expect(component(result, 'regularity').reasons[0]).toBe('Not enough check-ins yet to judge regularity (2 check-ins; needs 3)');
  });

  it('measures gaps in active time, so a pause between meetings is not a gap', () => {
    const result = evaluateHealth(
      scenario({
        nowDay: 130,
        checkIns: [...checkInsEvery(14, 0, 56), ...checkInsOn(124)],
        mentorship: { pauses: [{ from: day(60), to: day(114) }] },
      }),
    );
    expect(component(result, 'regularity').score).toBe(1);
  });
});

describe('pulse', () => {
  const onSchedule = checkInsEvery(14, 0, 98);

  it('names a large gap between mentee and mentor', () => {
    const result = evaluateHealth(scenario({ nowDay: 100, checkIns: onSchedule, pulses: [pulse('MENTEE', 90, 2), pulse('MENTOR', 91, 5)] }));
    expect(component(result, 'pulse').reasons[0]).toBe('Mentee rates it 2/5 while the mentor rates it 5/5');
    expect(result.flags).toEqual(expect.arrayContaining(['PULSE_GAP', 'LOW_PULSE']));
    expect(result.reasons[0]).toBe('Mentee rates it 2/5 while the mentor rates it 5/5');
  });

  it('is neutral before anyone has answered, and says when the first is due', () => {
    const result = evaluateHealth(scenario({ nowDay: 20, checkIns: checkInsOn(0, 14) }));
    const p = component(result, 'pulse');
    expect(p.neutral).toBe(true);
    expect(p.reasons).toEqual(['No pulse answers yet; the first is due 2025-02-05']);
  });

  it('uses only each participant’s latest answer', () => {
    const result = evaluateHealth(
      scenario({ nowDay: 100, checkIns: onSchedule, pulses: [pulse('MENTEE', 30, 1), pulse('MENTEE', 90, 5), pulse('MENTOR', 90, 5)] }),
    );
    expect(component(result, 'pulse').score).toBe(1);
    expect(component(result, 'pulse').reasons).toEqual(['Both rate it 5/5']);
    expect(result.flags).not.toContain('LOW_PULSE');
  });

  it('weighs the mentee a little more than the mentor', () => {
    const menteeHigh = evaluateHealth(scenario({ nowDay: 100, pulses: [pulse('MENTEE', 90, 5), pulse('MENTOR', 90, 4)] }));
    const mentorHigh = evaluateHealth(scenario({ nowDay: 100, pulses: [pulse('MENTEE', 90, 4), pulse('MENTOR', 90, 5)] }));
    expect(component(menteeHigh, 'pulse').score).toBeCloseTo(0.6 + 0.4 * 0.75);
    expect(component(menteeHigh, 'pulse').score).toBeGreaterThan(component(mentorHigh, 'pulse').score);
  });

  it('flags a participant who says it is not helping', () => {
    const result = evaluateHealth(scenario({ nowDay: 100, checkIns: onSchedule, pulses: [pulse('MENTEE', 90, 4, false), pulse('MENTOR', 90, 4, true)] }));
    expect(result.flags).toContain('NOT_HELPING');
    expect(component(result, 'pulse').reasons).toContain('The mentee says it is not helping');
    expect(result.status).toBe('AT_RISK');
  });

  it('works with one participant’s answer', () => {
    const result = evaluateHealth(scenario({ nowDay: 40, pulses: [pulse('MENTOR', 30, 4)] }));
    expect(component(result, 'pulse').score).toBeCloseTo(0.75);
    expect(component(result, 'pulse').reasons[0]).toBe('Mentor rates it 4/5; the mentee has not answered a pulse yet');
  });

  it('can describe ratings without quoting them', () => {
    const result = evaluateHealth(scenario({ nowDay: 100, pulses: [pulse('MENTEE', 90, 2), pulse('MENTOR', 91, 5)] }), { revealPulseRatings: false });
    expect(component(result, 'pulse').reasons[0]).toBe('Mentor and mentee see it very differently in their latest pulses');
    expect(result.reasons.join(' ')).not.toMatch(/\/5/);
  });

  it('notes overdue pulses after a grace period, without marking the score down', () => {
    const base = { checkIns: onSchedule, pulses: [pulse('MENTEE', 30, 4), pulse('MENTOR', 30, 4)] };
    const justDue = evaluateHealth(scenario({ nowDay: 95, ...base }));
    expect(justDue.flags).not.toContain('PULSE_OVERDUE');
    const overdue = evaluateHealth(scenario({ nowDay: 100, ...base }));
    expect(overdue.flags).toContain('PULSE_OVERDUE');
    expect(component(overdue, 'pulse').reasons).toContain("Mentee's pulse is 10 days overdue (due 2025-04-06)");
    expect(component(overdue, 'pulse').score).toBe(component(justDue, 'pulse').score);
    expect(overdue.pulseSchedules.MENTEE).toMatchObject({ overdue: true, daysOverdue: 10, missed: 1 });
  });

  it('does not chase pulses while the relationship is paused', () => {
    const result = evaluateHealth(
      scenario({ nowDay: 100, checkIns: checkInsEvery(14, 0, 28), mentorship: { status: 'PAUSED', pauses: [{ from: day(30), to: null }] } }),
    );
    expect(result.flags).not.toContain('PULSE_OVERDUE');
  });
});

describe('goal progress against elapsed time', () => {
  it('is full marks when progress keeps pace with time', () => {
    const result = evaluateHealth(scenario({ nowDay: 50, goals: [goal({ latestValue: 6, title: 'Run a design review' })] }));
    expect(component(result, 'goals').score).toBe(1);
    expect(component(result, 'goals').reasons).toEqual(['1 goal: 1 on track']);
  });

  it('explains a goal that trails its time', () => {
    const result = evaluateHealth(scenario({ nowDay: 75, goals: [goal({ latestValue: 2.5, title: 'Run a design review' })] }));
    const goals = component(result, 'goals');
    expect(goals.score).toBeCloseTo(0.5);
    expect(goals.reasons[0]).toBe("Goal 'Run a design review' is 25% of the way to target with 75% of its time gone");
    expect(result.flags).toContain('GOALS_BEHIND');
  });

  it('says how long ago an unfinished goal was due', () => {
    const result = evaluateHealth(scenario({ nowDay: 110, goals: [goal({ latestValue: 6 })] }));
    expect(component(result, 'goals').reasons[0]).toBe('Goal 1 was due 10 days ago and is 60% of the way to target');
    expect(component(result, 'goals').score).toBeCloseTo(0.6);
  });

  it('handles goals whose target is below the baseline', () => {
    const result = evaluateHealth(scenario({ nowDay: 50, goals: [goal({ baseline: 40, target: 20, latestValue: 30 })] }));
    expect(component(result, 'goals').score).toBe(1);
  });

  it('counts achieved goals in full and leaves abandoned ones out', () => {
    const result = evaluateHealth(
      scenario({
        nowDay: 90,
        goals: [goal({ status: 'ACHIEVED', latestValue: 3 }), goal({ status: 'ABANDONED', latestValue: 0 }), goal({ latestValue: 9 })],
      }),
    );
    expect(component(result, 'goals').score).toBe(1);
    expect(component(result, 'goals').reasons).toEqual(['2 goals: 1 achieved, 1 on track (1 abandoned)']);
  });

  it('weights goals by priority', () => {
    const result = evaluateHealth(
      scenario({ nowDay: 100, goals: [goal({ latestValue: 10, priority: 3 }), goal({ latestValue: 0, priority: 1 })] }),
    );
    expect(component(result, 'goals').score).toBeCloseTo(0.75);
  });

  it('is neutral without goals, and asks for SMART goals once the pair is under way', () => {
    const early = evaluateHealth(scenario({ nowDay: 20 }));
    expect(component(early, 'goals').neutral).toBe(true);
    expect(early.flags).not.toContain('NO_GOALS');
    const late = evaluateHealth(scenario({ nowDay: 60, checkIns: checkInsEvery(14, 0, 56) }));
    expect(component(late, 'goals').neutral).toBe(true);
    expect(late.flags).toContain('NO_GOALS');
    expect(component(late, 'goals').reasons[0]).toBe('No measurable goals set yet after 60 days: agree SMART goals to measure progress');
  });
});

describe('duration against the planned length', () => {
  it('is full marks inside the plan', () => {
    const result = evaluateHealth(scenario({ nowDay: 120 }));
    expect(component(result, 'duration').score).toBe(1);
    expect(component(result, 'duration').reasons).toEqual(['4 months into a planned 9 months']);
  });

  it('warns when a relationship runs past its planned end', () => {
    const result = evaluateHealth(scenario({ nowDay: 297 }));
    expect(result.flags).toContain('OVERRUN');
    expect(result.flags).not.toContain('DEPENDENCY_RISK');
    expect(component(result, 'duration').score).toBeCloseTo(0.8);
    expect(component(result, 'duration').reasons[0]).toBe('Running 27 days past its planned 9 months: close it or extend it deliberately');
  });

  it('flags dependency risk when the overrun grows long', () => {
    const result = evaluateHealth(scenario({ nowDay: 360, checkIns: checkInsEvery(14, 0, 356) }));
    expect(result.flags).toContain('DEPENDENCY_RISK');
    expect(result.status).toBe('AT_RISK');
    expect(result.reasons[0]).toBe(
      'Running 3 months past its planned 9 months; long relationships breed dependency: agree an ending or a deliberate extension',
    );
  });

  it('warns that a very early end is too short to build trust', () => {
    const result = evaluateHealth(scenario({ nowDay: 200, mentorship: { status: 'ENDED_EARLY', endedAt: day(61) } }));
    expect(result.flags).toContain('EARLY_END');
    expect(component(result, 'duration').reasons).toEqual(['Ended early, after 2 months of a planned 9 months; too short to build trust']);
    expect(component(result, 'duration').score).toBeCloseTo(61 / 270 / 0.75);
  });

  it('gives a relationship completed to plan full marks', () => {
    const result = evaluateHealth(scenario({ nowDay: 300, mentorship: { status: 'COMPLETED', endedAt: day(268) } }));
    expect(component(result, 'duration').score).toBe(1);
    expect(result.flags).toEqual([]);
  });

  it('notes a plan far longer or shorter than the programme norm', () => {
    const long = evaluateHealth(scenario({ nowDay: 30, mentorship: { expectedEndAt: day(730) } }));
    expect(long.flags).toContain('LONG_PLAN');
    expect(component(long, 'duration').reasons[1]).toBe('Planned for 24 months; the programme norm is 9 months, and long relationships breed dependency');
    const short = evaluateHealth(scenario({ nowDay: 30, mentorship: { expectedEndAt: day(60) } }));
    expect(short.flags).toContain('SHORT_PLAN');
  });

  it('falls back to the programme norm when the mentorship has no planned end', () => {
    const result = evaluateHealth(scenario({ nowDay: 120, mentorship: { expectedEndAt: null }, policy: { expectedDurationDays: 180 } }));
    expect(component(result, 'duration').reasons).toEqual(['4 months into a planned 6 months']);
  });

  it('does not count paused time towards the length', () => {
    const result = evaluateHealth(scenario({ nowDay: 300, mentorship: { pauses: [{ from: day(100), to: day(160) }] } }));
    expect(result.activeDays).toBe(240);
    expect(result.flags).not.toContain('OVERRUN');
  });
});

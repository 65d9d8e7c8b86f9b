import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { addMonthsUtc, pausedMs } from '../../../src/modules/mentorship/mentorship.service.js';
import { durationBand, skillChange } from '../../../src/modules/mentorship/programme-insights.service.js';
import { goalInScope, scopeGoals, type GoalRecord } from '../../../src/modules/mentorship/mentorship-health.service.js';
import { DurationBand } from '../../../src/modules/mentorship/health.enums.js';
import { GoalPriority, GoalStatus } from '../../../src/modules/goal/goal.entity.js';

const d = (s: string) => new Date(s);

describe('addMonthsUtc', () => {
  it('adds calendar months and clamps to the end of shorter months', () => {
    expect(addMonthsUtc(d('2026-03-01T09:00:00Z'), 9).toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(addMonthsUtc(d('2027-01-31T12:30:00Z'), 1).toISOString()).toBe('2027-02-28T12:30:00.000Z');
    expect(addMonthsUtc(d('2028-01-31T00:00:00Z'), 1).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(addMonthsUtc(d('2026-05-15T00:00:00Z'), 12).toISOString()).toBe('2027-05-15T00:00:00.000Z');
  });
});

describe('pausedMs', () => {
  it('sums closed pauses and runs an open one to now', () => {
    const pauses = [
      { from: '2026-01-01T00:00:00Z', to: '2026-01-11T00:00:00Z' },
      { from: '2026-02-01T00:00:00Z', to: null },
    ];
    expect(pausedMs(pauses, d('2026-02-03T00:00:00Z')) / 86_400_000).toBe(12);
    expect(pausedMs([], d('2026-02-03T00:00:00Z'))).toBe(0);
  });
});

describe('durationBand', () => {
  it('bands actual against planned length', () => {
    expect([0.3, 0.5, 0.89, 0.9, 1, 1.1, 1.2, 1.25, 2].map(durationBand)).toEqual([
      DurationBand.UNDER_HALF,
      DurationBand.SHORT,
      DurationBand.SHORT,
      DurationBand.ON_PLAN,
      DurationBand.ON_PLAN,
      DurationBand.ON_PLAN,
      DurationBand.LONG,
      DurationBand.OVERRUN,
      DurationBand.OVERRUN,
    ]);
  });
});

describe('skillChange', () => {
  const start = d('2026-03-01T00:00:00Z');
  const until = d('2026-12-31T00:00:00Z');
  const a = (level: number, at: string) => ({ level, assessedAt: d(at) });

  it('measures from the last assessment before the start to the last one up to the cut-off', () => {
    expect(skillChange([a(1, '2025-01-01'), a(2, '2026-02-01'), a(3, '2026-06-01'), a(4, '2026-11-01')], start, until)).toBe(2);
  });

  it('falls back to the first assessment during the mentorship as the baseline', () => {
    expect(skillChange([a(4, '2026-10-01'), a(2, '2026-04-01')], start, until)).toBe(2);
  });

  it('ignores assessments after the cut-off and needs two points', () => {
    expect(skillChange([a(2, '2026-02-01'), a(5, '2027-02-01')], start, until)).toBeNull();
    expect(skillChange([a(2, '2026-02-01')], start, until)).toBeNull();
    expect(skillChange([], start, until)).toBeNull();
  });

  it('can be negative', () => {
    expect(skillChange([a(4, '2026-01-01'), a(3, '2026-09-01')], start, until)).toBe(-1);
  });
});

describe('goals in scope of a mentorship', () => {
  const goal = (id: string, personId: string, created: string, achieved: string | null = null): GoalRecord => ({
    id,
    personId,
    title: id,
    baseline: 0,
    target: 1,
    currentValue: 0,
    dueDate: '2027-01-01',
    status: achieved ? GoalStatus.ACHIEVED : GoalStatus.ACTIVE,
    priority: GoalPriority.MEDIUM,
    createdAt: d(created),
    achievedAt: achieved ? d(achieved) : null,
    hasProgress: false,
  });
  const mentorship = (agreed: string[] | null, endedAt: string | null = null) => ({
    id: 'm',
    mentee: { id: 'mentee' },
    startedAt: d('2026-03-01T00:00:00Z'),
    endedAt: endedAt ? d(endedAt) : null,
    agreement: agreed ? { goalIds: agreed, cadenceDays: 14, format: 'REMOTE', confidentialityAcknowledged: true, signedByMentorAt: null, signedByMenteeAt: null } : null,
  });
  const goals = [
    goal('old-achieved', 'mentee', '2025-01-01', '2025-06-01'),
    goal('open', 'mentee', '2025-06-01'),
    goal('during', 'mentee', '2026-05-01'),
    goal('after-end', 'mentee', '2026-10-01'),
    goal('someone-else', 'other', '2026-04-01'),
  ];

  it('before goals are agreed: the mentee\'s goals open at some point while it ran', () => {
    const m = mentorship(null, '2026-09-01T00:00:00Z');
    expect(goals.filter((g) => goalInScope(m as never, g)).map((g) => g.id)).toEqual(['open', 'during']);
  });

  it('once agreed: exactly the agreed goals', () => {
    const m = mentorship(['during']);
    expect(goals.filter((g) => goalInScope(m as never, g)).map((g) => g.id)).toEqual(['during']);
    expect(scopeGoals([m as never], goals).get('m')!.map((g) => g.id)).toEqual(['during']);
  });

  it('scopeGoals agrees with goalInScope for every mentorship', () => {
    const ms = [mentorship(null), mentorship(null, '2026-04-01T00:00:00Z'), mentorship(['open', 'someone-else'])].map((m, i) => ({ ...m, id: `m${i}` }));
    const scoped = scopeGoals(ms as never, goals);
    for (const m of ms) expect(scoped.get(m.id)!.map((g) => g.id)).toEqual(goals.filter((g) => goalInScope(m as never, g)).map((g) => g.id));
  });
});

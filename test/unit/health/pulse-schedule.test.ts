import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_POLICY, pulseSchedule } from '../../../src/health/index.js';
import { day } from './fixtures.js';

const policy = { pulseFirstDueDays: 30, pulseEveryDays: 60 };

describe('pulse schedule', () => {
  it('the first pulse falls due 30 days after the start', () => {
    expect(pulseSchedule(day(0), policy, day(10), [])).toEqual({
      nextDueAt: day(30),
      overdue: false,
      daysOverdue: 0,
      lastAnsweredAt: null,
      missed: 0,
    });
  });

  it('an unanswered pulse becomes overdue and counts as missed', () => {
    expect(pulseSchedule(day(0), policy, day(42), [])).toMatchObject({ nextDueAt: day(30), overdue: true, daysOverdue: 12, missed: 1 });
  });

  it('after answering the first, the next falls due 60 days later', () => {
    expect(pulseSchedule(day(0), policy, day(40), [day(33)])).toMatchObject({ nextDueAt: day(90), overdue: false, lastAnsweredAt: day(33) });
  });

  it('an answer a little early covers the pulse that is about to fall due', () => {
    expect(pulseSchedule(day(0), policy, day(29), [day(25)]).nextDueAt).toEqual(day(90));
  });

  it('a very late answer covers the slot nearest to it, and missed slots stay counted', () => {
    const result = pulseSchedule(day(0), policy, day(100), [day(75)]);
    expect(result).toMatchObject({ nextDueAt: day(150), overdue: false, missed: 1 });
  });

  it('ignores answers after now', () => {
    expect(pulseSchedule(day(0), policy, day(20), [day(25)]).lastAnsweredAt).toBeNull();
  });

  it('is pushed back by a pause', () => {
    const result = pulseSchedule(day(0), policy, day(50), [], [{ from: day(10), to: day(40) }]);
    expect(result).toMatchObject({ nextDueAt: day(60), overdue: false });
  });

  it('accepts the full health policy and epoch milliseconds', () => {
    const result = pulseSchedule(day(0).getTime(), DEFAULT_HEALTH_POLICY, day(200).getTime(), [day(31).getTime(), day(92).getTime()]);
    expect(result).toMatchObject({ nextDueAt: day(150), overdue: true, daysOverdue: 50, missed: 1 });
  });

  it('rejects a schedule that never falls due', () => {
    expect(() => pulseSchedule(day(0), { pulseFirstDueDays: 0, pulseEveryDays: 60 }, day(1), [])).toThrow(RangeError);
  });
});

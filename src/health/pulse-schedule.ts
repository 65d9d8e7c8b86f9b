import { ActiveClock, DAY_MS, requireMs, toMs } from './time.js';
import type { HealthPolicy, Instant, PauseInterval, PulseScheduleResult } from './types.js';

export type PulseCadence = Pick<HealthPolicy, 'pulseFirstDueDays' | 'pulseEveryDays'>;

/**
 * One participant's pulse schedule.
 *
 * Pulses fall due on fixed slots: `pulseFirstDueDays` after the start, then every `pulseEveryDays`
 * (counted in active time, so a pause pushes the schedule back). An answer covers the slot nearest
 * to it, so answering a little early or late both count; the next pulse is the slot after the
 * latest covered one, and a newer answer supersedes slots that were missed before it.
 *
 * @param answeredAt when this participant answered (answers after `now` are ignored)
 * @param pauses the relationship's pauses, if any
 */
export function pulseSchedule(
  startedAt: Instant,
  policy: PulseCadence,
  now: Instant,
  answeredAt: readonly Instant[],
  pauses?: readonly PauseInterval[],
): PulseScheduleResult {
  const startMs = requireMs(startedAt, 'startedAt');
  const nowMs = requireMs(now, 'now');
  if (!(policy.pulseFirstDueDays > 0) || !(policy.pulseEveryDays > 0)) {
    throw new RangeError('pulseFirstDueDays and pulseEveryDays must be positive');
  }
  const clock = ActiveClock.fromPauses(startMs, Math.max(startMs, nowMs), pauses);
  const answers = answeredAt.map(toMs).filter((ms) => !Number.isNaN(ms));
  return pulseScheduleOnClock(clock, policy, nowMs, answers);
}

/** The schedule on an existing active clock; answers are epoch ms. */
export function pulseScheduleOnClock(
  clock: ActiveClock,
  policy: PulseCadence,
  nowMs: number,
  answersMs: readonly number[],
): PulseScheduleResult {
  const first = policy.pulseFirstDueDays;
  const every = policy.pulseEveryDays;
  const activeOffsetDays = (ms: number): number => clock.activeMs(clock.startMs, ms) / DAY_MS;
  const dueAt = (slot: number): number => clock.calendarAfter(clock.startMs, (first + slot * every) * DAY_MS);

  const covered = new Set<number>();
  let lastAnsweredMs: number | null = null;
  for (const at of answersMs) {
    if (at > nowMs) continue;
    covered.add(Math.max(0, Math.round((activeOffsetDays(at) - first) / every)));
    if (lastAnsweredMs === null || at > lastAnsweredMs) lastAnsweredMs = at;
  }

  const latestCovered = covered.size === 0 ? -1 : Math.max(...covered);
  const nextSlot = latestCovered + 1;
  const nextDueMs = dueAt(nextSlot);
  const overdue = nowMs > nextDueMs;

  const nowOffset = activeOffsetDays(nowMs);
  const slotsDue = nowOffset >= first ? Math.floor((nowOffset - first) / every + 1e-9) + 1 : 0;
  let coveredDue = 0;
  for (const slot of covered) if (slot < slotsDue) coveredDue += 1;

  return {
    nextDueAt: new Date(nextDueMs),
    overdue,
    daysOverdue: overdue ? Math.floor(clock.activeMs(nextDueMs, nowMs) / DAY_MS) : 0,
    lastAnsweredAt: lastAnsweredMs === null ? null : new Date(lastAnsweredMs),
    missed: Math.max(0, slotsDue - coveredDue),
  };
}

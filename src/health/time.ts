import type { Instant, PauseInterval } from './types.js';

export const DAY_MS = 86_400_000;
/** Check-ins closer than this are the same meeting logged twice (mentor and mentee both log it). */
export const SAME_MEETING_WINDOW_MS = 12 * 3_600_000;
const DAYS_PER_MONTH = 365.25 / 12;
/** The range a JS Date can represent. */
const MAX_TIME_MS = 8.64e15;

/** Epoch milliseconds of an instant, or NaN when it is not a valid point in time. */
export function toMs(instant: Instant): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME_MS ? ms : Number.NaN;
}

/** Like `toMs`, but a missing or invalid instant is a caller error. */
export function requireMs(instant: Instant, what: string): number {
  const ms = toMs(instant);
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not a valid point in time`);
  return ms;
}

export function clamp01(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

/**
 * Time with the pauses taken out. Paused intervals are clipped to [start, end] and merged; an open
 * pause runs to `end`. `unplacedPausedMs` is paused time whose dates are unknown: only whole-period
 * measures (`elapsedActiveMs`) can subtract it.
 */
export class ActiveClock {
  readonly pauses: readonly (readonly [number, number])[];

  constructor(
    readonly startMs: number,
    readonly endMs: number,
    pauses: readonly (readonly [number, number])[],
    readonly unplacedPausedMs: number,
  ) {
    this.pauses = mergeIntervals(
      pauses
        .map(([from, to]) => [Math.max(from, startMs), Math.min(to, endMs)] as const)
        .filter(([from, to]) => to > from),
    );
  }

  /** @param unplacedPausedDays paused days whose dates are unknown (see `MentorshipFacts.pausedDays`) */
  static fromPauses(
    startMs: number,
    endMs: number,
    pauses: readonly PauseInterval[] | undefined,
    unplacedPausedDays = 0,
  ): ActiveClock {
    const intervals: (readonly [number, number])[] = [];
    for (const pause of pauses ?? []) {
      const from = toMs(pause.from);
      const to = pause.to === null ? endMs : toMs(pause.to);
      if (Number.isNaN(from) || Number.isNaN(to)) continue;
      intervals.push([from, to]);
    }
    const unplaced = Number.isFinite(unplacedPausedDays) && unplacedPausedDays > 0 ? unplacedPausedDays * DAY_MS : 0;
    return new ActiveClock(startMs, endMs, intervals, unplaced);
  }

  /** Milliseconds in [a, b] that are not paused. */
  activeMs(a: number, b: number): number {
    if (!(b > a)) return 0;
    let total = b - a;
    for (const [from, to] of this.pauses) {
      const overlap = Math.min(b, to) - Math.max(a, from);
      if (overlap > 0) total -= overlap;
    }
    return Math.max(0, total);
  }

  /** Active milliseconds from the start to the end, less any unplaced paused time. */
  elapsedActiveMs(): number {
    return Math.max(0, this.activeMs(this.startMs, this.endMs) - this.unplacedPausedMs);
  }

  /** The calendar instant reached after `activeDeltaMs` of active time from `fromMs`, skipping known pauses. */
  calendarAfter(fromMs: number, activeDeltaMs: number): number {
    let at = fromMs;
    let remaining = Math.max(0, activeDeltaMs);
    for (const [from, to] of this.pauses) {
      if (to <= at) continue;
      if (from > at) {
        const span = from - at;
        if (remaining <= span) return at + remaining;
        remaining -= span;
      }
      at = to;
    }
    return at + remaining;
  }

  /** Whether `ms` falls inside a known pause. */
  isPausedAt(ms: number): boolean {
    return this.pauses.some(([from, to]) => ms >= from && ms < to);
  }
}

function mergeIntervals(intervals: readonly (readonly [number, number])[]): (readonly [number, number])[] {
  const sorted = [...intervals].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/**
 * Collapses check-ins less than `SAME_MEETING_WINDOW_MS` apart into one meeting, keeping the first
 * of each cluster. Greedy earliest-first yields the largest set of well-separated meetings, so
 * adding a check-in can never reduce the count.
 */
export function distinctMeetings(sortedMs: readonly number[]): number[] {
  const meetings: number[] = [];
  for (const at of sortedMs) {
    const last = meetings[meetings.length - 1];
    if (last === undefined || at - last >= SAME_MEETING_WINDOW_MS) meetings.push(at);
  }
  return meetings;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** Whole days, rounded down: "34 days". */
export function days(dayCount: number): string {
  return plural(Math.max(0, Math.floor(dayCount + 1e-9)), 'day');
}

/** Policy numbers as written: "every 14 days", "every 10.5 days". */
export function policyDays(dayCount: number): string {
  const rounded = Math.round(dayCount * 10) / 10;
  return rounded === 1 ? '1 day' : `${rounded} days`;
}

/** A length in plain words: days under two months, months after. */
export function length(dayCount: number): string {
  if (dayCount < 60) return days(dayCount);
  return plural(Math.round(dayCount / DAYS_PER_MONTH), 'month');
}

export function monthsNumber(dayCount: number): number {
  return Math.max(0, Math.round(dayCount / DAYS_PER_MONTH));
}

export function percent(fraction: number): string {
  return `${Math.round(clamp01(fraction) * 100)}%`;
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

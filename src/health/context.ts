import { resolveHealthPolicy } from './defaults.js';
import { pulseScheduleOnClock } from './pulse-schedule.js';
import { ActiveClock, DAY_MS, distinctMeetings, requireMs, toMs } from './time.js';
import type {
  GoalStatus,
  HealthComponentName,
  HealthFlag,
  HealthInput,
  HealthPolicy,
  MentorshipStatus,
  Participant,
  PauseInterval,
  PulseScheduleResult,
} from './types.js';

/**
 * How much a reason matters when choosing the top reasons:
 * -1 a neutral note, 0 good news, 1 a minor concern, 2 a concern, 3 severe.
 */
export type ReasonSeverity = -1 | 0 | 1 | 2 | 3;

export interface Reason {
  text: string;
  severity: ReasonSeverity;
}

export interface ComponentEvaluation {
  name: HealthComponentName;
  score: number;
  neutral: boolean;
  reasons: Reason[];
  flags: HealthFlag[];
}

export interface NormalizedPulse {
  by: Participant;
  atMs: number;
  rating: number;
  helping: boolean | null;
}

export interface NormalizedGoal {
  /** Position in the input, for stable labels and ordering. */
  index: number;
  title: string | null;
  baseline: number;
  target: number;
  createdMs: number;
  dueMs: number;
  latestValue: number | null;
  status: GoalStatus;
  priority: number;
}

export interface CurrentPause {
  fromMs: number;
  /** True when the pause start was not recorded and is assumed to follow the last activity. */
  assumed: boolean;
}

/** Everything the components need, normalised once: sorted, filtered to the evaluated period, in ms. */
export interface HealthContext {
  policy: HealthPolicy;
  status: MentorshipStatus;
  ended: boolean;
  paused: boolean;
  startMs: number;
  nowMs: number;
  /** `now`, or the end of an ended relationship; never before the start. */
  evalMs: number;
  clock: ActiveClock;
  /** Active days from the start to `evalMs`. */
  activeDays: number;
  /** Check-ins in [start, evalMs], ascending. */
  checkInsMs: number[];
  /** Check-ins with same-meeting duplicates collapsed. */
  meetingsMs: number[];
  lastCheckInMs: number | null;
  /** Active days since the last check-in (or since the start when there has been none). */
  daysSinceCheckIn: number;
  /** `daysSinceCheckIn` minus the cadence; positive when a check-in is overdue. */
  checkInPastDueDays: number;
  currentPause: CurrentPause | null;
  /** Pulses from the start up to `now` (an exit pulse after the end still counts), ascending. */
  pulses: NormalizedPulse[];
  pulseSchedules: Record<Participant, PulseScheduleResult>;
  goals: NormalizedGoal[];
  /** Planned length in days: from `expectedEndAt` when given, else the programme norm. */
  plannedDays: number;
  /** Whether `plannedDays` came from the mentorship's own `expectedEndAt`. */
  explicitPlan: boolean;
  /** Private requests for support beyond mentoring that are open at `now`. */
  openSupportRequests: number;
  revealPulseRatings: boolean;
}

export function buildHealthContext(input: HealthInput, revealPulseRatings: boolean): HealthContext {
  const policy = resolveHealthPolicy(input.policy);
  const { mentorship } = input;
  const startMs = requireMs(mentorship.startedAt, 'mentorship.startedAt');
  const nowMs = requireMs(input.now, 'now');
  const ended = mentorship.status === 'COMPLETED' || mentorship.status === 'ENDED_EARLY';
  const paused = mentorship.status === 'PAUSED';

  const endedMs = mentorship.endedAt == null ? Number.NaN : toMs(mentorship.endedAt);
  const evalMs = Math.max(startMs, ended && !Number.isNaN(endedMs) ? Math.min(nowMs, endedMs) : nowMs);

  const checkInsMs = input.checkIns
    .map((checkIn) => toMs(checkIn.at))
    .filter((ms) => ms >= startMs && ms <= evalMs)
    .sort((a, b) => a - b);
  const meetingsMs = distinctMeetings(checkInsMs);
  const lastCheckInMs = checkInsMs[checkInsMs.length - 1] ?? null;

  const { pauses, currentPause } = resolvePauses(mentorship.pauses, paused, startMs, evalMs, meetingsMs);
  // Exact pause intervals supersede the unplaced total.
  const unplacedPausedDays = mentorship.pauses === undefined ? (mentorship.pausedDays ?? 0) : 0;
  const clock = ActiveClock.fromPauses(startMs, evalMs, pauses, unplacedPausedDays);
  const activeDays = clock.elapsedActiveMs() / DAY_MS;
  const daysSinceCheckIn = clock.activeMs(lastCheckInMs ?? startMs, evalMs) / DAY_MS;

  const pulses = (input.pulses ?? [])
    .map((pulse) => ({
      by: pulse.by,
      atMs: toMs(pulse.at),
      rating: Math.min(5, Math.max(1, Math.round(pulse.rating))),
      helping: pulse.helping,
    }))
    .filter((pulse) => pulse.atMs >= startMs && pulse.atMs <= Math.max(nowMs, evalMs) && Number.isFinite(pulse.rating))
    .sort((a, b) => a.atMs - b.atMs || a.rating - b.rating || helpingRank(a.helping) - helpingRank(b.helping) || (a.by < b.by ? -1 : a.by > b.by ? 1 : 0));
  const answersBy = (by: Participant): number[] => pulses.filter((p) => p.by === by).map((p) => p.atMs);
  const pulseSchedules: Record<Participant, PulseScheduleResult> = {
    MENTOR: pulseScheduleOnClock(clock, policy, evalMs, answersBy('MENTOR')),
    MENTEE: pulseScheduleOnClock(clock, policy, evalMs, answersBy('MENTEE')),
  };

  const goals: NormalizedGoal[] = [];
  (input.goals ?? []).forEach((goal, index) => {
    const createdMs = toMs(goal.createdAt);
    const dueMs = toMs(goal.dueDate);
    if (Number.isNaN(createdMs) || Number.isNaN(dueMs) || createdMs > evalMs) return;
    if (!Number.isFinite(goal.baseline) || !Number.isFinite(goal.target)) return;
    const priority = goal.priority ?? 1;
    goals.push({
      index,
      title: goal.title?.trim() ? goal.title.trim() : null,
      baseline: goal.baseline,
      target: goal.target,
      createdMs,
      dueMs,
      latestValue: goal.latestValue !== null && Number.isFinite(goal.latestValue) ? goal.latestValue : null,
      status: goal.status,
      priority: Number.isFinite(priority) && priority > 0 ? priority : 0,
    });
  });

  const openSupportRequests = (input.supportRequests ?? []).filter((request) => {
    const raisedMs = toMs(request.at);
    const resolvedMs = request.resolvedAt == null ? Number.NaN : toMs(request.resolvedAt);
    return raisedMs <= nowMs && !(resolvedMs <= nowMs);
  }).length;

  const expectedEndMs = mentorship.expectedEndAt == null ? Number.NaN : toMs(mentorship.expectedEndAt);
  const explicitPlan = !Number.isNaN(expectedEndMs) && expectedEndMs > startMs;

  return {
    policy,
    status: mentorship.status,
    ended,
    paused,
    startMs,
    nowMs,
    evalMs,
    clock,
    activeDays,
    checkInsMs,
    meetingsMs,
    lastCheckInMs,
    daysSinceCheckIn,
    checkInPastDueDays: daysSinceCheckIn - policy.checkInCadenceDays,
    currentPause,
    pulses,
    pulseSchedules,
    goals,
    plannedDays: explicitPlan ? (expectedEndMs - startMs) / DAY_MS : policy.expectedDurationDays,
    explicitPlan,
    openSupportRequests,
    revealPulseRatings,
  };
}

/** Orders answers from most to least worrying: "not helping", unanswered, "helping". */
export function helpingRank(helping: boolean | null): number {
  if (helping === false) return 0;
  return helping === null ? 1 : 2;
}

/**
 * The pauses the clock should take out, and the current one. A PAUSED relationship whose open pause
 * was not recorded is assumed to have paused right after its last activity (the last meeting, the
 * end of the last recorded pause, or the start): the assumption never counts the pause itself
 * against the pair, and it cannot hide silence from before the pause.
 */
function resolvePauses(
  pauses: readonly PauseInterval[] | undefined,
  paused: boolean,
  startMs: number,
  evalMs: number,
  meetingsMs: readonly number[],
): { pauses: readonly PauseInterval[] | undefined; currentPause: CurrentPause | null } {
  if (!paused) return { pauses, currentPause: null };
  let openFromMs: number | null = null;
  let lastClosedEndMs = startMs;
  for (const pause of pauses ?? []) {
    const from = toMs(pause.from);
    if (Number.isNaN(from) || from > evalMs) continue;
    if (pause.to === null) {
      openFromMs = openFromMs === null ? from : Math.min(openFromMs, from);
    } else {
      const to = toMs(pause.to);
      if (!Number.isNaN(to) && to <= evalMs) lastClosedEndMs = Math.max(lastClosedEndMs, to);
    }
  }
  if (openFromMs !== null) {
    return { pauses, currentPause: { fromMs: Math.max(startMs, openFromMs), assumed: false } };
  }
  const lastMeetingMs = meetingsMs[meetingsMs.length - 1] ?? startMs;
  const assumedFromMs = Math.min(evalMs, Math.max(startMs, lastMeetingMs, lastClosedEndMs));
  return {
    pauses: [...(pauses ?? []), { from: assumedFromMs, to: null }],
    currentPause: { fromMs: assumedFromMs, assumed: true },
  };
}

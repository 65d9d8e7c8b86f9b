/**
 * The six health components. Each reads the normalised context and returns a score in [0,1], its
 * plain-language reasons and any flags. A component without enough data is `neutral`: it says so
 * and is left out of the total rather than punishing a young relationship.
 */
import { helpingRank, type ComponentEvaluation, type HealthContext, type NormalizedGoal, type NormalizedPulse, type Reason, type ReasonSeverity } from './context.js';
import { clamp01, DAY_MS, days, isoDate, length, percent, plural, policyDays } from './time.js';
import type { HealthComponentName, HealthFlag, Participant } from './types.js';

/** Regularity looks at the most recent gaps only, so an uneven start is eventually forgiven. */
export const REGULARITY_WINDOW_GAPS = 8;
/** In the pulse score the mentee's voice counts a little more than the mentor's. */
export const MENTEE_PULSE_SHARE = 0.6;
/** A "not helping" answer scales that participant's rating value by this. */
export const NOT_HELPING_FACTOR = 0.6;
/** Score lost per rating point of mentor–mentee gap beyond the first. */
export const PULSE_GAP_PENALTY = 0.1;
/** A goal trailing its elapsed time by less than this is "on track". */
export const GOAL_ON_TRACK_SLACK = 0.15;
/** Planned lengths beyond these multiples of the programme norm are noted. */
export const LONG_PLAN_RATIO = 1.5;
export const SHORT_PLAN_RATIO = 0.5;
/** Ended relationships shorter than this fraction of the plan lose duration score. */
export const FULL_CREDIT_LENGTH_RATIO = 0.75;

function evaluation(
  name: HealthComponentName,
  score: number,
  reasons: Reason[],
  flags: HealthFlag[] = [],
  neutral = false,
): ComponentEvaluation {
  return { name, score: neutral ? 1 : clamp01(score), neutral, reasons, flags };
}

function reason(text: string, severity: ReasonSeverity): Reason {
  return { text, severity };
}

function pausedTimeNote(ctx: HealthContext): string {
  return ctx.clock.pauses.length > 0 || ctx.clock.unplacedPausedMs > 0 ? ', not counting paused time' : '';
}

// ---------------------------------------------------------------------------------------------
// Cadence adherence

/**
 * Meetings held against meetings due over the active period. A check-in counts as due once half a
 * cadence has passed after its date, so a pair that is on schedule but mid-cycle is not marked
 * down; lateness right now is recency's job.
 */
export function checkInsDue(activeDays: number, cadenceDays: number): number {
  return Math.max(0, Math.floor((activeDays - cadenceDays / 2) / cadenceDays + 1e-9));
}

export function evaluateCadence(ctx: HealthContext): ComponentEvaluation {
  const cadence = ctx.policy.checkInCadenceDays;
  const held = ctx.meetingsMs.length;
  const due = checkInsDue(ctx.activeDays, cadence);
  const period = `${days(ctx.activeDays)}${pausedTimeNote(ctx)}`;
  if (due < 1) {
    return evaluation('cadence', 1, [reason(`Too early to judge cadence: ${plural(held, 'check-in')} in the first ${period}`, -1)], [], true);
  }
  const ratio = held / due;
  if (ratio >= 1) {
    return evaluation('cadence', 1, [reason(`${plural(held, 'check-in')} in ${period}: on pace for one every ${policyDays(cadence)}`, 0)]);
  }
  const severity: ReasonSeverity = ratio >= 0.75 ? 1 : 2;
  return evaluation('cadence', ratio, [
    reason(`${plural(held, 'check-in')} in ${period}; about ${due} ${due === 1 ? 'was' : 'were'} due at one every ${policyDays(cadence)}`, severity),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Recency

/**
 * 1 until the next check-in is due, falling to 0.3 at the stalled threshold, then to 0 over one
 * more threshold (at least one cadence). Never increases as the silence grows.
 */
export function recencyScore(pastDueDays: number, stalledAfterDays: number, cadenceDays: number): number {
  if (!(pastDueDays > 0)) return 1;
  if (pastDueDays <= stalledAfterDays) return 1 - (0.7 * pastDueDays) / stalledAfterDays;
  const tail = Math.max(stalledAfterDays, cadenceDays);
  return Math.max(0, 0.3 * (1 - (pastDueDays - stalledAfterDays) / tail));
}

export function evaluateRecency(ctx: HealthContext): ComponentEvaluation {
  const { checkInCadenceDays: cadence, stalledAfterDaysPastDue: stalledAfter, longPauseDays } = ctx.policy;
  const pastDue = ctx.checkInPastDueDays;
  const score = recencyScore(pastDue, stalledAfter, cadence);
  const reasons: Reason[] = [];
  const flags: HealthFlag[] = [];
  const cadenceText = `cadence is every ${policyDays(cadence)}`;
  const last = ctx.lastCheckInMs;

  if (ctx.ended) {
    const before = (ctx.evalMs - (last ?? ctx.startMs)) / DAY_MS;
    reasons.push(
      last === null
        ? reason('No check-in was logged before the relationship ended', 1)
        : reason(`Last check-in ${days(before)} before the relationship ended; ${cadenceText}`, pastDue > 0 ? 1 : 0),
    );
    return evaluation('recency', score, reasons);
  }

  const stalled = pastDue > stalledAfter;
  const severity: ReasonSeverity = stalled ? 3 : pastDue > stalledAfter / 2 ? 2 : pastDue > 0 ? 1 : 0;
  const calendarDays = (ctx.evalMs - (last ?? ctx.startMs)) / DAY_MS;
  const pauseNote =
    Math.floor(calendarDays) - Math.floor(ctx.daysSinceCheckIn) >= 1 ? ` (${days(ctx.daysSinceCheckIn)} not counting the pause)` : '';
  const stalledNote = stalled ? ` — more than ${policyDays(stalledAfter)} past due` : '';
  if (last === null) {
    if (pastDue <= 0) {
      const dueMs = ctx.clock.calendarAfter(ctx.startMs, cadence * DAY_MS);
      reasons.push(reason(`No check-in yet; the first is due by ${isoDate(dueMs)} (${cadenceText})`, -1));
    } else {
      reasons.push(reason(`No check-in logged in the ${days(calendarDays)} since the start${pauseNote}; ${cadenceText}${stalledNote}`, severity));
    }
  } else {
    reasons.push(reason(`Last check-in ${days(calendarDays)} ago${pauseNote}; ${cadenceText}${stalledNote}`, severity));
  }
  if (stalled) flags.push('STALLED');
  else if (pastDue > 0) flags.push('CHECK_IN_OVERDUE');

  const pause = ctx.currentPause;
  if (pause !== null) {
    const pausedFor = (ctx.evalMs - pause.fromMs) / DAY_MS;
    reasons.push(
      reason(
        pause.assumed
          ? `Paused; the pause start is not recorded, so it is taken to begin at the last activity (${isoDate(pause.fromMs)}) and paused time is not counted`
          : `Paused since ${isoDate(pause.fromMs)}; paused time does not count against the cadence`,
        -1,
      ),
    );
    if (pausedFor > longPauseDays) {
      flags.push('LONG_PAUSE');
      reasons.push(reason(`Paused for ${days(pausedFor)}, longer than ${policyDays(longPauseDays)}: resume or close it`, 2));
    }
  }
  return evaluation('recency', score, reasons, flags);
}

// ---------------------------------------------------------------------------------------------
// Regularity

export function coefficientOfVariation(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  if (!(mean > 0)) return 0;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance) / mean;
}

/** 1 for perfectly even gaps; 0.5 when the spread of the gaps equals their mean. */
export function regularityScore(cv: number): number {
  return 1 / (1 + cv * cv);
}

export function evaluateRegularity(ctx: HealthContext): ComponentEvaluation {
  const gaps: number[] = [];
  for (let i = 1; i < ctx.meetingsMs.length; i += 1) {
    const previous = ctx.meetingsMs[i - 1];
    const current = ctx.meetingsMs[i];
    if (previous !== undefined && current !== undefined) gaps.push(ctx.clock.activeMs(previous, current) / DAY_MS);
  }
  const recent = gaps.slice(-REGULARITY_WINDOW_GAPS);
  if (recent.length < 2) {
    return evaluation(
      'regularity',
      1,
      [reason(`Not enough check-ins yet to judge regularity (${plural(ctx.meetingsMs.length, 'check-in')}; needs 3)`, -1)],
      [],
      true,
    );
  }
  const cv = coefficientOfVariation(recent);
  const shortest = Math.round(Math.min(...recent));
  const longest = Math.round(Math.max(...recent));
  const range = shortest === longest ? `every ${plural(shortest, 'day')}` : `every ${shortest}–${longest} days`;
  let text: Reason;
  if (cv <= 0.35) text = reason(`Regular rhythm: check-ins ${range}`, 0);
  else if (cv <= 0.75) text = reason(`Somewhat irregular: gaps between check-ins range from ${shortest} to ${plural(longest, 'day')}`, 1);
  else text = reason(`Irregular: gaps between check-ins range from ${shortest} to ${plural(longest, 'day')}`, 2);
  return evaluation('regularity', regularityScore(cv), [text]);
}

// ---------------------------------------------------------------------------------------------
// Pulse

const ROLE_NAME: Record<Participant, string> = { MENTOR: 'mentor', MENTEE: 'mentee' };

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The latest pulse per participant; on a tie the more worrying answer wins, so input order never matters. */
export function latestPulses(pulses: readonly NormalizedPulse[]): Partial<Record<Participant, NormalizedPulse>> {
  const latest: Partial<Record<Participant, NormalizedPulse>> = {};
  for (const pulse of pulses) {
    const current = latest[pulse.by];
    const worse =
      current !== undefined &&
      pulse.atMs === current.atMs &&
      (pulse.rating < current.rating || (pulse.rating === current.rating && helpingRank(pulse.helping) < helpingRank(current.helping)));
    if (current === undefined || pulse.atMs > current.atMs || worse) latest[pulse.by] = pulse;
  }
  return latest;
}

/** A participant's latest answer as a value in [0,1]: the rating, discounted when "not helping". */
export function pulseValue(pulse: NormalizedPulse): number {
  const value = (pulse.rating - 1) / 4;
  return pulse.helping === false ? value * NOT_HELPING_FACTOR : value;
}

function ratingWord(rating: number): string {
  if (rating >= 4) return 'highly';
  if (rating === 3) return 'as so-so';
  return 'poorly';
}

function ratingSeverity(rating: number, lowRating: number): ReasonSeverity {
  if (rating <= lowRating) return 3;
  if (rating <= 3) return 1;
  return 0;
}

export function evaluatePulse(ctx: HealthContext): ComponentEvaluation {
  const { lowPulseRating, pulseGapAlert, pulseGraceDays } = ctx.policy;
  const reveal = ctx.revealPulseRatings;
  const reasons: Reason[] = [];
  const flags: HealthFlag[] = [];
  const latest = latestPulses(ctx.pulses);
  const mentee = latest.MENTEE;
  const mentor = latest.MENTOR;
  const rated = (pulse: NormalizedPulse): string => (reveal ? `${pulse.rating}/5` : ratingWord(pulse.rating));

  let score = 1;
  if (mentee !== undefined && mentor !== undefined) {
    const gap = Math.abs(mentee.rating - mentor.rating);
    score = MENTEE_PULSE_SHARE * pulseValue(mentee) + (1 - MENTEE_PULSE_SHARE) * pulseValue(mentor) - PULSE_GAP_PENALTY * Math.max(0, gap - 1);
    const severity = Math.max(ratingSeverity(mentee.rating, lowPulseRating), ratingSeverity(mentor.rating, lowPulseRating)) as ReasonSeverity;
    if (gap >= pulseGapAlert) {
      flags.push('PULSE_GAP');
      reasons.push(
        reason(
          reveal
            ? `Mentee rates it ${mentee.rating}/5 while the mentor rates it ${mentor.rating}/5`
            : 'Mentor and mentee see it very differently in their latest pulses',
          3,
        ),
      );
    } else if (mentee.rating === mentor.rating) {
      reasons.push(reason(`Both rate it ${rated(mentee)}`, severity));
    } else {
      reasons.push(reason(`Mentee rates it ${rated(mentee)}, the mentor ${rated(mentor)}`, severity));
    }
  } else if (mentee !== undefined || mentor !== undefined) {
    const only = (mentee ?? mentor) as NormalizedPulse;
    const other: Participant = only.by === 'MENTEE' ? 'MENTOR' : 'MENTEE';
    score = pulseValue(only);
    reasons.push(
      reason(
        `${capitalise(ROLE_NAME[only.by])} rates it ${rated(only)}; the ${ROLE_NAME[other]} has not answered a pulse yet`,
        ratingSeverity(only.rating, lowPulseRating),
      ),
    );
  }

  const answered = [mentee, mentor].filter((pulse): pulse is NormalizedPulse => pulse !== undefined);
  if (answered.some((pulse) => pulse.rating <= lowPulseRating)) flags.push('LOW_PULSE');
  for (const pulse of answered) {
    if (pulse.helping === false) {
      flags.push('NOT_HELPING');
      reasons.push(reason(`The ${ROLE_NAME[pulse.by]} says it is not helping`, 3));
    }
  }
  if (answered.length === 2 && answered.every((pulse) => pulse.helping === true) && score >= 0.75) {
    reasons.push(reason('Both say it is helping', 0));
  }

  if (!ctx.ended && !ctx.paused) {
    for (const by of ['MENTEE', 'MENTOR'] as const) {
      const schedule = ctx.pulseSchedules[by];
      if (schedule.overdue && schedule.daysOverdue > pulseGraceDays) {
        if (!flags.includes('PULSE_OVERDUE')) flags.push('PULSE_OVERDUE');
        reasons.push(
          reason(`${capitalise(ROLE_NAME[by])}'s pulse is ${days(schedule.daysOverdue)} overdue (due ${isoDate(schedule.nextDueAt.getTime())})`, 1),
        );
      }
    }
  }

  if (answered.length === 0) {
    const firstDue = ctx.pulseSchedules.MENTEE.nextDueAt.getTime();
    const note = ctx.ended || firstDue <= ctx.evalMs ? 'No pulse answers yet' : `No pulse answers yet; the first is due ${isoDate(firstDue)}`;
    reasons.unshift(reason(note, -1));
    return evaluation('pulse', 1, reasons, flags, true);
  }
  return evaluation('pulse', score, reasons, flags);
}

// ---------------------------------------------------------------------------------------------
// Goal progress

export interface GoalAssessment {
  goal: NormalizedGoal;
  /** Fraction of the way from baseline to target, in [0,1]. */
  progress: number;
  /** Fraction of the time from creation to due date that has passed, in [0,1]. */
  timeUsed: number;
  /** How far progress trails time, in [0,1]. */
  behind: number;
  score: number;
}

export function assessGoal(goal: NormalizedGoal, atMs: number): GoalAssessment {
  if (goal.status === 'ACHIEVED') return { goal, progress: 1, timeUsed: 0, behind: 0, score: 1 };
  const span = goal.target - goal.baseline;
  let progress: number;
  if (goal.latestValue === null) progress = span === 0 ? 1 : 0;
  else progress = span === 0 ? 1 : clamp01((goal.latestValue - goal.baseline) / span);
  const window = goal.dueMs - goal.createdMs;
  const timeUsed = window > 0 ? clamp01((atMs - goal.createdMs) / window) : atMs >= goal.dueMs ? 1 : 0;
  const behind = Math.max(0, timeUsed - progress);
  return { goal, progress, timeUsed, behind, score: 1 - behind };
}

function goalLabel(goal: NormalizedGoal): string {
  return goal.title === null ? `Goal ${goal.index + 1}` : `Goal '${goal.title}'`;
}

export function evaluateGoals(ctx: HealthContext): ComponentEvaluation {
  const { goalBehindAlert, goalsExpectedWithinDays } = ctx.policy;
  const abandoned = ctx.goals.filter((goal) => goal.status === 'ABANDONED').length;
  const counted = ctx.goals.filter((goal) => goal.status !== 'ABANDONED');
  const flags: HealthFlag[] = [];
  if (counted.length === 0) {
    const reasons: Reason[] = [];
    const late = !ctx.ended && ctx.activeDays >= goalsExpectedWithinDays;
    const text =
      abandoned > 0 ? `All ${plural(abandoned, 'goal')} ${abandoned === 1 ? 'was' : 'were'} abandoned; no measurable goal is active` : 'No measurable goals set yet';
    if (late) {
      flags.push('NO_GOALS');
      reasons.push(reason(`${text} after ${days(ctx.activeDays)}: agree SMART goals to measure progress`, 2));
    } else {
      reasons.push(reason(text, -1));
    }
    return evaluation('goals', 1, reasons, flags, true);
  }

  const assessments = counted.map((goal) => assessGoal(goal, ctx.evalMs));
  const totalPriority = assessments.reduce((sum, a) => sum + a.goal.priority, 0);
  const score =
    totalPriority > 0
      ? assessments.reduce((sum, a) => sum + a.goal.priority * a.score, 0) / totalPriority
      : assessments.reduce((sum, a) => sum + a.score, 0) / assessments.length;

  const reasons: Reason[] = [];
  const lagging = assessments
    .filter((a) => a.behind >= GOAL_ON_TRACK_SLACK)
    .sort((x, y) => y.behind - x.behind || x.goal.index - y.goal.index);
  for (const a of lagging.slice(0, 3)) {
    const alert = a.behind >= goalBehindAlert;
    const overdueDays = (ctx.evalMs - a.goal.dueMs) / DAY_MS;
    const text =
      overdueDays >= 1
        ? `${goalLabel(a.goal)} was due ${days(overdueDays)} ago and is ${percent(a.progress)} of the way to target`
        : `${goalLabel(a.goal)} is ${percent(a.progress)} of the way to target with ${percent(a.timeUsed)} of its time gone`;
    reasons.push(reason(text, alert ? 2 : 1));
  }
  if (lagging.some((a) => a.behind >= goalBehindAlert)) flags.push('GOALS_BEHIND');

  const achieved = assessments.filter((a) => a.goal.status === 'ACHIEVED').length;
  const onTrack = assessments.filter((a) => a.goal.status !== 'ACHIEVED' && a.behind < GOAL_ON_TRACK_SLACK).length;
  const parts = [achieved > 0 ? `${achieved} achieved` : null, onTrack > 0 ? `${onTrack} on track` : null, lagging.length > 0 ? `${lagging.length} behind` : null];
  const abandonedNote = abandoned > 0 ? ` (${abandoned} abandoned)` : '';
  reasons.push(
    reason(`${plural(counted.length, 'goal')}: ${parts.filter((part) => part !== null).join(', ')}${abandonedNote}`, lagging.length > 0 ? -1 : 0),
  );
  return evaluation('goals', score, reasons, flags);
}

// ---------------------------------------------------------------------------------------------
// Duration against the planned length

/** 1 up to the planned length, 0.5 at the dependency-risk ratio, 0 at twice that overrun. */
export function overrunScore(ratio: number, dependencyRiskRatio: number): number {
  if (ratio <= 1) return 1;
  return clamp01(1 - (ratio - 1) / (2 * (dependencyRiskRatio - 1)));
}

export function evaluateDuration(ctx: HealthContext): ComponentEvaluation {
  const { dependencyRiskRatio, earlyEndRatio, expectedDurationDays: norm } = ctx.policy;
  const planned = ctx.plannedDays;
  const active = ctx.activeDays;
  const ratio = active / planned;
  const reasons: Reason[] = [];
  const flags: HealthFlag[] = [];
  let score = 1;

  if (ratio > 1) {
    const over = length(active - planned);
    score = overrunScore(ratio, dependencyRiskRatio);
    const verb = ctx.ended ? 'Ran' : 'Running';
    if (ratio >= dependencyRiskRatio) {
      flags.push('DEPENDENCY_RISK');
      const advice = ctx.ended ? '' : ': agree an ending or a deliberate extension';
      reasons.push(reason(`${verb} ${over} past its planned ${length(planned)}; long relationships breed dependency${advice}`, ctx.ended ? 1 : 3));
    } else {
      flags.push('OVERRUN');
      const advice = ctx.ended ? '' : ': close it or extend it deliberately';
      reasons.push(reason(`${verb} ${over} past its planned ${length(planned)}${advice}`, ctx.ended ? 1 : 2));
    }
  } else if (ctx.ended) {
    if (ratio < FULL_CREDIT_LENGTH_RATIO) score = ratio / FULL_CREDIT_LENGTH_RATIO;
    const tooShort = ratio < earlyEndRatio;
    if (tooShort || ctx.status === 'ENDED_EARLY') flags.push('EARLY_END');
    const lead = ctx.status === 'ENDED_EARLY' ? 'Ended early, after' : 'Ended after';
    reasons.push(
      reason(`${lead} ${length(active)} of a planned ${length(planned)}${tooShort ? '; too short to build trust' : ''}`, tooShort ? 2 : ratio < 1 ? 1 : 0),
    );
  } else {
    reasons.push(reason(`${capitalise(length(active))} into a planned ${length(planned)}`, 0));
  }

  if (ctx.explicitPlan) {
    if (planned > LONG_PLAN_RATIO * norm) {
      flags.push('LONG_PLAN');
      score *= 0.85;
      reasons.push(reason(`Planned for ${length(planned)}; the programme norm is ${length(norm)}, and long relationships breed dependency`, 1));
    } else if (planned < SHORT_PLAN_RATIO * norm) {
      flags.push('SHORT_PLAN');
      score *= 0.85;
      reasons.push(reason(`Planned for only ${length(planned)}; the programme norm is ${length(norm)}, and short ones rarely build trust`, 1));
    }
  }
  return evaluation('duration', score, reasons, flags);
}

export const COMPONENT_EVALUATORS: Readonly<Record<HealthComponentName, (ctx: HealthContext) => ComponentEvaluation>> = Object.freeze({
  cadence: evaluateCadence,
  recency: evaluateRecency,
  regularity: evaluateRegularity,
  pulse: evaluatePulse,
  goals: evaluateGoals,
  duration: evaluateDuration,
});

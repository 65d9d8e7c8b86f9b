/**
 * Plain-data shapes of the relationship health engine. Everything here is data: the engine reads
 * no clock, no database and no private text — `now` and the policy are passed in, and pulse
 * surveys arrive as ratings only.
 */

/** A point in time: a `Date` or epoch milliseconds. */
export type Instant = Date | number;

export type MentorshipStatus = 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'ENDED_EARLY';
export type Participant = 'MENTOR' | 'MENTEE';
export type GoalStatus = 'ACTIVE' | 'ACHIEVED' | 'ABANDONED';

export type HealthStatus = 'NEW' | 'THRIVING' | 'HEALTHY' | 'AT_RISK' | 'STALLED' | 'ENDED';
export type HealthComponentName = 'cadence' | 'recency' | 'regularity' | 'pulse' | 'goals' | 'duration';
export type HealthTrendDirection = 'IMPROVING' | 'STABLE' | 'DECLINING';

/**
 * Stable codes for the things a coordinator should know about. Severity (see `HEALTH_FLAG_SEVERITY`):
 * SEVERE forces AT_RISK, WARNING rules out THRIVING, INFO only informs.
 */
export type HealthFlag =
  /** A participant privately asked for support beyond mentoring (who and why are never shown). */
  | 'SUPPORT_REQUESTED'
  /** No check-in for longer than the cadence plus the policy's stalled threshold. */
  | 'STALLED'
  /** The next check-in is past due (but not yet stalled). */
  | 'CHECK_IN_OVERDUE'
  /** A participant's latest pulse rating is at or below `lowPulseRating`. */
  | 'LOW_PULSE'
  /** Mentor and mentee ratings differ by at least `pulseGapAlert`. */
  | 'PULSE_GAP'
  /** A participant's latest pulse says the relationship is not helping. */
  | 'NOT_HELPING'
  /** A participant's pulse survey is overdue by more than `pulseGraceDays`. */
  | 'PULSE_OVERDUE'
  /** At least one active goal is well behind the time that has elapsed towards its due date. */
  | 'GOALS_BEHIND'
  /** No measurable goal has been set, `goalsExpectedWithinDays` into the relationship. */
  | 'NO_GOALS'
  /** Running past its planned end. */
  | 'OVERRUN'
  /** Running well past its planned end (`dependencyRiskRatio`): long relationships breed dependency. */
  | 'DEPENDENCY_RISK'
  /** Ended early (ENDED_EARLY, or completed after less than `earlyEndRatio` of the planned length). */
  | 'EARLY_END'
  /** Planned for far longer than the programme norm. */
  | 'LONG_PLAN'
  /** Planned for far shorter than the programme norm: too short to build trust. */
  | 'SHORT_PLAN'
  /** Paused for longer than `longPauseDays`. */
  | 'LONG_PAUSE';

export type HealthFlagSeverity = 'SEVERE' | 'WARNING' | 'INFO';

/** A pause of the relationship; `to: null` means it is still paused. */
export interface PauseInterval {
  from: Instant;
  to: Instant | null;
}

export interface MentorshipFacts {
  status: MentorshipStatus;
  startedAt: Instant;
  /** The planned end from the agreement; when absent the programme's `expectedDurationDays` is used. */
  expectedEndAt?: Instant | null;
  /** When the relationship ended (COMPLETED / ENDED_EARLY). Missing for an ended one means "now". */
  endedAt?: Instant | null;
  /**
   * Exact pauses. Preferred: paused time is removed from every window it overlaps (cadence,
   * recency, regularity, pulse schedule, duration). Supersedes `pausedDays`.
   */
  pauses?: readonly PauseInterval[];
  /**
   * Total days spent in pauses that have ended, when their dates are unknown. Only the
   * whole-relationship measures (cadence, duration) can subtract it; recency cannot, because
   * crediting an unplaced pause could hide a real stall.
   */
  pausedDays?: number;
}

export interface CheckInFact {
  at: Instant;
}

/** One private pulse answer, reduced to what the engine may see: never the free text. */
export interface PulseFact {
  by: Participant;
  at: Instant;
  /** 1 (poor) … 5 (excellent). Out-of-range values are clamped, fractions rounded. */
  rating: number;
  /** "Is this helping?" — null when not answered. */
  helping: boolean | null;
}

/**
 * A participant's private request for support beyond mentoring (good mentors notice when someone
 * needs a different kind of help). Only its timing reaches the engine: never who raised it or why.
 */
export interface SupportRequestFact {
  at: Instant;
  /** When a coordinator closed it; null while open. */
  resolvedAt: Instant | null;
}

export interface GoalFact {
  baseline: number;
  target: number;
  createdAt: Instant;
  dueDate: Instant;
  /** Latest recorded progress value; null when nothing has been recorded yet. */
  latestValue: number | null;
  status: GoalStatus;
  /** Shown in reasons ("Goal 'Lead a design review'…"); goal titles are shared, not private. */
  title?: string;
  /** Relative weight of the goal in the goals component (default 1). */
  priority?: number;
}

/**
 * Programme policy for health. The first five fields come from the programme; the rest are engine
 * tunables with defaults (`DEFAULT_HEALTH_POLICY`).
 */
export interface HealthPolicy {
  /** Agreed check-in cadence, e.g. 14. */
  checkInCadenceDays: number;
  /** STALLED when the next check-in is more than this many days past due. */
  stalledAfterDaysPastDue: number;
  /** First pulse survey is due this many days after the start. */
  pulseFirstDueDays: number;
  /** Then one every this many days. */
  pulseEveryDays: number;
  /** Programme norm for the length of a relationship (mentoring: 9–12 months). */
  expectedDurationDays: number;
  /** A pulse overdue by more than this raises PULSE_OVERDUE (reminders go out first). */
  pulseGraceDays: number;
  /** Rating gap between mentor and mentee that raises PULSE_GAP. */
  pulseGapAlert: number;
  /** A latest rating at or below this raises LOW_PULSE. */
  lowPulseRating: number;
  /** DEPENDENCY_RISK once the active length reaches this multiple of the planned length. */
  dependencyRiskRatio: number;
  /** A completed relationship shorter than this fraction of the plan raises EARLY_END. */
  earlyEndRatio: number;
  /** GOALS_BEHIND when a goal's progress trails its elapsed time by at least this fraction. */
  goalBehindAlert: number;
  /** NO_GOALS when no goal exists this many active days into the relationship. */
  goalsExpectedWithinDays: number;
  /** LONG_PAUSE when the current pause is longer than this. */
  longPauseDays: number;
  /** Relationships younger than this (active days) are NEW; null means one check-in cadence. */
  newPeriodDays: number | null;
}

/** Component weights; they need not sum to 1 (the total is a weighted mean). */
export type HealthWeights = Record<HealthComponentName, number>;

export interface HealthThresholds {
  /** Score at or above which a relationship with no warning flags is THRIVING. */
  thriving: number;
  /** Score below which a relationship is AT_RISK. */
  atRisk: number;
}

export interface HealthInput {
  mentorship: MentorshipFacts;
  /** Missing fields fall back to `DEFAULT_HEALTH_POLICY`. */
  policy?: Partial<HealthPolicy>;
  checkIns: readonly CheckInFact[];
  pulses?: readonly PulseFact[];
  goals?: readonly GoalFact[];
  supportRequests?: readonly SupportRequestFact[];
  now: Instant;
}

export interface HealthOptions {
  weights?: Partial<HealthWeights>;
  thresholds?: Partial<HealthThresholds>;
  /**
   * Whether reasons may quote individual pulse ratings ("Mentee rates it 2/5 while the mentor
   * rates it 5/5"). Default true. When false, reasons only say "low" / "very different".
   */
  revealPulseRatings?: boolean;
  /** Maximum number of top-level reasons (default 4). */
  maxReasons?: number;
}

export interface HealthComponent {
  name: HealthComponentName;
  /** 0…1. A neutral component reports 1 ("not held against the pair") and is left out of the total. */
  score: number;
  /** The configured weight. */
  weight: number;
  /** True when there is not enough data yet; the component is then excluded from the total. */
  neutral: boolean;
  reasons: string[];
}

export interface PulseScheduleResult {
  /** When the next pulse is (or was) due. */
  nextDueAt: Date;
  /** `now` is past `nextDueAt`. */
  overdue: boolean;
  /** Whole active days past due; 0 when not overdue. */
  daysOverdue: number;
  lastAnsweredAt: Date | null;
  /** Scheduled pulses due by `now` that no answer covers. */
  missed: number;
}

export interface HealthResult {
  /** 0…100, integer: the weighted mean of the non-neutral components. */
  score: number;
  status: HealthStatus;
  components: HealthComponent[];
  /** The top plain-language reasons, most urgent first. */
  reasons: string[];
  /** Higher means a coordinator should look sooner; 0 for ended relationships. */
  urgency: number;
  /** Most severe first. */
  flags: HealthFlag[];
  /** The instant the health was evaluated at: `now`, or the end for an ended relationship. */
  evaluatedAt: Date;
  /** Days since the start, not counting pauses (one decimal). */
  activeDays: number;
  /** Active days since the last check-in, or null when there has been none (one decimal). */
  daysSinceLastCheckIn: number | null;
  /** When the next check-in falls due; null when paused or ended. */
  nextCheckInDueAt: Date | null;
  /** Each participant's pulse schedule as of `evaluatedAt`. */
  pulseSchedules: Record<Participant, PulseScheduleResult>;
}

export interface HealthSnapshotPoint {
  at: Instant;
  score: number;
}

export interface HealthTrendOptions {
  /** Only snapshots within this many days before the latest one are used (default 60). */
  windowDays?: number;
  /** |slope| below this many points per week is STABLE (default 1). */
  stableSlopePerWeek?: number;
}

export interface HealthTrend {
  trend: HealthTrendDirection;
  /** Least-squares slope of the score, in points per week. */
  slopePerWeek: number;
  /** Snapshots used. */
  samples: number;
}

import { registerEnumType } from 'type-graphql';
import type { HealthComponentName, HealthFlag, HealthStatus, HealthTrendDirection } from '../../health/index.js';

/** True when two string unions hold exactly the same members. */
type SameMembers<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * GraphQL mirrors of the pure health engine's closed sets. The `SameMembers` checks make the
 * compiler fail if the engine gains or loses a value without this file following.
 */
export enum RelationshipHealthStatus {
  NEW = 'NEW',
  THRIVING = 'THRIVING',
  HEALTHY = 'HEALTHY',
  AT_RISK = 'AT_RISK',
  STALLED = 'STALLED',
  ENDED = 'ENDED',
}
const _statusesMatch: SameMembers<HealthStatus, `${RelationshipHealthStatus}`> = true;
registerEnumType(RelationshipHealthStatus, {
  name: 'HealthStatus',
  description: 'Overall health of a relationship, from the first rule that applies.',
  valuesConfig: {
    NEW: { description: 'Younger than one check-in cadence: early signals only.' },
    THRIVING: { description: 'Score 80 or more and nothing to warn about.' },
    HEALTHY: { description: 'Working; maybe with a warning worth a look.' },
    AT_RISK: { description: 'A severe signal (low or diverging pulses, "not helping", a support flag, dependency) or a score below 60.' },
    STALLED: { description: 'No check-in for far longer than the agreed cadence.' },
    ENDED: { description: 'Completed or ended early.' },
  },
});

export enum HealthComponentKind {
  CADENCE = 'cadence',
  RECENCY = 'recency',
  REGULARITY = 'regularity',
  PULSE = 'pulse',
  GOALS = 'goals',
  DURATION = 'duration',
}
const _componentsMatch: SameMembers<HealthComponentName, `${HealthComponentKind}`> = true;
registerEnumType(HealthComponentKind, {
  name: 'HealthComponentName',
  description: 'The explainable parts of the health score.',
  valuesConfig: {
    CADENCE: { description: 'Meetings held against meetings due over the active period.' },
    RECENCY: { description: 'Time since the last check-in against the agreed cadence.' },
    REGULARITY: { description: 'How evenly spaced the recent meetings are.' },
    PULSE: { description: 'Both participants\' latest private pulse answers and the gap between them (never the answers themselves).' },
    GOALS: { description: 'Goal progress against the time elapsed towards each due date.' },
    DURATION: { description: 'Length against the plan: overrun breeds dependency, a very early end never builds trust.' },
  },
});

export enum RelationshipHealthFlag {
  SUPPORT_REQUESTED = 'SUPPORT_REQUESTED',
  STALLED = 'STALLED',
  LOW_PULSE = 'LOW_PULSE',
  PULSE_GAP = 'PULSE_GAP',
  NOT_HELPING = 'NOT_HELPING',
  DEPENDENCY_RISK = 'DEPENDENCY_RISK',
  CHECK_IN_OVERDUE = 'CHECK_IN_OVERDUE',
  GOALS_BEHIND = 'GOALS_BEHIND',
  NO_GOALS = 'NO_GOALS',
  OVERRUN = 'OVERRUN',
  EARLY_END = 'EARLY_END',
  LONG_PAUSE = 'LONG_PAUSE',
  PULSE_OVERDUE = 'PULSE_OVERDUE',
  LONG_PLAN = 'LONG_PLAN',
  SHORT_PLAN = 'SHORT_PLAN',
}
const _flagsMatch: SameMembers<HealthFlag, `${RelationshipHealthFlag}`> = true;
registerEnumType(RelationshipHealthFlag, {
  name: 'HealthFlag',
  description: 'Something about a relationship a coordinator should know. SEVERE flags make it AT_RISK; WARNING flags rule out THRIVING; INFO flags only inform.',
  valuesConfig: {
    SUPPORT_REQUESTED: { description: 'SEVERE. A participant privately asked for support beyond mentoring (who and why are never shown).' },
    STALLED: { description: 'SEVERE. No check-in for far longer than the cadence.' },
    LOW_PULSE: { description: 'SEVERE. A participant rates the relationship poorly.' },
    PULSE_GAP: { description: 'SEVERE. Mentor and mentee see it very differently.' },
    NOT_HELPING: { description: 'SEVERE. A participant says it is not helping them grow.' },
    DEPENDENCY_RISK: { description: 'SEVERE. Running well past its planned end.' },
    CHECK_IN_OVERDUE: { description: 'WARNING. The next check-in is past due.' },
    GOALS_BEHIND: { description: 'WARNING. A goal trails the time elapsed towards its due date.' },
    NO_GOALS: { description: 'WARNING. No measurable goal yet, weeks into the relationship.' },
    OVERRUN: { description: 'WARNING. Running past its planned end.' },
    EARLY_END: { description: 'WARNING. Ended early or far shorter than planned.' },
    LONG_PAUSE: { description: 'WARNING. Paused for a long time.' },
    PULSE_OVERDUE: { description: 'INFO. A pulse survey is overdue.' },
    LONG_PLAN: { description: 'INFO. Planned far longer than the programme norm.' },
    SHORT_PLAN: { description: 'INFO. Planned far shorter than the programme norm.' },
  },
});

export enum HealthTrendKind {
  IMPROVING = 'IMPROVING',
  STABLE = 'STABLE',
  DECLINING = 'DECLINING',
}
const _trendsMatch: SameMembers<HealthTrendDirection, `${HealthTrendKind}`> = true;
registerEnumType(HealthTrendKind, { name: 'HealthTrendDirection', description: 'Direction of the health score over the recent daily snapshots.' });

export enum DurationBand {
  UNDER_HALF = 'UNDER_HALF',
  SHORT = 'SHORT',
  ON_PLAN = 'ON_PLAN',
  LONG = 'LONG',
  OVERRUN = 'OVERRUN',
}
registerEnumType(DurationBand, {
  name: 'DurationBand',
  description: 'Actual active length of an ended relationship against its planned length.',
  valuesConfig: {
    UNDER_HALF: { description: 'Under 50% of the plan: too short to build trust.' },
    SHORT: { description: '50% to 90% of the plan.' },
    ON_PLAN: { description: '90% to 110% of the plan.' },
    LONG: { description: '110% to 125% of the plan.' },
    OVERRUN: { description: '125% of the plan or more: dependency risk.' },
  },
});

export enum TimelineEntryKind {
  GOAL_SET = 'GOAL_SET',
  MENTORSHIP_STARTED = 'MENTORSHIP_STARTED',
  GOAL_PROGRESS = 'GOAL_PROGRESS',
  SKILL_ASSESSED = 'SKILL_ASSESSED',
  GOAL_ACHIEVED = 'GOAL_ACHIEVED',
  MENTORSHIP_ENDED = 'MENTORSHIP_ENDED',
}
registerEnumType(TimelineEntryKind, {
  name: 'TimelineEntryKind',
  description: 'What happened at a point of a person\'s development timeline.',
  valuesConfig: {
    GOAL_SET: { description: 'A development goal was set.' },
    MENTORSHIP_STARTED: { description: 'A mentorship started (as mentor or mentee).' },
    GOAL_PROGRESS: { description: 'Progress on a goal was recorded.' },
    SKILL_ASSESSED: { description: 'A skill level was assessed.' },
    GOAL_ACHIEVED: { description: 'A goal was achieved.' },
    MENTORSHIP_ENDED: { description: 'A mentorship completed or ended early.' },
  },
});

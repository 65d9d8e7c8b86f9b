import type {
  HealthComponentName,
  HealthFlag,
  HealthFlagSeverity,
  HealthPolicy,
  HealthThresholds,
  HealthWeights,
} from './types.js';

export const DEFAULT_HEALTH_POLICY: Readonly<HealthPolicy> = Object.freeze({
  checkInCadenceDays: 14,
  stalledAfterDaysPastDue: 21,
  pulseFirstDueDays: 30,
  pulseEveryDays: 60,
  expectedDurationDays: 270,
  pulseGraceDays: 7,
  pulseGapAlert: 2,
  lowPulseRating: 2,
  dependencyRiskRatio: 1.25,
  earlyEndRatio: 0.5,
  goalBehindAlert: 0.35,
  goalsExpectedWithinDays: 45,
  longPauseDays: 60,
  newPeriodDays: null,
});

/**
 * Meeting and hearing from both participants matter most: recency catches silence first, pulse
 * is the participants' own voice, cadence the long-run rhythm. Goals and duration move slowly, and
 * regularity is a refinement of cadence.
 */
export const DEFAULT_HEALTH_WEIGHTS: Readonly<HealthWeights> = Object.freeze({
  cadence: 0.2,
  recency: 0.25,
  regularity: 0.1,
  pulse: 0.2,
  goals: 0.15,
  duration: 0.1,
});

export const DEFAULT_HEALTH_THRESHOLDS: Readonly<HealthThresholds> = Object.freeze({
  thriving: 80,
  atRisk: 60,
});

/** Display and evaluation order of the components. */
export const HEALTH_COMPONENT_NAMES: readonly HealthComponentName[] = Object.freeze([
  'cadence',
  'recency',
  'regularity',
  'pulse',
  'goals',
  'duration',
] as const);

export const HEALTH_FLAG_SEVERITY: Readonly<Record<HealthFlag, HealthFlagSeverity>> = Object.freeze({
  SUPPORT_REQUESTED: 'SEVERE',
  STALLED: 'SEVERE',
  LOW_PULSE: 'SEVERE',
  PULSE_GAP: 'SEVERE',
  NOT_HELPING: 'SEVERE',
  DEPENDENCY_RISK: 'SEVERE',
  CHECK_IN_OVERDUE: 'WARNING',
  GOALS_BEHIND: 'WARNING',
  NO_GOALS: 'WARNING',
  OVERRUN: 'WARNING',
  EARLY_END: 'WARNING',
  LONG_PAUSE: 'WARNING',
  PULSE_OVERDUE: 'INFO',
  LONG_PLAN: 'INFO',
  SHORT_PLAN: 'INFO',
});

/** Flags ordered most severe first; ties keep this declaration order. */
export const HEALTH_FLAGS: readonly HealthFlag[] = Object.freeze([
  'SUPPORT_REQUESTED',
  'STALLED',
  'LOW_PULSE',
  'PULSE_GAP',
  'NOT_HELPING',
  'DEPENDENCY_RISK',
  'CHECK_IN_OVERDUE',
  'GOALS_BEHIND',
  'NO_GOALS',
  'OVERRUN',
  'EARLY_END',
  'LONG_PAUSE',
  'PULSE_OVERDUE',
  'LONG_PLAN',
  'SHORT_PLAN',
] as const);

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Merges a partial policy with the defaults and validates it; throws RangeError listing every problem. */
export function resolveHealthPolicy(partial: Partial<HealthPolicy> = {}): HealthPolicy {
  const defined = Object.fromEntries(
    Object.entries(partial).filter(([, value]) => value !== undefined),
  ) as Partial<HealthPolicy>;
  const policy: HealthPolicy = { ...DEFAULT_HEALTH_POLICY, ...defined };
  const problems: string[] = [];
  const positive: (keyof HealthPolicy)[] = [
    'checkInCadenceDays',
    'pulseFirstDueDays',
    'pulseEveryDays',
    'expectedDurationDays',
    'dependencyRiskRatio',
  ];
  const nonNegative: (keyof HealthPolicy)[] = [
    'stalledAfterDaysPastDue',
    'pulseGraceDays',
    'pulseGapAlert',
    'lowPulseRating',
    'earlyEndRatio',
    'goalBehindAlert',
    'goalsExpectedWithinDays',
    'longPauseDays',
  ];
  for (const key of positive) {
    const value = policy[key];
    if (!isFiniteNumber(value) || value <= 0) problems.push(`${key} must be a positive number`);
  }
  for (const key of nonNegative) {
    const value = policy[key];
    if (!isFiniteNumber(value) || value < 0) problems.push(`${key} must be a non-negative number`);
  }
  if (policy.newPeriodDays !== null && (!isFiniteNumber(policy.newPeriodDays) || policy.newPeriodDays < 0)) {
    problems.push('newPeriodDays must be null or a non-negative number');
  }
  if (isFiniteNumber(policy.dependencyRiskRatio) && policy.dependencyRiskRatio <= 1) {
    problems.push('dependencyRiskRatio must be greater than 1');
  }
  if (problems.length > 0) throw new RangeError(`Invalid health policy: ${problems.join('; ')}`);
  return policy;
}

export function resolveHealthWeights(partial: Partial<HealthWeights> = {}): HealthWeights {
  const weights: HealthWeights = { ...DEFAULT_HEALTH_WEIGHTS };
  for (const name of HEALTH_COMPONENT_NAMES) {
    const value = partial[name];
    if (value === undefined) continue;
    if (!isFiniteNumber(value) || value < 0) {
      throw new RangeError(`Invalid health weight: ${name} must be a non-negative number`);
    }
    weights[name] = value;
  }
  return weights;
}

export function resolveHealthThresholds(partial: Partial<HealthThresholds> = {}): HealthThresholds {
  const thresholds: HealthThresholds = {
    thriving: partial.thriving ?? DEFAULT_HEALTH_THRESHOLDS.thriving,
    atRisk: partial.atRisk ?? DEFAULT_HEALTH_THRESHOLDS.atRisk,
  };
  const { thriving, atRisk } = thresholds;
  if (!isFiniteNumber(thriving) || !isFiniteNumber(atRisk) || atRisk < 0 || thriving > 100 || atRisk > thriving) {
    throw new RangeError('Invalid health thresholds: need 0 ≤ atRisk ≤ thriving ≤ 100');
  }
  return thresholds;
}

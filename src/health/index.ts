/**
 * Relationship health: a pure engine. Plain data in (mentorship facts, policy, check-ins, pulse
 * ratings, goals, `now`), plain data out (score, status, explained components, flags, urgency).
 * No ORM, no GraphQL, no clock, no I/O.
 */
export { evaluateHealth, totalScore, validateHealthPolicy } from './health.js';
export { pulseSchedule, type PulseCadence } from './pulse-schedule.js';
export { healthTrend, DEFAULT_STABLE_SLOPE_PER_WEEK, DEFAULT_TREND_WINDOW_DAYS } from './trend.js';
export {
  DEFAULT_HEALTH_POLICY,
  DEFAULT_HEALTH_THRESHOLDS,
  DEFAULT_HEALTH_WEIGHTS,
  HEALTH_COMPONENT_NAMES,
  HEALTH_FLAG_SEVERITY,
  HEALTH_FLAGS,
  resolveHealthPolicy,
  resolveHealthThresholds,
  resolveHealthWeights,
} from './defaults.js';
export type * from './types.js';

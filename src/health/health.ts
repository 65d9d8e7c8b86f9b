import { COMPONENT_EVALUATORS } from './components.js';
import { buildHealthContext, type ComponentEvaluation, type HealthContext, type Reason } from './context.js';
import {
  HEALTH_COMPONENT_NAMES,
  HEALTH_FLAG_SEVERITY,
  HEALTH_FLAGS,
  resolveHealthPolicy,
  resolveHealthThresholds,
  resolveHealthWeights,
} from './defaults.js';
import { DAY_MS, days, roundTo } from './time.js';
import type {
  HealthComponent,
  HealthFlag,
  HealthFlagSeverity,
  HealthInput,
  HealthOptions,
  HealthResult,
  HealthStatus,
  HealthThresholds,
  HealthWeights,
} from './types.js';

const DEFAULT_MAX_REASONS = 4;

/** Urgency points: a tier for statuses that need a coordinator, then the score deficit and flags. */
const URGENT_STATUS_TIER = 100;
const FLAG_URGENCY: Record<HealthFlagSeverity, number> = { SEVERE: 25, WARNING: 8, INFO: 1 };
/** Each day a stall runs beyond the threshold adds a point, up to this cap. */
const MAX_STALL_URGENCY = 60;

/**
 * Evaluates the health of one mentorship. Pure and deterministic: the same input gives the same
 * result, whatever the order of check-ins, pulses or goals.
 *
 * Score: the weighted mean of the non-neutral components × 100, rounded.
 * Status, first rule that applies:
 *   ENDED     the mentorship is COMPLETED or ENDED_EARLY;
 *   STALLED   the next check-in is more than `stalledAfterDaysPastDue` past due;
 *   AT_RISK   a SEVERE flag (support requested, low pulse, pulse gap, "not helping", dependency risk);
 *   NEW       younger than `newPeriodDays` (default: one cadence) of active time;
 *   AT_RISK   score below `thresholds.atRisk`;
 *   THRIVING  score at least `thresholds.thriving` and no WARNING flag;
 *   HEALTHY   otherwise.
 *
 * Paused time (see `MentorshipFacts.pauses`) is taken out of every measure: a pause neither makes
 * check-ins overdue nor counts towards the length of the relationship.
 */
export function evaluateHealth(input: HealthInput, options: HealthOptions = {}): HealthResult {
  const weights = resolveHealthWeights(options.weights);
  const thresholds = resolveHealthThresholds(options.thresholds);
  const maxReasons = Math.max(1, Math.floor(options.maxReasons ?? DEFAULT_MAX_REASONS));
  const ctx = buildHealthContext(input, options.revealPulseRatings ?? true);

  const evaluations = HEALTH_COMPONENT_NAMES.map((name) => COMPONENT_EVALUATORS[name](ctx));
  const score = totalScore(evaluations, weights);
  const raised = new Set(evaluations.flatMap((e) => e.flags));
  const overall: Reason[] = [];
  if (ctx.openSupportRequests > 0 && !ctx.ended) {
    raised.add('SUPPORT_REQUESTED');
    overall.push({ text: 'A participant has privately asked for support beyond mentoring', severity: 3 });
  }
  const flags = HEALTH_FLAGS.filter((flag) => raised.has(flag));
  const status = decideStatus(ctx, score, flags, thresholds);

  return {
    score,
    status,
    components: evaluations.map(
      (e): HealthComponent => ({
        name: e.name,
        score: e.score,
        weight: weights[e.name],
        neutral: e.neutral,
        reasons: e.reasons.map((r) => r.text),
      }),
    ),
    reasons: topReasons(ctx, overall, evaluations, weights, status, maxReasons),
    urgency: urgency(ctx, score, status, flags),
    flags,
    evaluatedAt: new Date(ctx.evalMs),
    activeDays: roundTo(ctx.activeDays, 1),
    daysSinceLastCheckIn: ctx.lastCheckInMs === null ? null : roundTo(ctx.daysSinceCheckIn, 1),
    nextCheckInDueAt:
      ctx.ended || ctx.paused
        ? null
        : new Date(ctx.clock.calendarAfter(ctx.lastCheckInMs ?? ctx.startMs, ctx.policy.checkInCadenceDays * DAY_MS)),
    pulseSchedules: ctx.pulseSchedules,
  };
}

/** Weighted mean × 100 over the components that have data; 100 when none has (nothing is wrong yet). */
export function totalScore(evaluations: readonly Pick<ComponentEvaluation, 'name' | 'score' | 'neutral'>[], weights: HealthWeights): number {
  let weightSum = 0;
  let weighted = 0;
  for (const e of evaluations) {
    if (e.neutral) continue;
    const weight = weights[e.name];
    weightSum += weight;
    weighted += weight * e.score;
  }
  if (!(weightSum > 0)) return 100;
  return Math.min(100, Math.max(0, Math.round((100 * weighted) / weightSum)));
}

function hasSeverity(flags: readonly HealthFlag[], severity: HealthFlagSeverity): boolean {
  return flags.some((flag) => HEALTH_FLAG_SEVERITY[flag] === severity);
}

function newPeriodDays(ctx: HealthContext): number {
  return ctx.policy.newPeriodDays ?? ctx.policy.checkInCadenceDays;
}

function decideStatus(ctx: HealthContext, score: number, flags: readonly HealthFlag[], thresholds: HealthThresholds): HealthStatus {
  if (ctx.ended) return 'ENDED';
  if (flags.includes('STALLED')) return 'STALLED';
  if (hasSeverity(flags, 'SEVERE')) return 'AT_RISK';
  if (ctx.activeDays < newPeriodDays(ctx)) return 'NEW';
  if (score < thresholds.atRisk) return 'AT_RISK';
  if (score >= thresholds.thriving && !hasSeverity(flags, 'WARNING')) return 'THRIVING';
  return 'HEALTHY';
}

/**
 * Orders an at-risk queue: AT_RISK and STALLED first (a tier of 100), then by how far the score is
 * below 100, plus points per flag by severity and per day a stall has run past its threshold.
 */
function urgency(ctx: HealthContext, score: number, status: HealthStatus, flags: readonly HealthFlag[]): number {
  if (status === 'ENDED') return 0;
  let points = status === 'AT_RISK' || status === 'STALLED' ? URGENT_STATUS_TIER : 0;
  points += 100 - score;
  for (const flag of flags) points += FLAG_URGENCY[HEALTH_FLAG_SEVERITY[flag]];
  if (status === 'STALLED') {
    points += Math.min(MAX_STALL_URGENCY, Math.max(0, ctx.checkInPastDueDays - ctx.policy.stalledAfterDaysPastDue));
  }
  return roundTo(points, 1);
}

interface RankedReason extends Reason {
  /** How much the component's shortfall costs the total. */
  cost: number;
  /** Component weight, to rank good news by importance. */
  weight: number;
  order: number;
}

/**
 * Concerns first (most severe, then the component costing the most score); when there are none,
 * the good news and notes that best describe the relationship.
 */
function topReasons(
  ctx: HealthContext,
  overall: readonly Reason[],
  evaluations: readonly ComponentEvaluation[],
  weights: HealthWeights,
  status: HealthStatus,
  maxReasons: number,
): string[] {
  let order = 0;
  const ranked: RankedReason[] = overall.map((r) => ({ ...r, cost: Number.POSITIVE_INFINITY, weight: 1, order: order++ }));
  for (const e of evaluations) {
    const weight = weights[e.name];
    for (const r of e.reasons) {
      ranked.push({ ...r, cost: e.neutral ? 0 : weight * (1 - e.score), weight, order: order++ });
    }
  }
  const concerns = ranked
    .filter((r) => r.severity >= 1)
    .sort((a, b) => b.severity - a.severity || b.cost - a.cost || a.order - b.order);
  if (concerns.length > 0) return concerns.slice(0, maxReasons).map((r) => r.text);

  const rest = ranked.sort((a, b) => b.severity - a.severity || b.weight - a.weight || a.order - b.order).map((r) => r.text);
  const lead = status === 'NEW' ? [`New relationship, ${days(ctx.activeDays)} in: early signals only`] : [];
  return [...lead, ...rest].slice(0, Math.min(maxReasons, 3));
}

/** Validates a policy the way `evaluateHealth` will, for services that accept it from users. */
export function validateHealthPolicy(policy: Parameters<typeof resolveHealthPolicy>[0]): string[] {
  try {
    resolveHealthPolicy(policy);
    return [];
  } catch (error) {
    if (error instanceof RangeError) return error.message.replace(/^Invalid health policy: /, '').split('; ');
    throw error;
  }
}

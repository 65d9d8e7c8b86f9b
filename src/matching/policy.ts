/**
 * A programme's matching policy: what "a good pair" means for it, as numbers a coordinator can set.
 */

export type ProgrammeKind = 'MENTORING' | 'REVERSE' | 'PEER' | 'COACHING';

/** Relative importance of each score component. Any non-negative numbers, not all zero. */
export interface ComponentWeights {
  experience: number;
  goals: number;
  reach: number;
  practical: number;
}

/**
 * Level gaps are measured in the programme's teaching direction: mentor minus mentee for MENTORING
 * and COACHING, mentee minus mentor for REVERSE (the mentor is the junior one), and the absolute
 * difference for PEER.
 */
export interface MatchingPolicy {
  kind: ProgrammeKind;
  weights: ComponentWeights;
  /** The gap at which the experience component peaks. */
  idealLevelGap: number;
  /** Hard floor on the gap (NOT_SENIOR_ENOUGH below it). Ignored for PEER. */
  minLevelGap: number;
  /**
   * PEER only: hard ceiling on |mentor level − mentee level| (NOT_SENIOR_ENOUGH above it, read as
   * "not peers"). Defaults to 1 — peers are at the same level or one apart. Ignored otherwise.
   */
  peerMaxLevelGap?: number;
  /** Pairs scoring below this (0–100) are not suggested or matched. */
  minScore: number;
  /**
   * Whether a pair may share a reporting line. Mentoring is defined by being outside the chain of
   * command, so only COACHING may set this.
   */
  allowChainOfCommand: boolean;
}

export const DEFAULT_PEER_MAX_LEVEL_GAP = 1;

const DEFAULTS: Readonly<Record<ProgrammeKind, MatchingPolicy>> = {
  MENTORING: {
    kind: 'MENTORING',
    weights: { experience: 0.3, goals: 0.35, reach: 0.25, practical: 0.1 },
    idealLevelGap: 2,
    minLevelGap: 1,
    minScore: 40,
    allowChainOfCommand: false,
  },
  // Reverse mentoring exists to move knowledge upward (technology, new ways of working), so what
  // the junior mentor knows dominates.
  REVERSE: {
    kind: 'REVERSE',
    weights: { experience: 0.15, goals: 0.5, reach: 0.25, practical: 0.1 },
    idealLevelGap: 3,
    minLevelGap: 1,
    minScore: 40,
    allowChainOfCommand: false,
  },
  PEER: {
    kind: 'PEER',
    weights: { experience: 0.15, goals: 0.4, reach: 0.3, practical: 0.15 },
    idealLevelGap: 0,
    minLevelGap: 0,
    peerMaxLevelGap: DEFAULT_PEER_MAX_LEVEL_GAP,
    minScore: 40,
    allowChainOfCommand: false,
  },
  // Coaching is short and skill-focused: fit on goals matters most, reach least.
  COACHING: {
    kind: 'COACHING',
    weights: { experience: 0.25, goals: 0.5, reach: 0.1, practical: 0.15 },
    idealLevelGap: 2,
    minLevelGap: 1,
    minScore: 40,
    allowChainOfCommand: false,
  },
};

/** A fresh copy of the defaults for a kind; safe to mutate. */
export function defaultPolicy(kind: ProgrammeKind): MatchingPolicy {
  const d = DEFAULTS[kind];
  return { ...d, weights: { ...d.weights } };
}

export interface FieldError {
  /** Dotted path of the offending field, e.g. "weights.goals". */
  field: string;
  message: string;
}

const KINDS: readonly ProgrammeKind[] = ['MENTORING', 'REVERSE', 'PEER', 'COACHING'];
const WEIGHT_KEYS: readonly (keyof ComponentWeights)[] = ['experience', 'goals', 'reach', 'practical'];
/** Levels run 1–10, so no gap can exceed 9. */
const MAX_GAP = 9;

/** Every problem with a policy, as field errors a form can show; empty when valid. */
export function validatePolicy(policy: MatchingPolicy): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string): void => {
    errors.push({ field, message });
  };

  if (!KINDS.includes(policy.kind)) fail('kind', `Kind must be one of ${KINDS.join(', ')}.`);

  let weightSum = 0;
  for (const key of WEIGHT_KEYS) {
    const w = policy.weights[key];
    if (!Number.isFinite(w)) fail(`weights.${key}`, 'Weight must be a finite number.');
    else if (w < 0) fail(`weights.${key}`, 'Weight cannot be negative.');
    else weightSum += w;
  }
  if (errors.every((e) => !e.field.startsWith('weights.'))) {
    if (weightSum === 0) fail('weights', 'At least one weight must be above zero.');
    else if (!Number.isFinite(weightSum)) fail('weights', 'Weights are too large to add up.');
  }

  const gapField = (field: 'idealLevelGap' | 'minLevelGap' | 'peerMaxLevelGap', value: number): boolean => {
    if (!Number.isInteger(value) || value < 0 || value > MAX_GAP) {
      fail(field, `Must be a whole number of levels from 0 to ${MAX_GAP}.`);
      return false;
    }
    return true;
  };
  const idealOk = gapField('idealLevelGap', policy.idealLevelGap);
  if (policy.kind === 'PEER') {
    const max = policy.peerMaxLevelGap ?? DEFAULT_PEER_MAX_LEVEL_GAP;
    if (gapField('peerMaxLevelGap', max) && idealOk && policy.idealLevelGap > max) {
      fail('idealLevelGap', 'The ideal gap cannot exceed the largest gap allowed between peers.');
    }
  } else if (gapField('minLevelGap', policy.minLevelGap) && idealOk && policy.idealLevelGap < policy.minLevelGap) {
    fail('idealLevelGap', 'The ideal gap cannot be below the minimum gap.');
  }

  if (!Number.isFinite(policy.minScore) || policy.minScore < 0 || policy.minScore > 100) {
    fail('minScore', 'Minimum score must be between 0 and 100.');
  }
  if (policy.allowChainOfCommand && policy.kind !== 'COACHING') {
    fail('allowChainOfCommand', 'Only coaching programmes may pair people in the same chain of command.');
  }
  return errors;
}

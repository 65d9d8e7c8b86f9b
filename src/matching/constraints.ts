/**
 * Hard rules: a pair that breaks any of them is never suggested, proposed or matched, whatever it
 * would score. Codes are part of the API (GraphQL enum, stored proposals) and never change meaning.
 *
 * Level-gap rule (NOT_SENIOR_ENOUGH), with gap = mentor level − mentee level:
 * - MENTORING, COACHING: gap ≥ minLevelGap.
 * - REVERSE: −gap ≥ minLevelGap — the mentor must be junior by at least the minimum.
 * - PEER: |gap| ≤ peerMaxLevelGap (default 1). The code then reads "not peers": one stable code per
 *   rule ("the level gap is outside the programme's rule") keeps clients' handling simple.
 *
 * Typed-array reads use `!`: indices are validated where they enter the engine.
 */
import { LEVEL_OFFSET, type ScoringContext } from './context.js';
import { DEFAULT_PEER_MAX_LEVEL_GAP, type MatchingPolicy } from './policy.js';

export const BlockCode = {
  SAME_PERSON: 'SAME_PERSON',
  NOT_ENROLLED: 'NOT_ENROLLED',
  NO_CAPACITY: 'NO_CAPACITY',
  CHAIN_OF_COMMAND: 'CHAIN_OF_COMMAND',
  NOT_SENIOR_ENOUGH: 'NOT_SENIOR_ENOUGH',
  NO_COMMON_LANGUAGE: 'NO_COMMON_LANGUAGE',
  EXCLUDED: 'EXCLUDED',
} as const;
export type BlockCode = (typeof BlockCode)[keyof typeof BlockCode];

/** Stable reporting order: from the most fundamental reason to the most situational. */
export const BLOCK_CODES: readonly BlockCode[] = Object.values(BlockCode);

/** One bit per code, in BLOCK_CODES order, for allocation-free masks. */
export const BLOCK_BIT: Readonly<Record<BlockCode, number>> = Object.fromEntries(
  BLOCK_CODES.map((code, i) => [code, 1 << i]),
) as Record<BlockCode, number>;

export const BLOCK_MESSAGES: Readonly<Record<BlockCode, string>> = {
  SAME_PERSON: 'A person cannot be their own mentor.',
  NOT_ENROLLED: 'Both people must be enrolled in this programme, one as a mentor and one as a mentee.',
  NO_CAPACITY: 'The mentor has no room for another mentee in this programme.',
  CHAIN_OF_COMMAND: 'They are in the same chain of command: one of them manages the other, directly or further up.',
  NOT_SENIOR_ENOUGH: "The level gap between them is outside this programme's rule.",
  NO_COMMON_LANGUAGE: 'They do not share a language.',
  EXCLUDED: 'This pair is excluded: a coordinator ruled it out, or it was rejected or ended early before.',
};

export interface Block {
  code: BlockCode;
  message: string;
}

/** The message for a code, made specific to the programme where the rule depends on it. */
export function blockMessage(code: BlockCode, policy?: Readonly<MatchingPolicy>): string {
  if (code !== 'NOT_SENIOR_ENOUGH' || !policy) return BLOCK_MESSAGES[code];
  const levels = (k: number): string => `${k} level${k === 1 ? '' : 's'}`;
  switch (policy.kind) {
    case 'PEER': {
      const max = policy.peerMaxLevelGap ?? DEFAULT_PEER_MAX_LEVEL_GAP;
      return max === 0 ? 'Peers in this programme must be at the same level.' : `Peers in this programme must be within ${levels(max)} of each other.`;
    }
    case 'REVERSE':
      return policy.minLevelGap === 0
        ? 'In reverse mentoring the mentor must not be senior to the mentee.'
        : `In reverse mentoring the mentor must be at least ${levels(policy.minLevelGap)} junior to the mentee.`;
    default:
      return policy.minLevelGap === 0
        ? 'The mentor must not be junior to the mentee in this programme.'
        : `The mentor must be at least ${levels(policy.minLevelGap)} above the mentee in this programme.`;
  }
}

/**
 * True when any hard rule blocks the pair; cheapest and most often decisive checks first.
 * Allocates nothing. The sweep in scoring.ts inlines the same rules; tests hold them together.
 */
export function isBlocked(ctx: ScoringContext, mentor: number, mentee: number): boolean {
  const P = ctx.people;
  // Capacity is 0 for anyone not enrolled as a mentor, so this also covers NOT_ENROLLED.
  if (P.capacity[mentor]! <= 0 || ctx.isMentee[mentee] === 0 || mentor === mentee) return true;
  if (ctx.levelGapAllowed[P.level[mentor]! - P.level[mentee]! + LEVEL_OFFSET] === 0) return true;
  if (!ctx.allowChainOfCommand && ctx.tree.inChainOfCommand(mentor, mentee)) return true;
  return !shareLanguage(ctx, mentor, mentee) || isExcluded(ctx, mentor, mentee);
}

/**
 * Every rule the pair breaks, as a BLOCK_BIT mask (0 when allowed): for aggregating "why not" over
 * many pairs without allocating.
 */
export function blockMask(ctx: ScoringContext, mentor: number, mentee: number): number {
  // Every other rule is noise next to this one.
  if (mentor === mentee) return BLOCK_BIT.SAME_PERSON;
  const P = ctx.people;
  let mask = 0;
  if (ctx.mentorSlot[mentor]! < 0 || ctx.isMentee[mentee] === 0) mask |= BLOCK_BIT.NOT_ENROLLED;
  else if (P.capacity[mentor]! <= 0) mask |= BLOCK_BIT.NO_CAPACITY;
  if (!ctx.allowChainOfCommand && ctx.tree.inChainOfCommand(mentor, mentee)) mask |= BLOCK_BIT.CHAIN_OF_COMMAND;
  if (ctx.levelGapAllowed[P.level[mentor]! - P.level[mentee]! + LEVEL_OFFSET] === 0) mask |= BLOCK_BIT.NOT_SENIOR_ENOUGH;
  if (!shareLanguage(ctx, mentor, mentee)) mask |= BLOCK_BIT.NO_COMMON_LANGUAGE;
  if (isExcluded(ctx, mentor, mentee)) mask |= BLOCK_BIT.EXCLUDED;
  return mask;
}

export function codesFromMask(mask: number): BlockCode[] {
  return BLOCK_CODES.filter((code) => (mask & BLOCK_BIT[code]) !== 0);
}

/** Every rule the pair breaks, with messages, in BLOCK_CODES order; empty when allowed. */
export function blockingReasons(ctx: ScoringContext, mentor: number, mentee: number): Block[] {
  return codesFromMask(blockMask(ctx, mentor, mentee)).map((code) => ({ code, message: blockMessage(code, ctx.policy) }));
}

/** A person who listed no language is unknown, not incompatible. */
function shareLanguage(ctx: ScoringContext, mentor: number, mentee: number): boolean {
  const P = ctx.people;
  if (P.primaryLanguageBit[mentor]! < 0 || P.primaryLanguageBit[mentee]! < 0) return true;
  const words = ctx.languageWords;
  for (let w = 0, a = mentor * words, b = mentee * words; w < words; w++) {
    if ((P.languageMask[a + w]! & P.languageMask[b + w]!) !== 0) return true;
  }
  return false;
}

function isExcluded(ctx: ScoringContext, mentor: number, mentee: number): boolean {
  for (let i = ctx.excludedStart[mentee]!, end = ctx.excludedStart[mentee + 1]!; i < end; i++) {
    if (ctx.excludedMentor[i] === mentor) return true;
  }
  return false;
}

/**
 * The matching engine's scoring side: plain data in, plain data out. Build a context once per
 * programme (`buildScoringContext`), then score, rank, explain, or build the solver's candidate
 * graph from it.
 */
export { OrgTree, OrgTreeError } from './org-tree.js';
export {
  DEFAULT_PEER_MAX_LEVEL_GAP,
  defaultPolicy,
  validatePolicy,
  type ComponentWeights,
  type FieldError,
  type MatchingPolicy,
  type ProgrammeKind,
} from './policy.js';
export type {
  Enrolment,
  GoalInput,
  MeetingFormat,
  MentorEnrolment,
  NameLookup,
  PairRef,
  PersonInput,
  ProficiencyInput,
  ScoringInput,
} from './types.js';
export { COMPONENTS, Component, type ComponentName } from './model.js';
export { ScoringInputError, buildScoringContext, type ScoringContext } from './context.js';
export {
  BLOCK_BIT,
  BLOCK_CODES,
  BLOCK_MESSAGES,
  BlockCode,
  blockMask,
  blockMessage,
  blockingReasons,
  codesFromMask,
  isBlocked,
  type Block,
} from './constraints.js';
export {
  rankMentors,
  scoreComponentsInto,
  scoreMentorsInto,
  scorePair,
  type RankOptions,
  type RankedMentor,
} from './scoring.js';
export { explainPair, type PairExplanation, type Reason } from './explain.js';
export {
  SCORE_SCALE,
  buildCandidateGraph,
  candidateOracle,
  type CandidateGraph,
  type CandidateGraphOptions,
  type CandidateOracle,
} from './candidates.js';

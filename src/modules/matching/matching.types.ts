import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { PageInfo } from '../../graphql/connection.js';
import { UserError } from '../../graphql/errors.js';
import { Person } from '../person/person.entity.js';
import type { PersonRecord } from '../person/person.record.js';
import { MatchProposal } from './match-proposal.entity.js';
import { MatchRun } from './match-run.entity.js';
import { Mentorship } from '../mentorship/mentorship.entity.js';
import { ConnectionType, EdgeType } from '../../graphql/connection.js';
import { ExclusionKind } from './matching.enums.js';

export enum ScoreComponent {
  EXPERIENCE = 'EXPERIENCE',
  GOALS = 'GOALS',
  REACH = 'REACH',
  PRACTICAL = 'PRACTICAL',
}
registerEnumType(ScoreComponent, {
  name: 'ScoreComponent',
  description: 'The four parts of a compatibility score.',
  valuesConfig: {
    EXPERIENCE: { description: 'Level gap and years against the programme\'s ideal gap.' },
    GOALS: { description: 'How well the mentor\'s strengths cover the mentee\'s active goals.' },
    REACH: { description: 'How far outside the mentee\'s corner of the organisation the mentor sits.' },
    PRACTICAL: { description: 'Time-zone overlap, shared language, meeting format.' },
  },
});

export enum HardRule {
  SAME_PERSON = 'SAME_PERSON',
  CHAIN_OF_COMMAND = 'CHAIN_OF_COMMAND',
  NOT_SENIOR_ENOUGH = 'NOT_SENIOR_ENOUGH',
  NO_CAPACITY = 'NO_CAPACITY',
  EXCLUDED = 'EXCLUDED',
  NO_COMMON_LANGUAGE = 'NO_COMMON_LANGUAGE',
  NOT_ENROLLED = 'NOT_ENROLLED',
}
registerEnumType(HardRule, {
  name: 'HardRule',
  description: 'A rule that blocks a pair outright, whatever its score. Codes are stable.',
  valuesConfig: {
    SAME_PERSON: { description: 'Mentor and mentee are the same person.' },
    CHAIN_OF_COMMAND: { description: 'One is in the other\'s chain of command, at any depth.' },
    NOT_SENIOR_ENOUGH: { description: 'The level gap is outside the programme\'s rule (reversed for REVERSE programmes).' },
    NO_CAPACITY: { description: 'The mentor has no capacity left (or is unavailable).' },
    EXCLUDED: { description: 'A coordinator banned the pair, or it was rejected or ended early before.' },
    NO_COMMON_LANGUAGE: { description: 'They share no language.' },
    NOT_ENROLLED: { description: 'One of them is not enrolled in the programme on that side.' },
  },
});

export enum UnmatchedReason {
  NO_ELIGIBLE_MENTOR = 'NO_ELIGIBLE_MENTOR',
  BANNED_FROM_ALL = 'BANNED_FROM_ALL',
  ELIGIBLE_MENTORS_HAVE_NO_CAPACITY = 'ELIGIBLE_MENTORS_HAVE_NO_CAPACITY',
  ALL_ELIGIBLE_MENTORS_FULL = 'ALL_ELIGIBLE_MENTORS_FULL',
}
registerEnumType(UnmatchedReason, {
  name: 'UnmatchedReason',
  description: 'Why a match run left a mentee without a mentor.',
  valuesConfig: {
    NO_ELIGIBLE_MENTOR: { description: 'Every mentor fails a hard rule or the minimum score.' },
    BANNED_FROM_ALL: { description: 'Coordinator bans removed every eligible mentor.' },
    ELIGIBLE_MENTORS_HAVE_NO_CAPACITY: { description: 'Every eligible mentor has zero capacity.' },
    ALL_ELIGIBLE_MENTORS_FULL: { description: 'Every eligible mentor is full, and the optimum proves no reshuffle could also match this mentee.' },
  },
});

// The types of a suggestions page are plain data read on every edge: `simpleResolvers` lets
// graphql-js read their properties directly instead of through type-graphql's per-field wrapper
// (there are no middlewares or auth rules on them to apply).
@ObjectType({ simpleResolvers: true, description: 'The four components of a score, each 0–1.' })
export class ScoreBreakdown {
  @Field(() => Float, { description: 'Experience fit, 0–1.' })
  experience!: number;
  @Field(() => Float, { description: 'Goal coverage, 0–1.' })
  goals!: number;
  @Field(() => Float, { description: 'Organisational reach, 0–1.' })
  reach!: number;
  @Field(() => Float, { description: 'Practical fit, 0–1.' })
  practical!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A plain-language reason behind a score.' })
export class MatchReason {
  @Field(() => ScoreComponent, { description: 'Which component it explains.' })
  component!: ScoreComponent;
  @Field({ description: 'The reason, e.g. "Different division, 5 steps apart in the org chart".' })
  text!: string;
  @Field(() => Float, { description: 'Signed points of the 0–100 total this factor adds (or costs against a perfect fit).' })
  points!: number;
}

@ObjectType({ description: 'A hard rule that blocks a pair.' })
export class HardRuleViolation {
  @Field(() => HardRule, { description: 'Stable code.' })
  code!: HardRule;
  @Field({ description: 'Plain-language explanation.' })
  message!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A suggested mentor, with why they fit. Scores live on the edge: they describe the pair, not the person.' })
export class SuggestedMentorEdge {
  @Field({ description: 'Opaque cursor.' })
  cursor!: string;
  @Field(() => Person, { description: 'The mentor.' })
  node!: PersonRecord;
  @Field(() => Float, { description: 'Compatibility score 0–100.' })
  score!: number;
  @Field(() => ScoreBreakdown, { description: 'The four components.' })
  breakdown!: ScoreBreakdown;
  @Field(() => [MatchReason], { description: 'The most important reasons, most important first.' })
  reasons!: MatchReason[];
  @Field(() => Int, { description: 'How many more mentees the mentor can take now.' })
  capacityLeft!: number;
  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the mentor was last active in the product (responsiveness signal).' })
  lastActiveAt!: Date | null;
}

@ObjectType({ simpleResolvers: true, description: 'Suggested mentors, best first.' })
export class SuggestedMentorConnection {
  @Field(() => [SuggestedMentorEdge], { description: 'Mentors with scores and reasons.' })
  edges!: SuggestedMentorEdge[];
  @Field(() => [Person], { description: 'The mentors alone.' })
  nodes!: PersonRecord[];
  @Field(() => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many mentors pass the hard rules, the minimum score and the filters.' })
  totalCount!: number;
}

@InputType({ description: 'Narrow the suggestions.' })
export class SuggestedMentorFilter {
  @Field(() => String, { nullable: true, description: 'Only mentors in this department.' })
  department?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only mentors with this skill (proficiency 3 or more).' })
  skillId?: string | null;
  @Field(() => Float, { nullable: true, description: 'Only scores at or above this (0–100); never below the programme minimum.' })
  minScore?: number | null;
}

@ObjectType({ description: 'Why a pair scores what it does, or which hard rules block it.' })
export class MatchExplanation {
  @Field(() => Person, { description: 'The mentor.' })
  mentor!: Person;
  @Field(() => Person, { description: 'The mentee.' })
  mentee!: Person;
  @Field({ description: 'Whether the pair could be matched (no hard rule blocks it and it reaches the minimum score).' })
  eligible!: boolean;
  @Field(() => [HardRuleViolation], { description: 'Hard rules that block the pair; empty when none.' })
  blockedBy!: HardRuleViolation[];
  @Field(() => Float, { nullable: true, description: 'Score 0–100; null when a hard rule blocks the pair.' })
  score!: number | null;
  @Field(() => Float, { description: 'The programme minimum score.' })
  minScore!: number;
  @Field(() => ScoreBreakdown, { description: 'Components (computed even when blocked, to show what the pair would bring).' })
  breakdown!: ScoreBreakdown;
  @Field(() => [MatchReason], { description: 'All reasons, most important first.' })
  reasons!: MatchReason[];
}

@ObjectType({ description: 'Greedy-baseline figures for comparison with the optimum.' })
export class BaselineStats {
  @Field(() => Int, { description: 'Mentees the greedy matcher would match.' })
  matched!: number;
  @Field(() => Float, { description: 'Its total score.' })
  totalScore!: number;
  @Field(() => Float, { description: 'Its mean score per matched mentee.' })
  meanScore!: number;
}

@ObjectType({ description: 'Outcome figures of a match run.' })
export class MatchRunStats {
  @Field(() => Int, { description: 'Mentees considered (enrolled, not already in a live mentorship).' })
  mentees!: number;
  @Field(() => Int, { description: 'Mentors considered.' })
  mentors!: number;
  @Field(() => Int, { description: 'Mentees matched.' })
  matched!: number;
  @Field(() => Int, { description: 'Mentees left unmatched (see `unmatched` for reasons).' })
  unmatched!: number;
  @Field(() => Int, { description: 'Pinned pairs honoured.' })
  pinned!: number;
  @Field(() => Int, { description: 'Pins that could not be honoured because they break a hard rule or score below the minimum (use overrideMatch for those).' })
  pinsIgnored!: number;
  @Field(() => Float, { description: 'Sum of the scores of the pairs made.' })
  totalScore!: number;
  @Field(() => Float, { description: 'Mean score per matched mentee.' })
  meanScore!: number;
  @Field(() => Float, { description: 'Score of the worst-off matched mentee (fairness).' })
  worstMatchedScore!: number;
  @Field(() => Float, { description: '10th percentile of matched scores.' })
  p10Score!: number;
  @Field(() => Float, { description: 'Median matched score.' })
  medianScore!: number;
  @Field(() => Float, { description: '90th percentile of matched scores.' })
  p90Score!: number;
  @Field(() => [Int], { description: 'Matched scores in 10 buckets: 0–10, 10–20, … 90–100.' })
  distribution!: number[];
  @Field(() => BaselineStats, { description: 'What a greedy matcher would have achieved.' })
  greedy!: BaselineStats;
  @Field(() => Int, { description: 'Scored pairs that passed the hard rules and the minimum score.' })
  candidatePairs!: number;
  @Field(() => Int, { description: 'Pairs the exact solver needed after exact pruning.' })
  pairsUsed!: number;
  @Field(() => Int, { description: 'Solve rounds (pruning repairs add rounds).' })
  rounds!: number;
  @Field(() => Int, { description: 'Wall time in milliseconds.' })
  elapsedMs!: number;
}

@ObjectType({ description: 'Proof of optimality: dual prices that any client can check against the pairs.' })
export class OptimalityCertificateSummary {
  @Field({ description: 'Whether the independent verifier accepted the certificate.' })
  verified!: boolean;
  @Field(() => Float, { description: 'Per-match bonus that makes "most matched, then highest score" a single objective.' })
  matchBonus!: number;
  @Field(() => Float, { description: 'Primal objective (bonus × matched + total score, in hundredths).' })
  primalObjective!: number;
  @Field(() => Float, { description: 'Dual objective; equal to the primal objective exactly when optimal.' })
  dualObjective!: number;
  @Field(() => [String], { description: 'Problems found by the verifier; empty when verified.' })
  violations!: string[];
}

@ObjectType({ description: 'A mentee the run could not match, with the reason.' })
export class UnmatchedMentee {
  @Field(() => Person, { description: 'The mentee.' })
  mentee!: Person;
  @Field(() => UnmatchedReason, { description: 'Stable reason code.' })
  reason!: UnmatchedReason;
  @Field({ description: 'Plain-language explanation.' })
  message!: string;
}

export const MatchProposalEdge = EdgeType('MatchProposal', MatchProposal);
export const MatchProposalConnection = ConnectionType('MatchProposal', MatchProposal, MatchProposalEdge);
export const MatchRunEdge = EdgeType('MatchRun', MatchRun);
export const MatchRunConnection = ConnectionType('MatchRun', MatchRun, MatchRunEdge);

@InputType({ description: 'Run the programme matcher.' })
export class RunMatchingInput {
  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;
  @Field(() => Float, { nullable: true, description: 'Minimum score for this run (default: the programme policy; never below it).' })
  minScore?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Force a background job even for a small programme (default: automatic by size).' })
  background?: boolean | null;
}

@ObjectType({ description: 'Result of runMatching.' })
export class RunMatchingPayload {
  @Field(() => MatchRun, { nullable: true, description: 'The run: finished for small programmes, QUEUED for big ones (poll `progress`).' })
  run?: MatchRun | null;
  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Approve a proposed pair.' })
export class ApproveMatchProposalInput {
  @Field(() => ID, { description: 'The proposal.' })
  proposalId!: string;
}

@InputType({ description: 'Reject a proposed pair; the pair is then excluded from future matching.' })
export class RejectMatchProposalInput {
  @Field(() => ID, { description: 'The proposal.' })
  proposalId!: string;
  @Field({ description: 'Why, 1–1000 characters (kept in the audit trail).' })
  reason!: string;
}

@InputType({ description: 'Approve many proposals at once; each succeeds or fails on its own.' })
export class BulkApproveMatchProposalsInput {
  @Field(() => [ID], { description: 'Up to 500 proposals.' })
  proposalIds!: string[];
}

@InputType({ description: 'Pair a mentor and a mentee by hand. Hard rules still apply; only capacity may be overridden, explicitly.' })
export class OverrideMatchInput {
  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;
  @Field(() => ID, { description: 'The mentor (enrolled as mentor).' })
  mentorId!: string;
  @Field(() => ID, { description: 'The mentee (enrolled as mentee).' })
  menteeId!: string;
  @Field({ description: 'Why, 1–1000 characters (kept in the audit trail).' })
  reason!: string;
  @Field(() => Boolean, { nullable: true, description: 'Allow exceeding the mentor\'s capacity (default false).' })
  overrideCapacity?: boolean | null;
}

@InputType({ description: 'Pin (must pair) or ban (never pair) a specific pair in a programme.' })
export class SetPairRuleInput {
  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;
  @Field(() => ID, { description: 'The mentor.' })
  mentorId!: string;
  @Field(() => ID, { description: 'The mentee.' })
  menteeId!: string;
  @Field(() => ExclusionKind, { description: 'PIN or BAN.' })
  kind!: ExclusionKind;
  @Field(() => String, { nullable: true, description: 'Why (kept in the audit trail).' })
  reason?: string | null;
}

@ObjectType({ description: 'Result of a proposal decision.' })
export class MatchProposalPayload {
  @Field(() => MatchProposal, { nullable: true, description: 'The proposal after the decision.' })
  proposal?: MatchProposal | null;
  @Field(() => Mentorship, { nullable: true, description: 'The mentorship an approval created.' })
  mentorship?: Mentorship | null;
  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'One failed item of a bulk approval.' })
export class BulkApprovalFailure {
  @Field(() => ID, { description: 'The proposal that was not approved.' })
  proposalId!: string;
  @Field(() => [UserError], { description: 'Why.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of a bulk approval.' })
export class BulkApproveMatchProposalsPayload {
  @Field(() => [MatchProposal], { description: 'Approved proposals.' })
  approved!: MatchProposal[];
  @Field(() => [BulkApprovalFailure], { description: 'Proposals that could not be approved, with reasons.' })
  failed!: BulkApprovalFailure[];
  @Field(() => [UserError], { description: 'Failures of the request as a whole.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of setting a pair rule.' })
export class SetPairRulePayload {
  @Field(() => Boolean, { description: 'Whether the rule is now in place.' })
  ok!: boolean;
  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

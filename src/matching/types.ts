/**
 * Plain-data input of the scorer. The database layer maps rows into these; everything is keyed by
 * dense indices it assigns (people 0..n-1, skills 0..s-1, and dense ids for divisions,
 * departments, locations and languages). Order people by a stable key (e.g. id): ties between
 * equally good mentors break by person index.
 */
import type { OrgTree } from './org-tree.js';
import type { MatchingPolicy } from './policy.js';

export type MeetingFormat = 'IN_PERSON' | 'REMOTE' | 'HYBRID';

export interface PersonInput {
  /** 1 (entry) … 10 (CEO). */
  level: number;
  yearsExperience: number;
  /** Dense id ≥ 0, or -1 when unknown (unknown never counts as "different"). */
  division: number;
  department: number;
  location: number;
  /** Standard offset from UTC in minutes, e.g. 60 for Berlin. */
  utcOffsetMinutes: number;
  /** Language ids, primary first; empty when unknown (then language neither blocks nor helps). */
  languages: readonly number[];
  format: MeetingFormat;
  /**
   * Index of the manager in `people`, -1 for the top. `people` must hold the whole reporting line
   * above every participant, not just the participants, or chain-of-command checks go blind.
   */
  manager: number;
}

/** One row per person and skill. */
export interface ProficiencyInput {
  person: number;
  skill: number;
  /** 1 (aware) … 5 (expert). */
  proficiency: number;
  wantsToTeach: boolean;
}

export interface GoalInput {
  person: number;
  /** Skills the goal develops; a goal without skills cannot be matched on and is ignored. */
  skills: readonly number[];
  /** 1 (low) … 3 (high). */
  priority: number;
  /** Only active goals count; achieved and abandoned ones are history. */
  active: boolean;
  title?: string;
}

export interface MentorEnrolment {
  person: number;
  /** Mentees the mentor can still take in this programme; 0 blocks with NO_CAPACITY. */
  capacityLeft: number;
}

export interface Enrolment {
  mentors: readonly MentorEnrolment[];
  mentees: readonly number[];
}

export interface PairRef {
  mentor: number;
  mentee: number;
}

/** Display names for reasons, indexed by the same dense ids as the input. All optional. */
export interface NameLookup {
  skills?: ArrayLike<string | undefined>;
  divisions?: ArrayLike<string | undefined>;
  departments?: ArrayLike<string | undefined>;
  locations?: ArrayLike<string | undefined>;
  languages?: ArrayLike<string | undefined>;
}

export interface ScoringInput {
  people: readonly PersonInput[];
  /** Parent of each skill in the taxonomy, -1 for a top-level skill. */
  skillParent: ArrayLike<number>;
  proficiencies: readonly ProficiencyInput[];
  goals: readonly GoalInput[];
  policy: MatchingPolicy;
  enrolment: Enrolment;
  /** Coordinator bans and earlier pairs that were rejected or ended early. */
  excluded?: readonly PairRef[];
  names?: NameLookup;
  /**
   * The organisation's tree, if the caller already has one (it is the same for every programme of
   * the organisation). Must have been built from these people's `manager` fields.
   */
  orgTree?: OrgTree;
}

import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ProgrammeKind, ProgrammeStatus } from './programme.enums.js';

@InputType({ description: 'Component weights; omitted ones keep their current (or default) value.' })
export class ScoreWeightsInput {
  @Field(() => Float, { nullable: true, description: 'Experience weight (≥ 0).' })
  experience?: number | null;
  @Field(() => Float, { nullable: true, description: 'Goals weight (≥ 0).' })
  goals?: number | null;
  @Field(() => Float, { nullable: true, description: 'Reach weight (≥ 0).' })
  reach?: number | null;
  @Field(() => Float, { nullable: true, description: 'Practical-fit weight (≥ 0).' })
  practical?: number | null;
}

@InputType({ description: 'Matching policy changes; omitted fields keep their current (or default) value.' })
export class MatchingPolicyInput {
  @Field(() => ScoreWeightsInput, { nullable: true, description: 'Component weights.' })
  weights?: ScoreWeightsInput | null;
  @Field(() => Int, { nullable: true, description: 'Ideal level gap, 0–9.' })
  idealLevelGap?: number | null;
  @Field(() => Int, { nullable: true, description: 'Minimum level gap, 0–9, not above the ideal gap.' })
  minLevelGap?: number | null;
  @Field(() => Float, { nullable: true, description: 'Minimum score 0–100.' })
  minScore?: number | null;
  @Field(() => Int, { nullable: true, description: 'Default mentor capacity, 1–20.' })
  defaultMentorCapacity?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether proposals need coordinator approval.' })
  requiresApproval?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether mentees may request mentors.' })
  menteesMayRequest?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Allow pairs inside the chain of command (only for COACHING programmes).' })
  allowChainOfCommand?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Days before an unanswered request expires, 1–90.' })
  requestExpiryDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Pending requests a mentee may hold at once, 1–10.' })
  maxPendingRequests?: number | null;
}

@InputType({ description: 'A new programme.' })
export class CreateProgrammeInput {
  @Field({ description: 'Display name, 1–200 characters.' })
  name!: string;
  @Field(() => String, { nullable: true, description: 'Purpose and SMART measures of success.' })
  description?: string | null;
  @Field(() => ProgrammeKind, { description: 'Kind of relationship.' })
  kind!: ProgrammeKind;
  @Field(() => Int, { nullable: true, description: 'Expected relationship length in months, 1–36 (default: 9 for mentoring, 4 for coaching, 6 otherwise).' })
  expectedDurationMonths?: number | null;
  @Field(() => Int, { nullable: true, description: 'Days between check-ins, 1–90 (default 14).' })
  checkInCadenceDays?: number | null;
  @Field(() => MatchingPolicyInput, { nullable: true, description: 'Matching policy (defaults apply to omitted fields).' })
  policy?: MatchingPolicyInput | null;
}

@InputType({ description: 'Changes to a programme; omitted fields stay as they are.' })
export class UpdateProgrammeInput {
  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;
  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;
  @Field(() => String, { nullable: true, description: 'New description.' })
  description?: string | null;
  @Field(() => ProgrammeStatus, { nullable: true, description: 'New status (DRAFT → OPEN → ACTIVE → CLOSED; no way back from CLOSED).' })
  status?: ProgrammeStatus | null;
  @Field(() => Int, { nullable: true, description: 'Expected relationship length in months, 1–36.' })
  expectedDurationMonths?: number | null;
  @Field(() => Int, { nullable: true, description: 'Days between check-ins, 1–90.' })
  checkInCadenceDays?: number | null;
  @Field(() => MatchingPolicyInput, { nullable: true, description: 'Policy changes.' })
  policy?: MatchingPolicyInput | null;
}

@InputType({ description: 'A coordinator (or organisation admin) and a programme they coordinate.' })
export class ProgrammeCoordinatorInput {
  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;
  @Field(() => ID, { description: 'The person: a coordinator or organisation admin of your organisation.' })
  personId!: string;
}

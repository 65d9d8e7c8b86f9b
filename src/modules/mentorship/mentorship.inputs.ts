import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MeetingFormat } from '../person/person.enums.js';
import { AssessmentSource, EndReason } from './mentorship.enums.js';

const EXPECTED_VERSION = 'The `version` you last saw. When given and the mentorship has changed since, the change is refused with CONFLICT.';

@InputType({ description: 'Sign (or propose) the mentoring agreement. Signing the terms the other participant signed completes it; different terms replace theirs and need their signature again.' })
export class SignAgreementInput {
  @Field(() => ID, { description: 'The mentorship.' })
  mentorshipId!: string;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION })
  expectedVersion?: number | null;
  @Field(() => [ID], { description: 'The mentee\'s development goals in scope (0–10, their own, not abandoned).' })
  goalIds!: string[];
  @Field(() => Int, { description: 'Agreed days between check-ins, 1–90.' })
  cadenceDays!: number;
  @Field(() => MeetingFormat, { description: 'How the pair will meet.' })
  format!: MeetingFormat;
  @Field({ description: 'Both agree that what is said stays between them. Must be true.' })
  confidentialityAcknowledged!: boolean;
}

@InputType({ description: 'A lifecycle change of a mentorship (pause, resume).' })
export class MentorshipTransitionInput {
  @Field(() => ID, { description: 'The mentorship.' })
  mentorshipId!: string;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION })
  expectedVersion?: number | null;
}

@InputType({ description: 'Close a mentorship as planned.' })
export class CompleteMentorshipInput {
  @Field(() => ID, { description: 'The mentorship.' })
  mentorshipId!: string;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION })
  expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'Participants only: your closing reflection (up to 5,000 characters). Private: only you will ever see it.' })
  reflection?: string | null;
}

@InputType({ description: 'End a mentorship before its planned end. The pair is excluded from future matching.' })
export class EndMentorshipEarlyInput {
  @Field(() => ID, { description: 'The mentorship.' })
  mentorshipId!: string;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION })
  expectedVersion?: number | null;
  @Field(() => EndReason, { description: 'Why it ends.' })
  reason!: EndReason;
  @Field(() => String, { nullable: true, description: 'A short explanation (up to 2,000 characters), shared with both participants and coordinators. Put private matters in the reflection instead.' })
  note?: string | null;
  @Field(() => String, { nullable: true, description: 'Participants only: your closing reflection (up to 5,000 characters). Private: only you will ever see it.' })
  reflection?: string | null;
}

@InputType({ description: 'Your closing reflection on an ended mentorship. Private: only you will ever see it.' })
export class SubmitClosingReflectionInput {
  @Field(() => ID, { description: 'The mentorship (completed or ended early).' })
  mentorshipId!: string;
  @Field({ description: 'The reflection, 1–5,000 characters. Replaces an earlier one.' })
  reflection!: string;
}

@InputType({ description: 'A meeting of the pair.' })
export class LogCheckInInput {
  @Field(() => ID, { description: 'The mentorship (must be active).' })
  mentorshipId!: string;
  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the meeting took place (default now; not in the future, not before the start).' })
  heldAt?: Date | null;
  @Field(() => Int, { description: 'Length in minutes, 5–480.' })
  durationMinutes!: number;
  @Field(() => MeetingFormat, { description: 'How they met.' })
  format!: MeetingFormat;
  @Field(() => [String], { nullable: true, description: 'Topics discussed: up to 10, each 1–100 characters.' })
  topics?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'The mentee\'s goals the meeting worked on.' })
  goalIds?: string[] | null;
  @Field(() => String, { nullable: true, description: 'A note shared by the two participants (up to 5,000 characters); never shown to coordinators.' })
  sharedNote?: string | null;
}

@InputType({ description: 'Your private pulse answer.' })
export class SubmitPulseInput {
  @Field(() => ID, { description: 'The mentorship (live, or ended at most 30 days ago for an exit pulse).' })
  mentorshipId!: string;
  @Field(() => Int, { description: 'How is the relationship going, 1 (poor) to 5 (excellent).' })
  rating!: number;
  @Field(() => Boolean, { nullable: true, description: 'Is this helping you grow?' })
  helping?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Anything else, up to 5,000 characters. Only you will ever see it.' })
  text?: string | null;
}

@InputType({ description: 'Privately ask for support beyond mentoring. Coordinators learn that a flag was raised, never by whom or why.' })
export class RaiseSupportFlagInput {
  @Field(() => ID, { description: 'The mentorship (live).' })
  mentorshipId!: string;
  @Field(() => String, { nullable: true, description: 'What is going on, up to 2,000 characters. Only you will ever see it.' })
  note?: string | null;
}

@InputType({ description: 'Close the open support flags of a mentorship once a coordinator has reached out.' })
export class ResolveSupportFlagsInput {
  @Field(() => ID, { description: 'The mentorship.' })
  mentorshipId!: string;
}

@InputType({ description: 'A skill level observed at a point in time.' })
export class RecordSkillAssessmentInput {
  @Field(() => ID, { nullable: true, description: 'Whose skill (default: the viewer).' })
  personId?: string | null;
  @Field(() => ID, { description: 'The skill.' })
  skillId!: string;
  @Field(() => Int, { description: 'Level 1 (learning) to 5 (expert).' })
  level!: number;
  @Field(() => AssessmentSource, { description: 'SELF for your own skills, MANAGER for someone in your chain of command, MENTOR for someone you mentor or mentored.' })
  source!: AssessmentSource;
  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When it was assessed (default now; not in the future).' })
  assessedAt?: Date | null;
}

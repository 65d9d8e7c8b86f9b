import { Field, Float, Int, InterfaceType, ObjectType } from 'type-graphql';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { ConnectionType, EdgeType, PageInfo } from '../../graphql/connection.js';
import { UserError } from '../../graphql/errors.js';
import { DevelopmentGoal, GoalProgress } from '../goal/goal.entity.js';
import { MeetingFormat } from '../person/person.enums.js';
import { Programme } from '../programme/programme.entity.js';
import { CheckIn, PulseSurvey, SkillAssessment } from './check-in.entity.js';
import { Mentorship } from './mentorship.entity.js';
import { AssessmentSource, EndReason, MentorshipStatus, ParticipantRole } from './mentorship.enums.js';
import { DurationBand, HealthComponentKind, HealthTrendKind, RelationshipHealthFlag, RelationshipHealthStatus, TimelineEntryKind } from './health.enums.js';

export const MentorshipEdge = EdgeType('Mentorship', Mentorship);
export const MentorshipConnection = ConnectionType('Mentorship', Mentorship, MentorshipEdge);
export const CheckInEdge = EdgeType('CheckIn', CheckIn);
export const CheckInConnection = ConnectionType('CheckIn', CheckIn, CheckInEdge);

// ---------------------------------------------------------------------------------------------
// Agreement and pulses

@ObjectType('MentorshipAgreement', { description: 'What the pair agreed: goals in scope, cadence, format and confidentiality, with each side\'s signature.' })
export class MentorshipAgreement {
  /** Resolved to `goals` by a field resolver. */
  goalIds!: string[];

  @Field(() => Int, { description: 'Agreed days between check-ins.' })
  cadenceDays!: number;

  @Field(() => MeetingFormat, { description: 'How the pair meets.' })
  format!: MeetingFormat;

  @Field({ description: 'Both agreed that what is said stays between them.' })
  confidentialityAcknowledged!: boolean;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the mentor signed these terms; null until they do.' })
  signedByMentorAt!: Date | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the mentee signed these terms; null until they do.' })
  signedByMenteeAt!: Date | null;

  @Field({ description: 'Whether both participants have signed these terms.' })
  fullySigned!: boolean;
}

@ObjectType({ description: 'Whether one participant answers their pulse surveys: never what they answered.' })
export class PulseSideSummary {
  @Field(() => Int, { description: 'Pulse answers given so far.' })
  answered!: number;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When they last answered.' })
  lastAnsweredAt!: Date | null;

  @Field(() => DateTimeISOResolver, { description: 'When the next pulse is (or was) due: 30 days after the start, then every 60 active days.' })
  nextDueAt!: Date;

  @Field({ description: 'Whether the next pulse is past due.' })
  overdue!: boolean;

  @Field(() => Int, { description: 'Whole active days past due; 0 when not overdue.' })
  daysOverdue!: number;

  @Field(() => Int, { description: 'Scheduled pulses due so far that no answer covers.' })
  missed!: number;
}

@ObjectType({ description: 'Pulse surveys of a mentorship, per side and in aggregate. Individual answers and their text are never included.' })
export class PulseSummary {
  @Field(() => PulseSideSummary, { description: 'The mentor\'s side.' })
  mentor!: PulseSideSummary;

  @Field(() => PulseSideSummary, { description: 'The mentee\'s side.' })
  mentee!: PulseSideSummary;

  @Field(() => Float, {
    nullable: true,
    description: 'Coordinators only: mean rating over all answers of both participants, once both have answered. Null for participants, who could work out the other side\'s answers from it and their own.',
  })
  meanRating!: number | null;
}

// ---------------------------------------------------------------------------------------------
// Health

@ObjectType('HealthComponent', { description: 'One explainable part of the health score.' })
export class HealthComponentView {
  @Field(() => HealthComponentKind, { description: 'Which component.' })
  name!: HealthComponentKind;

  @Field(() => Float, { description: '0–1. A neutral component reports 1 and is left out of the score.' })
  score!: number;

  @Field(() => Float, { description: 'Its weight in the score.' })
  weight!: number;

  @Field({ description: 'True when there is not enough data yet to judge it (it is then left out of the score).' })
  neutral!: boolean;

  @Field(() => [String], { description: 'Plain-language reasons.' })
  reasons!: string[];
}

@ObjectType('HealthTrend', { description: 'Direction of the health score over the daily snapshots of the last 60 days.' })
export class HealthTrendView {
  @Field(() => HealthTrendKind, { description: 'Improving, stable (under 1 point a week either way) or declining.' })
  direction!: HealthTrendKind;

  @Field(() => Float, { description: 'Least-squares slope of the score, in points per week.' })
  slopePerWeek!: number;

  @Field(() => Int, { description: 'Data points used (daily snapshots, plus today\'s live score when today has no snapshot yet).' })
  samples!: number;
}

@ObjectType({ description: 'A stored daily health snapshot.' })
export class HealthSnapshotPoint {
  @Field(() => LocalDateResolver, { description: 'The (UTC) day.' })
  day!: string;

  @Field(() => Int, { description: 'Score 0–100 that day.' })
  score!: number;

  @Field(() => RelationshipHealthStatus, { description: 'Status that day.' })
  status!: RelationshipHealthStatus;
}

@ObjectType({ description: 'The health of a relationship: a score, a status and the explained components behind them. Computed live; private answers are never quoted.' })
export class MentorshipHealth {
  /** For the trend and history field resolvers. */
  mentorshipId!: string;

  @Field(() => Int, { description: 'Score 0–100: the weighted mean of the components that have data.' })
  score!: number;

  @Field(() => RelationshipHealthStatus, { description: 'Overall status.' })
  status!: RelationshipHealthStatus;

  @Field(() => [HealthComponentView], { description: 'Components, each with its score and reasons.' })
  components!: HealthComponentView[];

  @Field(() => [String], { description: 'The most important reasons, most urgent first.' })
  reasons!: string[];

  @Field(() => [RelationshipHealthFlag], { description: 'What a coordinator should know, most severe first.' })
  flags!: RelationshipHealthFlag[];

  @Field(() => Float, { description: 'How soon a coordinator should look (higher is sooner); 0 once ended.' })
  urgency!: number;

  @Field(() => DateTimeISOResolver, { description: 'The instant evaluated: now, or the end of an ended relationship.' })
  evaluatedAt!: Date;

  @Field(() => Float, { description: 'Days since the start, not counting pauses.' })
  activeDays!: number;

  @Field(() => Float, { nullable: true, description: 'Active days since the last check-in; null before the first.' })
  daysSinceLastCheckIn!: number | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the next check-in is due; null when paused or ended.' })
  nextCheckInDueAt!: Date | null;
}

@ObjectType({ description: 'An edge of the at-risk queue: the mentorship, why it is there, and how urgent it is.' })
export class AtRiskMentorshipEdge {
  @Field(() => Mentorship, { description: 'The mentorship.' })
  node!: Mentorship;

  @Field({ description: 'Opaque cursor of this item.' })
  cursor!: string;

  @Field(() => Float, { description: 'Urgency: the queue is ordered by it, highest first.' })
  urgency!: number;

  @Field(() => Int, { description: 'Health score 0–100.' })
  score!: number;

  @Field(() => RelationshipHealthStatus, { description: 'AT_RISK or STALLED.' })
  status!: RelationshipHealthStatus;

  @Field(() => [String], { description: 'Why it needs a coordinator, most urgent first.' })
  reasons!: string[];

  @Field(() => [RelationshipHealthFlag], { description: 'Flags, most severe first.' })
  flags!: RelationshipHealthFlag[];
}

@ObjectType({ description: 'Mentorships that need a coordinator (AT_RISK or STALLED), most urgent first.' })
export class AtRiskMentorshipConnection {
  @Field(() => [AtRiskMentorshipEdge], { description: 'Items with their urgency and reasons.' })
  edges!: AtRiskMentorshipEdge[];

  @Field(() => [Mentorship], { description: 'The mentorships alone.' })
  nodes!: Mentorship[];

  @Field(() => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many mentorships of the programme are at risk or stalled.' })
  totalCount!: number;
}

@ObjectType({ description: 'How many mentorships have a lifecycle status.' })
export class MentorshipStatusCount {
  @Field(() => MentorshipStatus, { description: 'The status.' })
  status!: MentorshipStatus;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType({ description: 'How many live mentorships have a health status.' })
export class HealthStatusCount {
  @Field(() => RelationshipHealthStatus, { description: 'The status.' })
  status!: RelationshipHealthStatus;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType({ description: 'The health of a programme\'s relationships right now, for coordinators.' })
export class ProgrammeHealth {
  @Field(() => Programme, { description: 'The programme.' })
  programme!: Programme;

  @Field(() => [MentorshipStatusCount], { description: 'Mentorships per lifecycle status (every status, zeros included).' })
  mentorshipsByStatus!: MentorshipStatusCount[];

  @Field(() => [HealthStatusCount], { description: 'Live mentorships per health status (every status but ENDED, zeros included).' })
  healthByStatus!: HealthStatusCount[];

  @Field(() => Int, { description: 'Live (active or paused) mentorships.' })
  live!: number;

  @Field(() => Int, { description: 'Live mentorships that are AT_RISK or STALLED.' })
  needingAttention!: number;

  @Field(() => Float, { nullable: true, description: 'Mean health score of the live mentorships; null when there are none.' })
  meanHealthScore!: number | null;

  @Field(() => Int, { description: 'Participants of live mentorships whose pulse survey is overdue.' })
  overduePulses!: number;

  @Field(() => Int, { description: 'Live mentorships with an open support flag (who raised it and why are never shown).' })
  openSupportFlags!: number;

  @Field(() => DateTimeISOResolver, { description: 'When this was computed.' })
  evaluatedAt!: Date;
}

// ---------------------------------------------------------------------------------------------
// Outcomes

@ObjectType({ description: 'How many relationships ended early for a reason.' })
export class EndReasonCount {
  @Field(() => EndReason, { description: 'The reason.' })
  reason!: EndReason;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType({ description: 'Mean change of assessed skill levels from one assessment source.' })
export class SkillChangeBySource {
  @Field(() => AssessmentSource, { description: 'Who assessed (changes are only measured between assessments of the same source).' })
  source!: AssessmentSource;

  @Field(() => Float, { nullable: true, description: 'Mean change in level (1–5 scale); null when nothing could be measured.' })
  meanChange!: number | null;

  @Field(() => Int, { description: 'Mentee-skill pairs measured.' })
  measured!: number;
}

@ObjectType({ description: 'How mentees\' targeted skills (the skills of the goals their mentorship worked on) changed: the last assessment before the start (or the first during it) against the last one up to 30 days after the end.' })
export class SkillChangeSummary {
  @Field(() => Float, { nullable: true, description: 'Mean change in level over every measured mentee-skill-source triple; null when none.' })
  meanChange!: number | null;

  @Field(() => Int, { description: 'Triples measured.' })
  measured!: number;

  @Field(() => [SkillChangeBySource], { description: 'Per assessment source.' })
  bySource!: SkillChangeBySource[];
}

@ObjectType({ description: 'How many ended relationships fall in a band of actual against planned length.' })
export class DurationBandCount {
  @Field(() => DurationBand, { description: 'The band.' })
  band!: DurationBand;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType({ description: 'Lengths of the ended relationships against the plan (active days: pauses do not count).' })
export class DurationSummary {
  @Field(() => Float, { description: 'The programme\'s expected length in days.' })
  expectedDays!: number;

  @Field(() => Int, { description: 'Ended relationships measured.' })
  ended!: number;

  @Field(() => Float, { nullable: true, description: 'Mean active length in days.' })
  meanActualDays!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median active length in days.' })
  medianActualDays!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean of actual ÷ planned length (1 = as planned).' })
  meanRatioToPlan!: number | null;

  @Field(() => [DurationBandCount], { description: 'Distribution over bands (every band, zeros included).' })
  bands!: DurationBandCount[];
}

@ObjectType({ description: 'An objective evaluation of a programme\'s cohort. Aggregates only: no individual answer or private text.' })
export class ProgrammeOutcomes {
  @Field(() => Programme, { description: 'The programme.' })
  programme!: Programme;

  @Field(() => Int, { description: 'Mentorships ever started.' })
  mentorships!: number;

  @Field(() => Int, { description: 'Still live (active or paused).' })
  live!: number;

  @Field(() => Int, { description: 'Completed as planned.' })
  completed!: number;

  @Field(() => Int, { description: 'Ended early.' })
  endedEarly!: number;

  @Field(() => Float, { nullable: true, description: 'Completed ÷ ended (completed or ended early); null until one has ended.' })
  completionRate!: number | null;

  @Field(() => [EndReasonCount], { description: 'Why relationships ended early, most common first.' })
  earlyEndReasons!: EndReasonCount[];

  @Field(() => Int, { description: 'Distinct goals the programme\'s mentorships worked on.' })
  goalsSet!: number;

  @Field(() => Int, { description: 'Of those, achieved.' })
  goalsAchieved!: number;

  @Field(() => Float, { nullable: true, description: 'Achieved ÷ set; null without goals.' })
  goalAchievementRate!: number | null;

  @Field(() => SkillChangeSummary, { description: 'Change of mentees\' targeted skills.' })
  menteeSkillChange!: SkillChangeSummary;

  @Field(() => Float, { nullable: true, description: 'Mean pulse rating (1–5) over all answers; null with fewer than two respondents, so no one\'s answer can be singled out.' })
  meanPulse!: number | null;

  @Field(() => Int, { description: 'Pulse answers given.' })
  pulseAnswers!: number;

  @Field(() => Int, { description: 'Distinct people who answered a pulse.' })
  pulseRespondents!: number;

  @Field(() => DurationSummary, { description: 'Actual lengths against the plan.' })
  durations!: DurationSummary;
}

// ---------------------------------------------------------------------------------------------
// Development timeline

@InterfaceType('TimelineEntry', { description: 'A point on a person\'s development timeline.' })
export abstract class TimelineEntry {
  /** Keyset position: full-precision time key, kind rank and row id. */
  cursor!: string;

  @Field(() => DateTimeISOResolver, { description: 'When it happened.' })
  at!: Date;

  @Field(() => TimelineEntryKind, { description: 'What happened.' })
  kind!: TimelineEntryKind;
}

@ObjectType({ implements: TimelineEntry, description: 'A development goal was set (baseline and target on the goal).' })
export class GoalSetEntry extends TimelineEntry {
  @Field(() => DevelopmentGoal, { description: 'The goal.' })
  goal!: DevelopmentGoal;
}

@ObjectType({ implements: TimelineEntry, description: 'A value of a goal\'s measure was recorded.' })
export class GoalProgressEntry extends TimelineEntry {
  @Field(() => DevelopmentGoal, { description: 'The goal.' })
  goal!: DevelopmentGoal;

  @Field(() => GoalProgress, { description: 'The recorded progress.' })
  progress!: GoalProgress;

  @Field(() => Float, { description: 'The recorded value.' })
  value!: number;

  @Field(() => Float, { description: 'Where the value sits from the goal\'s baseline (0) to its target (1), clamped.' })
  fractionOfTarget!: number;
}

@ObjectType({ implements: TimelineEntry, description: 'A goal was achieved.' })
export class GoalAchievedEntry extends TimelineEntry {
  @Field(() => DevelopmentGoal, { description: 'The goal.' })
  goal!: DevelopmentGoal;
}

@ObjectType({ implements: TimelineEntry, description: 'A skill level was assessed.' })
export class SkillAssessedEntry extends TimelineEntry {
  @Field(() => SkillAssessment, { description: 'The assessment (skill, level, source).' })
  assessment!: SkillAssessment;

  @Field(() => Int, { description: 'Assessed level 1–5.' })
  level!: number;

  @Field(() => Int, { nullable: true, description: 'The previous level of the same skill from the same source; null for the first.' })
  previousLevel!: number | null;

  @Field(() => AssessmentSource, { description: 'Who assessed.' })
  source!: AssessmentSource;
}

@ObjectType({ implements: TimelineEntry, description: 'A mentorship started.' })
export class MentorshipStartedEntry extends TimelineEntry {
  @Field(() => Mentorship, { description: 'The mentorship.' })
  mentorship!: Mentorship;

  @Field(() => ParticipantRole, { description: 'The person\'s side in it.' })
  role!: ParticipantRole;
}

@ObjectType({ implements: TimelineEntry, description: 'A mentorship completed or ended early.' })
export class MentorshipEndedEntry extends TimelineEntry {
  @Field(() => Mentorship, { description: 'The mentorship.' })
  mentorship!: Mentorship;

  @Field(() => ParticipantRole, { description: 'The person\'s side in it.' })
  role!: ParticipantRole;

  @Field(() => MentorshipStatus, { description: 'COMPLETED or ENDED_EARLY.' })
  outcome!: MentorshipStatus;

  @Field(() => EndReason, { nullable: true, description: 'Why it ended early.' })
  endReason!: EndReason | null;
}

@ObjectType({ description: 'An edge to a timeline entry.' })
export class TimelineEntryEdge {
  @Field(() => TimelineEntry, { description: 'The entry.' })
  node!: TimelineEntry;

  @Field({ description: 'Opaque cursor of this entry.' })
  cursor!: string;
}

@ObjectType({ description: 'A page of a person\'s development timeline, oldest first.' })
export class TimelineEntryConnection {
  @Field(() => [TimelineEntryEdge], { description: 'Entries with their cursors.' })
  edges!: TimelineEntryEdge[];

  @Field(() => [TimelineEntry], { description: 'The entries alone.' })
  nodes!: TimelineEntry[];

  @Field(() => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Entries on the whole timeline.' })
  totalCount!: number;
}

// ---------------------------------------------------------------------------------------------
// Payloads

@ObjectType({ description: 'Result of a change to a mentorship.' })
export class MentorshipPayload {
  @Field(() => Mentorship, { nullable: true, description: 'The mentorship, when the change succeeded.' })
  mentorship?: Mentorship | null;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of logging a check-in.' })
export class LogCheckInPayload {
  @Field(() => CheckIn, { nullable: true, description: 'The new check-in.' })
  checkIn?: CheckIn | null;

  @Field(() => Mentorship, { nullable: true, description: 'The mentorship (refetch its health).' })
  mentorship?: Mentorship | null;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of answering a pulse survey.' })
export class SubmitPulsePayload {
  @Field(() => PulseSurvey, { nullable: true, description: 'Your answer (visible to you only).' })
  pulse?: PulseSurvey | null;

  @Field(() => Mentorship, { nullable: true, description: 'The mentorship.' })
  mentorship?: Mentorship | null;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of resolving support flags.' })
export class ResolveSupportFlagsPayload {
  @Field(() => Mentorship, { nullable: true, description: 'The mentorship.' })
  mentorship?: Mentorship | null;

  @Field(() => Int, { nullable: true, description: 'How many open flags were closed.' })
  resolved?: number | null;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of recording a skill assessment.' })
export class RecordSkillAssessmentPayload {
  @Field(() => SkillAssessment, { nullable: true, description: 'The new assessment.' })
  assessment?: SkillAssessment | null;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

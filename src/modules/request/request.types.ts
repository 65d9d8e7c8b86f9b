import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType, PageInfo } from '../../graphql/connection.js';
import { UserError } from '../../graphql/errors.js';
import { Enrollment } from '../enrollment/enrollment.entity.js';
import { MatchReason, UnmatchedReason } from '../matching/matching.types.js';
import { Mentorship } from '../mentorship/mentorship.entity.js';
import { Person } from '../person/person.entity.js';
import { MentorRequest } from './mentor-request.entity.js';
import { DeclineReason, ManualMatchReason } from './request.enums.js';

export const MentorRequestEdge = EdgeType('MentorRequest', MentorRequest);
export const MentorRequestConnection = ConnectionType('MentorRequest', MentorRequest, MentorRequestEdge);

@InputType({ description: 'Ask a mentor to mentor you in a programme.' })
export class RequestMentorInput {
  @Field(() => ID, { description: 'The programme (must allow mentee requests).' })
  programmeId!: string;
  @Field(() => ID, { description: 'The mentor you ask.' })
  mentorId!: string;
  @Field(() => String, { nullable: true, description: 'A note to the mentor, up to 1,000 characters; only the two of you see it.' })
  message?: string | null;
}

@InputType({ description: 'Accept a request made to you.' })
export class AcceptMentorRequestInput {
  @Field(() => ID, { description: 'The request.' })
  requestId!: string;
}

@InputType({ description: 'Decline a request made to you.' })
export class DeclineMentorRequestInput {
  @Field(() => ID, { description: 'The request.' })
  requestId!: string;
  @Field(() => DeclineReason, { description: 'Why (shown to the mentee).' })
  reason!: DeclineReason;
  @Field(() => String, { nullable: true, description: 'A kind note to the mentee, up to 1,000 characters (required for OTHER).' })
  note?: string | null;
}

@InputType({ description: 'Withdraw a request you made.' })
export class WithdrawMentorRequestInput {
  @Field(() => ID, { description: 'The request.' })
  requestId!: string;
}

@InputType({ description: 'Mark a mentor as taking mentees, or not, in a programme.' })
export class SetAvailabilityInput {
  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;
  @Field(() => Boolean, { description: 'Whether the mentor takes mentees. Going unavailable declines every open request with reason UNAVAILABLE.' })
  available!: boolean;
  @Field(() => ID, { nullable: true, description: 'The mentor (default: the viewer; coordinators may pass anyone).' })
  mentorId?: string | null;
}

@InputType({ description: 'Take a mentee off the manual-match queue: no match in this cohort.' })
export class MarkNoMatchThisCohortInput {
  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;
  @Field(() => ID, { description: 'The mentee.' })
  menteeId!: string;
  @Field(() => String, { nullable: true, description: 'Coordinators\' note (up to 1,000 characters; never shown to the mentee).' })
  note?: string | null;
}

@ObjectType({ description: 'Result of a request action.' })
export class MentorRequestPayload {
  @Field(() => MentorRequest, { nullable: true, description: 'The request, when the action succeeded.' })
  request?: MentorRequest | null;
  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of accepting a request.' })
export class AcceptMentorRequestPayload {
  @Field(() => MentorRequest, { nullable: true, description: 'The accepted request.' })
  request?: MentorRequest | null;
  @Field(() => Mentorship, { nullable: true, description: 'The relationship that started.' })
  mentorship?: Mentorship | null;
  @Field(() => [UserError], { description: 'Expected failures; empty on success. ALREADY_MATCHED means another mentor accepted first (the request is now INVALIDATED).' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of changing availability.' })
export class SetAvailabilityPayload {
  @Field(() => Enrollment, { nullable: true, description: 'The mentor\'s enrolment, with its new availability.' })
  enrollment?: Enrollment | null;
  @Field(() => [MentorRequest], { nullable: true, description: 'Requests declined with reason UNAVAILABLE by this change.' })
  declinedRequests?: MentorRequest[] | null;
  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of marking a mentee "no match this cohort".' })
export class MarkNoMatchThisCohortPayload {
  @Field(() => Person, { nullable: true, description: 'The mentee, now off the queue.' })
  mentee?: Person | null;
  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'A mentor a coordinator could pair with a queued mentee.' })
export class ManualMatchSuggestion {
  @Field(() => Person, { description: 'The mentor.' })
  mentor!: Person;
  @Field(() => Float, { description: 'Compatibility score 0–100 (hard rules applied; may be below the programme minimum).' })
  score!: number;
  @Field(() => Int, { description: 'Mentees the mentor can still take.' })
  capacityLeft!: number;
  @Field(() => [MatchReason], { description: 'The main reasons behind the score.' })
  reasons!: MatchReason[];
}

@ObjectType({ description: 'A mentee in the manual-match queue. Resolve with `overrideMatch` or `markNoMatchThisCohort`.' })
export class ManualMatchQueueEdge {
  @Field({ description: 'Opaque cursor.' })
  cursor!: string;
  @Field(() => Person, { description: 'The mentee.' })
  node!: Person;
  @Field(() => ManualMatchReason, { description: 'Why they are in the queue.' })
  reason!: ManualMatchReason;
  @Field(() => UnmatchedReason, { nullable: true, description: 'The match run\'s reason, when the run left them unmatched.' })
  runReason?: UnmatchedReason | null;
  @Field({ description: 'Plain-language explanation.' })
  message!: string;
  @Field(() => Int, { description: 'Their requests in this programme that were declined or expired.' })
  failedRequests!: number;
  @Field(() => [ManualMatchSuggestion], { description: 'The best mentors with room left, best first.' })
  bestSuggestions!: ManualMatchSuggestion[];
}

@ObjectType({ description: 'The manual-match queue of a programme, by mentee name.' })
export class ManualMatchQueueConnection {
  @Field(() => [ManualMatchQueueEdge], { description: 'Queued mentees with reasons and suggestions.' })
  edges!: ManualMatchQueueEdge[];
  @Field(() => [Person], { description: 'The mentees alone.' })
  nodes!: Person[];
  @Field(() => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Mentees in the queue, across all pages.' })
  totalCount!: number;
}

import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graphql/connection.js';
import { UserError } from '../../graphql/errors.js';
import { Enrollment, EnrollmentRole } from './enrollment.entity.js';

export const EnrollmentEdge = EdgeType('Enrollment', Enrollment);
export const EnrollmentConnection = ConnectionType('Enrollment', Enrollment, EnrollmentEdge);

@InputType({ description: 'Enrol a person in a programme.' })
export class EnrollInProgrammeInput {
  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;

  @Field(() => ID, { nullable: true, description: 'Who (default: the viewer). Coordinators may enrol anyone.' })
  personId?: string | null;

  @Field(() => EnrollmentRole, { description: 'Mentor or mentee.' })
  role!: EnrollmentRole;

  @Field(() => Int, { nullable: true, description: 'For mentors: mentees at once, 1–20 (default: the programme\'s).' })
  capacity?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Opt in to preferring a mentor with a similar background (never inferred).' })
  optInSimilarBackground?: boolean | null;
}

@InputType({ description: 'Change a mentor\'s capacity or availability.' })
export class UpdateEnrollmentInput {
  @Field(() => ID, { description: 'The enrolment.' })
  enrollmentId!: string;

  @Field(() => Int, { nullable: true, description: 'New capacity, 0–20 (mentors only).' })
  capacity?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the mentor takes requests.' })
  available?: boolean | null;
}

@ObjectType({ description: 'Result of an enrolment change.' })
export class EnrollmentPayload {
  @Field(() => Enrollment, { nullable: true, description: 'The enrolment, when the change succeeded.' })
  enrollment?: Enrollment | null;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'How many people are enrolled on each side.' })
export class EnrollmentCounts {
  @Field(() => Int, { description: 'Enrolled mentors.' })
  mentors!: number;

  @Field(() => Int, { description: 'Enrolled mentees.' })
  mentees!: number;

  @Field(() => Int, { description: 'Sum of mentor capacities.' })
  mentorCapacity!: number;
}

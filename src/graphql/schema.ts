import 'reflect-metadata';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { NodeResolver } from './node.resolver.js';
import { PersonResolver } from '../modules/person/person.resolver.js';
import { PersonSkillResolver, SkillResolver } from '../modules/skill/skill.resolver.js';
import { ProgrammeResolver } from '../modules/programme/programme.resolver.js';
import { EnrollmentResolver } from '../modules/enrollment/enrollment.resolver.js';
import { GoalProgressResolver, GoalResolver } from '../modules/goal/goal.resolver.js';
import { registerFoundationNodes } from '../modules/nodes.js';
import { CheckInResolver, MentorshipAgreementResolver, MentorshipHealthResolver, MentorshipResolver, PulseSurveyResolver } from '../modules/mentorship/mentorship.resolver.js';
import { DevelopmentTimelineResolver, GoalMentorshipsResolver, SkillAssessmentResolver } from '../modules/mentorship/development.resolver.js';
import { AuditEventResolver } from '../modules/audit/audit.resolver.js';
import { MatchProposalResolver, MatchRunResolver, SuggestionResolver } from '../modules/matching/matching.resolver.js';
import { MentorRequestResolver } from '../modules/request/request.resolver.js';
import { NotificationResolver, ProgrammeEngagementResolver, WebhookDeliveryResolver, WebhookEndpointResolver } from '../modules/engagement/engagement.resolver.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own resolver list type
export const resolvers: NonEmptyArray<Function> = [
  NodeResolver,
  PersonResolver,
  SkillResolver,
  PersonSkillResolver,
  ProgrammeResolver,
  EnrollmentResolver,
  GoalResolver,
  GoalProgressResolver,
  MentorshipResolver,
  MentorshipAgreementResolver,
  MentorshipHealthResolver,
  CheckInResolver,
  PulseSurveyResolver,
  DevelopmentTimelineResolver,
  GoalMentorshipsResolver,
  SkillAssessmentResolver,
  AuditEventResolver,
  SuggestionResolver,
  MatchRunResolver,
  MatchProposalResolver,
  MentorRequestResolver,
  NotificationResolver,
  WebhookEndpointResolver,
  WebhookDeliveryResolver,
  ProgrammeEngagementResolver,
];

let cached: GraphQLSchema | null = null;

/** Build the executable schema once per process (type-graphql's metadata is global). */
export async function getSchema(): Promise<GraphQLSchema> {
  if (!cached) {
    registerFoundationNodes();
    cached = await buildSchema({ resolvers, validate: false, emitSchemaFile: false });
  }
  return cached;
}

/** The committed SDL: sorted so diffs show real changes only. */
export async function printSortedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}

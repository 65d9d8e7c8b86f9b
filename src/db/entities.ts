import { Organization } from '../modules/organization/organization.entity.js';
import { Person } from '../modules/person/person.entity.js';
import { PersonSkill, Skill } from '../modules/skill/skill.entity.js';
import { MatchingPolicy, Programme, ScoreWeights } from '../modules/programme/programme.entity.js';
import { ProgrammeCoordinator } from '../modules/programme/programme-coordinator.entity.js';
import { Enrollment } from '../modules/enrollment/enrollment.entity.js';
import { DevelopmentGoal, GoalProgress } from '../modules/goal/goal.entity.js';
import { MatchRun } from '../modules/matching/match-run.entity.js';
import { MatchProposal, PairRule } from '../modules/matching/match-proposal.entity.js';
import { Mentorship } from '../modules/mentorship/mentorship.entity.js';
import { CheckIn, HealthSnapshot, PulseSurvey, SkillAssessment, SupportFlag } from '../modules/mentorship/check-in.entity.js';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { MentorRequest, NoMatchDecision } from '../modules/request/mentor-request.entity.js';
import { OutboxEvent } from '../modules/engagement/outbox-event.entity.js';
import { Notification } from '../modules/engagement/notification.entity.js';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint } from '../modules/engagement/webhook.entity.js';
import { EngagementPolicy, Reminder } from '../modules/engagement/reminder.entity.js';

/** Every entity and embeddable the ORM knows. New modules add theirs here. */
export const entities = [
  Organization,
  Person,
  Skill,
  PersonSkill,
  ScoreWeights,
  MatchingPolicy,
  Programme,
  ProgrammeCoordinator,
  Enrollment,
  DevelopmentGoal,
  GoalProgress,
  MatchRun,
  MatchProposal,
  PairRule,
  Mentorship,
  CheckIn,
  PulseSurvey,
  SupportFlag,
  HealthSnapshot,
  SkillAssessment,
  AuditEvent,
  MentorRequest,
  NoMatchDecision,
  OutboxEvent,
  Notification,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookDeliveryAttempt,
  Reminder,
  EngagementPolicy,
];

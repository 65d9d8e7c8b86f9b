import { registerEnumType } from 'type-graphql';

export enum MentorshipStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  COMPLETED = 'COMPLETED',
  ENDED_EARLY = 'ENDED_EARLY',
}
registerEnumType(MentorshipStatus, {
  name: 'MentorshipStatus',
  description: 'Lifecycle of a mentoring relationship.',
  valuesConfig: {
    ACTIVE: { description: 'Running.' },
    PAUSED: { description: 'Paused by agreement (leave, workload); paused time does not count against cadence.' },
    COMPLETED: { description: 'Ended as planned, with closing reflections.' },
    ENDED_EARLY: { description: 'Ended before its expected end; the pair is excluded from future matching.' },
  },
});

export enum EndReason {
  SCHEDULE_CONFLICT = 'SCHEDULE_CONFLICT',
  POOR_FIT = 'POOR_FIT',
  GOALS_MET_EARLY = 'GOALS_MET_EARLY',
  LEFT_ORGANISATION = 'LEFT_ORGANISATION',
  ROLE_CHANGE = 'ROLE_CHANGE',
  NEEDS_OTHER_SUPPORT = 'NEEDS_OTHER_SUPPORT',
  OTHER = 'OTHER',
}
registerEnumType(EndReason, { name: 'EndReason', description: 'Why a relationship ended early.' });

export enum ParticipantRole {
  MENTOR = 'MENTOR',
  MENTEE = 'MENTEE',
}
registerEnumType(ParticipantRole, { name: 'ParticipantRole', description: 'Which side of a mentorship someone is on.' });

export enum AssessmentSource {
  SELF = 'SELF',
  MENTOR = 'MENTOR',
  MANAGER = 'MANAGER',
}
registerEnumType(AssessmentSource, { name: 'AssessmentSource', description: 'Who assessed a skill level.' });

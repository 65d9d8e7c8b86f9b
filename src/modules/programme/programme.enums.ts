import { registerEnumType } from 'type-graphql';

export enum ProgrammeKind {
  MENTORING = 'MENTORING',
  REVERSE = 'REVERSE',
  PEER = 'PEER',
  COACHING = 'COACHING',
}
registerEnumType(ProgrammeKind, {
  name: 'ProgrammeKind',
  description: 'What kind of development relationship a programme creates.',
  valuesConfig: {
    MENTORING: { description: 'Long-term (9–12 months) broad development with a more senior mentor outside the chain of command.' },
    REVERSE: { description: 'A junior person mentors a senior one (e.g. on new technology or culture).' },
    PEER: { description: 'Colleagues of similar level learn from each other.' },
    COACHING: { description: 'Short (3–6 months), skill-focused; may allow the chain of command by policy.' },
  },
});

export enum ProgrammeStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  ACTIVE = 'ACTIVE',
  CLOSED = 'CLOSED',
}
registerEnumType(ProgrammeStatus, {
  name: 'ProgrammeStatus',
  description: 'Where a programme is in its cycle.',
  valuesConfig: {
    DRAFT: { description: 'Being set up; not visible to participants.' },
    OPEN: { description: 'Enrolment and matching are open.' },
    ACTIVE: { description: 'Relationships are running.' },
    CLOSED: { description: 'The cohort has ended; outcomes are final.' },
  },
});

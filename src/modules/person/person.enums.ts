import { registerEnumType } from 'type-graphql';

export enum Role {
  ORG_ADMIN = 'ORG_ADMIN',
  COORDINATOR = 'COORDINATOR',
  MEMBER = 'MEMBER',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'What a person may do in their organisation.',
  valuesConfig: {
    ORG_ADMIN: { description: 'Manages the organisation, its people and programmes.' },
    COORDINATOR: { description: 'Runs programmes: matching, approvals, the at-risk queue.' },
    MEMBER: { description: 'A participant: sees their own relationships and suggestions.' },
  },
});

export enum MeetingFormat {
  IN_PERSON = 'IN_PERSON',
  REMOTE = 'REMOTE',
  HYBRID = 'HYBRID',
}
registerEnumType(MeetingFormat, {
  name: 'MeetingFormat',
  description: 'How a pair prefers to meet.',
});

import { registerEnumType } from 'type-graphql';

export enum MentorRequestStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
  WITHDRAWN = 'WITHDRAWN',
  INVALIDATED = 'INVALIDATED',
}
registerEnumType(MentorRequestStatus, {
  name: 'MentorRequestStatus',
  description: 'Where a mentee\'s request to a mentor stands. Only PENDING requests change; every other status is final.',
  valuesConfig: {
    PENDING: { description: 'Waiting for the mentor\'s answer.' },
    ACCEPTED: { description: 'The mentor accepted: the relationship started.' },
    DECLINED: { description: 'The mentor declined, with a reason.' },
    EXPIRED: { description: 'Nobody answered within the programme\'s expiry period.' },
    WITHDRAWN: { description: 'The mentee withdrew it.' },
    INVALIDATED: { description: 'The mentee was matched with another mentor first.' },
  },
});

export const TERMINAL_REQUEST_STATUSES: readonly MentorRequestStatus[] = [
  MentorRequestStatus.ACCEPTED,
  MentorRequestStatus.DECLINED,
  MentorRequestStatus.EXPIRED,
  MentorRequestStatus.WITHDRAWN,
  MentorRequestStatus.INVALIDATED,
];

export enum DeclineReason {
  UNAVAILABLE = 'UNAVAILABLE',
  NO_CAPACITY = 'NO_CAPACITY',
  NOT_A_GOOD_FIT = 'NOT_A_GOOD_FIT',
  SKILLS_MISMATCH = 'SKILLS_MISMATCH',
  SCHEDULE_CONFLICT = 'SCHEDULE_CONFLICT',
  OTHER = 'OTHER',
}
registerEnumType(DeclineReason, {
  name: 'DeclineReason',
  description: 'Why a mentor declined a request.',
  valuesConfig: {
    UNAVAILABLE: { description: 'The mentor is not taking mentees at the moment (set when they mark themselves unavailable).' },
    NO_CAPACITY: { description: 'The mentor has no room for another mentee.' },
    NOT_A_GOOD_FIT: { description: 'The mentor thinks someone else would help the mentee more.' },
    SKILLS_MISMATCH: { description: 'The mentee\'s goals are outside the mentor\'s strengths.' },
    SCHEDULE_CONFLICT: { description: 'Time zones or schedules do not work.' },
    OTHER: { description: 'Another reason (see the note).' },
  },
});

export enum ManualMatchReason {
  RUN_LEFT_UNMATCHED = 'RUN_LEFT_UNMATCHED',
  REQUESTS_FAILED = 'REQUESTS_FAILED',
}
registerEnumType(ManualMatchReason, {
  name: 'ManualMatchReason',
  description: 'Why a mentee is in the manual-match queue.',
  valuesConfig: {
    RUN_LEFT_UNMATCHED: { description: 'The latest match run could not match them (see `runReason`).' },
    REQUESTS_FAILED: { description: 'Every request they made was declined or expired.' },
  },
});

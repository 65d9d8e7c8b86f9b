import { registerEnumType } from 'type-graphql';

export enum MatchRunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(MatchRunStatus, {
  name: 'MatchRunStatus',
  description: 'Where a match run is.',
  valuesConfig: {
    QUEUED: { description: 'Waiting for a worker.' },
    RUNNING: { description: 'Scoring and solving; see `progress`.' },
    SUCCEEDED: { description: 'Finished; proposals were written.' },
    FAILED: { description: 'Stopped with an error; no proposals were written.' },
  },
});

export enum ProposalStatus {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ProposalStatus, {
  name: 'ProposalStatus',
  description: 'Where a proposed pair is in the approval workflow.',
  valuesConfig: {
    PROPOSED: { description: 'Awaiting a coordinator\'s decision.' },
    APPROVED: { description: 'Approved: a mentorship was created.' },
    REJECTED: { description: 'Rejected by a coordinator; the pair is excluded from future matching.' },
    WITHDRAWN: { description: 'Superseded (a newer run, or the mentee was matched elsewhere).' },
  },
});

export enum ProposalSource {
  RUN = 'RUN',
  REQUEST = 'REQUEST',
  MANUAL = 'MANUAL',
}
registerEnumType(ProposalSource, {
  name: 'ProposalSource',
  description: 'Where a proposal came from.',
  valuesConfig: {
    RUN: { description: 'A programme match run.' },
    REQUEST: { description: 'A mentee\'s request that the mentor accepted.' },
    MANUAL: { description: 'A coordinator\'s manual pairing (overrideMatch).' },
  },
});

export enum ExclusionKind {
  BAN = 'BAN',
  PIN = 'PIN',
}
registerEnumType(ExclusionKind, {
  name: 'PairRuleKind',
  description: 'A coordinator\'s rule about a specific pair.',
  valuesConfig: {
    BAN: { description: 'Never pair these two.' },
    PIN: { description: 'Pair these two in the next match run (still subject to hard rules).' },
  },
});

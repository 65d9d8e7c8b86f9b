import { registerEnumType } from 'type-graphql';

/**
 * Domain events written to the outbox. The values are the stable wire names webhook receivers see
 * in `type`; the keys are the GraphQL enum names. Never rename either — add new ones.
 */
export enum DomainEventType {
  PROPOSAL_CREATED = 'proposal.created',
  PROPOSAL_APPROVED = 'proposal.approved',
  PROPOSAL_REJECTED = 'proposal.rejected',
  MATCH_OVERRIDDEN = 'match.overridden',
  REQUEST_CREATED = 'request.created',
  REQUEST_ACCEPTED = 'request.accepted',
  REQUEST_DECLINED = 'request.declined',
  REQUEST_EXPIRED = 'request.expired',
  REQUEST_WITHDRAWN = 'request.withdrawn',
  REQUEST_INVALIDATED = 'request.invalidated',
  MENTORSHIP_STARTED = 'mentorship.started',
  MENTORSHIP_PAUSED = 'mentorship.paused',
  MENTORSHIP_RESUMED = 'mentorship.resumed',
  MENTORSHIP_COMPLETED = 'mentorship.completed',
  MENTORSHIP_ENDED_EARLY = 'mentorship.ended_early',
  HEALTH_STATUS_CHANGED = 'health.status_changed',
  REMINDER_DUE = 'reminder.due',
}
registerEnumType(DomainEventType, {
  name: 'DomainEventType',
  description: 'Kinds of domain event. Webhook payloads carry the dotted wire name (e.g. "mentorship.started") in `type`.',
  valuesConfig: {
    PROPOSAL_CREATED: { description: 'A match run proposed a pair (wire name "proposal.created").' },
    PROPOSAL_APPROVED: { description: 'A coordinator approved a proposal ("proposal.approved").' },
    PROPOSAL_REJECTED: { description: 'A coordinator rejected a proposal ("proposal.rejected").' },
    MATCH_OVERRIDDEN: { description: 'A coordinator paired two people by hand ("match.overridden").' },
    REQUEST_CREATED: { description: 'A mentee asked a mentor ("request.created").' },
    REQUEST_ACCEPTED: { description: 'The mentor accepted a request ("request.accepted").' },
    REQUEST_DECLINED: { description: 'The mentor declined a request ("request.declined").' },
    REQUEST_EXPIRED: { description: 'A request went unanswered for the programme\'s expiry period ("request.expired").' },
    REQUEST_WITHDRAWN: { description: 'The mentee withdrew a request ("request.withdrawn").' },
    REQUEST_INVALIDATED: { description: 'The mentee was matched elsewhere first ("request.invalidated").' },
    MENTORSHIP_STARTED: { description: 'A relationship started ("mentorship.started").' },
    MENTORSHIP_PAUSED: { description: 'A relationship was paused ("mentorship.paused").' },
    MENTORSHIP_RESUMED: { description: 'A relationship was resumed ("mentorship.resumed").' },
    MENTORSHIP_COMPLETED: { description: 'A relationship was completed ("mentorship.completed").' },
    MENTORSHIP_ENDED_EARLY: { description: 'A relationship ended early ("mentorship.ended_early").' },
    HEALTH_STATUS_CHANGED: { description: 'A relationship\'s health status changed between daily snapshots ("health.status_changed").' },
    REMINDER_DUE: { description: 'A reminder fell due ("reminder.due").' },
  },
});

export const DOMAIN_EVENT_TYPES: readonly DomainEventType[] = Object.values(DomainEventType);

export enum ReminderKind {
  REQUEST_UNANSWERED = 'REQUEST_UNANSWERED',
  REQUEST_ESCALATED = 'REQUEST_ESCALATED',
  CHECK_IN_OVERDUE = 'CHECK_IN_OVERDUE',
  PULSE_DUE = 'PULSE_DUE',
  PROPOSALS_AWAITING_APPROVAL = 'PROPOSALS_AWAITING_APPROVAL',
  ENDING_SOON = 'ENDING_SOON',
}
registerEnumType(ReminderKind, {
  name: 'ReminderKind',
  description: 'What a reminder is about.',
  valuesConfig: {
    REQUEST_UNANSWERED: { description: 'To a mentor: a mentee\'s request has waited for an answer.' },
    REQUEST_ESCALATED: { description: 'To coordinators: a request is still unanswered after the escalation period.' },
    CHECK_IN_OVERDUE: { description: 'To both participants: the next check-in is past due by the agreed cadence.' },
    PULSE_DUE: { description: 'To one participant: their private pulse survey is due.' },
    PROPOSALS_AWAITING_APPROVAL: { description: 'To coordinators: proposals of a programme have waited for a decision.' },
    ENDING_SOON: { description: 'To both participants: the relationship nears its expected end; plan a closing conversation.' },
  },
});

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a webhook delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not yet acknowledged; retried with exponential backoff (held while the endpoint is disabled).' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Gave up after the maximum number of attempts; can be retried by an admin.' },
  },
});

import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/postgresql';
import { NODE_TYPES, toGlobalId, type NodeType } from '../../graphql/global-id.js';
import { DomainEventType } from './engagement.enums.js';
import { OutboxEvent, type EventPayload } from './outbox-event.entity.js';

/** Audited actions that are domain events; every other audited action (check-ins, pulses, …) is not. */
const AUDITED_EVENT_TYPES: Readonly<Record<string, DomainEventType>> = {
  'proposal.approved': DomainEventType.PROPOSAL_APPROVED,
  'proposal.rejected': DomainEventType.PROPOSAL_REJECTED,
  'match.overridden': DomainEventType.MATCH_OVERRIDDEN,
  'mentorship.started': DomainEventType.MENTORSHIP_STARTED,
  'mentorship.paused': DomainEventType.MENTORSHIP_PAUSED,
  'mentorship.resumed': DomainEventType.MENTORSHIP_RESUMED,
  'mentorship.completed': DomainEventType.MENTORSHIP_COMPLETED,
  'mentorship.ended_early': DomainEventType.MENTORSHIP_ENDED_EARLY,
  'request.created': DomainEventType.REQUEST_CREATED,
  'request.accepted': DomainEventType.REQUEST_ACCEPTED,
  'request.declined': DomainEventType.REQUEST_DECLINED,
  'request.expired': DomainEventType.REQUEST_EXPIRED,
  'request.withdrawn': DomainEventType.REQUEST_WITHDRAWN,
  'request.invalidated': DomainEventType.REQUEST_INVALIDATED,
};

export function eventTypeOfAction(action: string): DomainEventType | null {
  return AUDITED_EVENT_TYPES[action] ?? null;
}

/** State keys that are references: sent as global IDs so receivers can refetch them with `node`. */
const REFERENCE_KEYS: Readonly<Record<string, NodeType>> = {
  programmeId: 'Programme',
  mentorId: 'Person',
  menteeId: 'Person',
  recipientId: 'Person',
  proposalId: 'MatchProposal',
  mentorshipId: 'Mentorship',
  requestId: 'MentorRequest',
};

/**
 * State keys that may leave the building. An allowlist, not a blocklist: whatever a service puts
 * into its audit state, only statuses, codes, numbers and dates reach notifications and webhooks —
 * never notes, messages, reflections or pulse text.
 */
const VALUE_KEYS = new Set([
  'status',
  'previousStatus',
  'score',
  'version',
  'capacityOverride',
  'expectedEndAt',
  'expiresAt',
  'pausedAt',
  'resumedAt',
  'endedAt',
  'endReason',
  'declineReason',
  'kind',
  'dueOn',
  'healthScore',
  'subjectType',
  'count',
  'day',
]);

type StateValue = string | number | boolean | null | string[];

export function eventPayload(after: Record<string, StateValue> | null | undefined, before?: Record<string, StateValue> | null): EventPayload {
  const payload: EventPayload = {};
  for (const [key, value] of Object.entries(after ?? {})) {
    const ref = REFERENCE_KEYS[key];
    if (ref) payload[key] = typeof value === 'string' ? toGlobalId(ref, value) : null;
    else if (VALUE_KEYS.has(key) && !Array.isArray(value)) payload[key] = value;
  }
  const previous = before?.status;
  if (typeof previous === 'string' && payload.previousStatus === undefined) payload.previousStatus = previous;
  return payload;
}

export interface DomainEventInput {
  organizationId: string;
  type: DomainEventType;
  aggregateType: NodeType;
  aggregateId: string;
  actorId: string | null;
  payload: EventPayload;
  at: Date;
  dedupeKey?: string | null;
}

/** Add an event to the caller's unit of work: it is inserted by the caller's next flush, in its transaction. */
export function emitEvent(em: EntityManager, input: DomainEventInput): OutboxEvent {
  return em.create(OutboxEvent, {
    organization: input.organizationId,
    type: input.type,
    aggregateType: input.aggregateType,
    aggregateId: input.aggregateId,
    actor: input.actorId,
    payload: input.payload,
    occurredAt: input.at,
    dedupeKey: input.dedupeKey ?? null,
  });
}

export interface OutboxRow {
  id: string;
  organization_id: string;
  type: DomainEventType;
  aggregate_type: NodeType;
  aggregate_id: string;
  /** 0 = assigned by the trigger; 1 for the first event of an aggregate created in the same statement. */
  sequence: number;
  actor_id: string | null;
  payload: string;
  occurred_at: Date;
  dedupe_key: string | null;
  created_at: Date;
  updated_at: Date;
}

export function outboxRow(input: DomainEventInput & { sequence?: number }): OutboxRow {
  return {
    id: randomUUID(),
    organization_id: input.organizationId,
    type: input.type,
    aggregate_type: input.aggregateType,
    aggregate_id: input.aggregateId,
    sequence: input.sequence ?? 0,
    actor_id: input.actorId,
    payload: JSON.stringify(input.payload),
    occurred_at: input.at,
    dedupe_key: input.dedupeKey ?? null,
    created_at: input.at,
    updated_at: input.at,
  };
}

const INSERT_BATCH = 1000;

/**
 * Bulk-insert events inside an open knex transaction (for writers that bypass the unit of work,
 * like match runs). Rows with a dedupe key already present are skipped. Returns the number inserted.
 */
export async function insertOutboxRows(knex: Knex, trx: Knex.Transaction | null | undefined, rows: readonly OutboxRow[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const q = knex('outbox_event').insert(rows.slice(i, i + INSERT_BATCH)).onConflict('dedupe_key').ignore().returning('id');
    const res = (await (trx ? q.transacting(trx) : q)) as unknown[];
    inserted += res.length;
  }
  return inserted;
}

/** `proposal.created` events for proposals a match run inserts: each proposal is a new aggregate (sequence 1). */
export function proposalCreatedEvents(
  proposals: readonly { id: string; organization_id: string; programme_id: string; mentor_id: string; mentee_id: string; run_id?: string | null; score: number; status: string }[],
  at: Date,
): OutboxRow[] {
  return proposals.map((p) =>
    outboxRow({
      organizationId: p.organization_id,
      type: DomainEventType.PROPOSAL_CREATED,
      aggregateType: 'MatchProposal',
      aggregateId: p.id,
      actorId: null,
      payload: eventPayload({ status: p.status, programmeId: p.programme_id, mentorId: p.mentor_id, menteeId: p.mentee_id, score: p.score }),
      at,
      sequence: 1,
    }),
  );
}

/** The JSON body a webhook receiver gets. Deterministic for a given event, so every retry sends the same bytes. */
export interface WebhookEnvelope {
  id: string;
  type: DomainEventType;
  occurredAt: string;
  organizationId: string;
  aggregate: { type: string; id: string; sequence: number };
  data: EventPayload;
}

export function envelopeOf(event: { id: string; type: DomainEventType; occurredAt: Date; organizationId: string; aggregateType: string; aggregateId: string; sequence: number; payload: EventPayload }): WebhookEnvelope {
  const aggregateType = (NODE_TYPES as readonly string[]).includes(event.aggregateType) ? (event.aggregateType as NodeType) : null;
  return {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    organizationId: toGlobalId('Organization', event.organizationId),
    aggregate: { type: event.aggregateType, id: aggregateType ? toGlobalId(aggregateType, event.aggregateId) : event.aggregateId, sequence: event.sequence },
    data: event.payload,
  };
}

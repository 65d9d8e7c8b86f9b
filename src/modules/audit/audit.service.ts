import type { EntityManager } from '@mikro-orm/postgresql';
import type { NodeType } from '../../graphql/global-id.js';
import { AuditEvent } from './audit-event.entity.js';
import { emitEvent, eventPayload, eventTypeOfAction } from '../engagement/outbox.service.js';

/** A JSON-safe snapshot of state: IDs, statuses, numbers and dates only, never private text. */
export type AuditState = Record<string, string | number | boolean | null | string[]>;

export interface AuditEntry {
  organizationId: string;
  /** Who did it; null for the system (jobs) or where the actor itself is private (support flags). */
  actorId: string | null;
  /** Dotted verb, e.g. "mentorship.paused". */
  action: string;
  subjectType: NodeType;
  subjectId: string;
  before?: AuditState | null;
  after?: AuditState | null;
  at: Date;
}

/**
 * Record who changed what, when, with the state before and after. The event is persisted in the
 * caller's unit of work: it is written by the caller's next flush, so it commits or rolls back
 * together with the change it describes. Call it from inside the transaction that makes the change.
 */
export function recordAudit(em: EntityManager, entry: AuditEntry): AuditEvent {
  // Audited actions that are domain events also go to the outbox, in the same unit of work.
  const eventType = eventTypeOfAction(entry.action);
  if (eventType) {
    emitEvent(em, { organizationId: entry.organizationId, type: eventType, aggregateType: entry.subjectType, aggregateId: entry.subjectId, actorId: entry.actorId, payload: eventPayload(entry.after, entry.before), at: entry.at });
  }
  return em.create(AuditEvent, {
    organization: entry.organizationId,
    actor: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    at: entry.at,
  });
}

import { toGlobalId } from '../../graphql/global-id.js';
import type { Agreement, Mentorship, PauseInterval } from './mentorship.entity.js';
import type { EndReason, MentorshipStatus } from './mentorship.enums.js';

/**
 * A mentorship as the GraphQL `Mentorship` type reads it: every property its fields and field
 * resolvers touch, relations as `{ id }`. A `Mentorship` entity is one; so is a frozen record made
 * from a row without the ORM (`mentorshipRecordFromRow`), which read-only lists use instead of
 * hydrating entities. Field resolvers of `Mentorship` take this type, never the entity.
 */
export interface MentorshipRecord {
  readonly id: string;
  readonly globalId: string;
  readonly organization: { readonly id: string };
  readonly programme: { readonly id: string };
  readonly mentor: { readonly id: string };
  readonly mentee: { readonly id: string };
  readonly proposal?: { readonly id: string } | null;
  readonly status: MentorshipStatus;
  readonly agreement?: Agreement | null;
  readonly startedAt: Date;
  readonly expectedEndAt: Date;
  readonly endedAt?: Date | null;
  readonly endReason?: EndReason | null;
  readonly endNote?: string | null;
  readonly mentorReflection?: string | null;
  readonly menteeReflection?: string | null;
  readonly pauses: PauseInterval[];
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The entity is a record (compile-time check that the two cannot drift apart). */
export type MentorshipIsRecord = Mentorship extends MentorshipRecord ? true : never;
const mentorshipIsRecord: MentorshipIsRecord = true;
void mentorshipIsRecord;

/** A `mentorship` row as PostgreSQL returns it (`select * from mentorship`). */
export interface MentorshipRow {
  id: string;
  created_at: Date | string;
  updated_at: Date | string;
  organization_id: string;
  programme_id: string;
  mentor_id: string;
  mentee_id: string;
  proposal_id: string | null;
  status: MentorshipStatus;
  agreement: Agreement | null;
  started_at: Date | string;
  expected_end_at: Date | string;
  ended_at: Date | string | null;
  end_reason: EndReason | null;
  end_note: string | null;
  mentor_reflection: string | null;
  mentee_reflection: string | null;
  pauses: PauseInterval[];
  version: number;
}

/** The ORM's driver leaves timestamps as text; a record holds dates, as the entity does. */
function date(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function dateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : date(value);
}

export function mentorshipRecordFromRow(row: MentorshipRow): MentorshipRecord {
  return Object.freeze({
    id: row.id,
    globalId: toGlobalId('Mentorship', row.id),
    organization: { id: row.organization_id },
    programme: { id: row.programme_id },
    mentor: { id: row.mentor_id },
    mentee: { id: row.mentee_id },
    proposal: row.proposal_id ? { id: row.proposal_id } : null,
    status: row.status,
    agreement: row.agreement,
    startedAt: date(row.started_at),
    expectedEndAt: date(row.expected_end_at),
    endedAt: dateOrNull(row.ended_at),
    endReason: row.end_reason,
    endNote: row.end_note,
    mentorReflection: row.mentor_reflection,
    menteeReflection: row.mentee_reflection,
    pauses: row.pauses,
    version: row.version,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  });
}

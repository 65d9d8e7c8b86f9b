import { toGlobalId } from '../../graphql/global-id.js';
import type { Person } from './person.entity.js';
import type { MeetingFormat, Role } from './person.enums.js';

/**
 * A person as the GraphQL `Person` type reads it: every property its fields and field resolvers
 * touch, relations as `{ id }`. A `Person` entity is one; so is a frozen record built from a row
 * without the ORM (`personRecordFromRow`), which hot read paths share across requests instead of
 * hydrating an entity per request. Field resolvers of `Person` take this type, never the entity.
 */
export interface PersonRecord {
  readonly id: string;
  readonly globalId: string;
  readonly organization: { readonly id: string };
  readonly name: string;
  readonly email: string;
  readonly title: string;
  readonly level: number;
  readonly yearsExperience: number;
  readonly division: string;
  readonly department: string;
  readonly team: string;
  readonly location: string;
  readonly timezone: string;
  readonly utcOffsetMinutes: number;
  readonly languages: readonly string[];
  readonly formatPreference: MeetingFormat;
  readonly manager?: { readonly id: string } | null;
  readonly orgPath: string;
  readonly depth: number;
  readonly role: Role;
  readonly lastActiveAt?: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The entity is a record (compile-time check that the two cannot drift apart). */
export type PersonIsRecord = Person extends PersonRecord ? true : never;
const personIsRecord: PersonIsRecord = true;
void personIsRecord;

/** A `person` row as PostgreSQL returns it (`select * from person`). */
export interface PersonRow {
  id: string;
  organization_id: string;
  name: string;
  email: string;
  title: string;
  level: number;
  years_experience: number;
  division: string;
  department: string;
  team: string;
  location: string;
  timezone: string;
  utc_offset_minutes: number;
  languages: string[];
  format_preference: MeetingFormat;
  manager_id: string | null;
  org_path: string;
  depth: number;
  role: Role;
  // The ORM's pg connection leaves timestamptz as text ('2026-11-25 09:00:00+00'): see timestamp().
  last_active_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** A timestamptz column as a Date, whether the driver parsed it or left it as PostgreSQL's text. */
function timestamp(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/** The columns `personRecordFromRow` reads, for a `select` list. */
export const PERSON_ROW_COLUMNS =
  'id, organization_id, name, email, title, level, years_experience, division, department, team, location, timezone, utc_offset_minutes, languages, format_preference, manager_id, org_path, depth, role, last_active_at, created_at, updated_at';

/** A frozen record from a row: safe to share between requests, nothing can write through it. */
export function personRecordFromRow(row: PersonRow): PersonRecord {
  return Object.freeze({
    id: row.id,
    globalId: toGlobalId('Person', row.id),
    organization: Object.freeze({ id: row.organization_id }),
    name: row.name,
    email: row.email,
    title: row.title,
    level: row.level,
    yearsExperience: Number(row.years_experience),
    division: row.division,
    department: row.department,
    team: row.team,
    location: row.location,
    timezone: row.timezone,
    utcOffsetMinutes: row.utc_offset_minutes,
    languages: Object.freeze([...row.languages]),
    formatPreference: row.format_preference,
    manager: row.manager_id ? Object.freeze({ id: row.manager_id }) : null,
    orgPath: row.org_path,
    depth: row.depth,
    role: row.role,
    lastActiveAt: row.last_active_at === null ? null : timestamp(row.last_active_at),
    createdAt: timestamp(row.created_at),
    updatedAt: timestamp(row.updated_at),
  });
}

import type { TestApp } from './app.js';
import type { SeedResult } from '../../src/db/seed.js';
import { Programme } from '../../src/modules/programme/programme.entity.js';
import { startMentorship } from '../../src/modules/mentorship/mentorship.service.js';
import type { Mentorship } from '../../src/modules/mentorship/mentorship.entity.js';

export const DAY_MS = 86_400_000;

/** Midnight UTC `days` after today plus 9 hours: after every row the seed stamped with the real clock. */
export function futureStart(days = 1): Date {
  return new Date(Math.ceil(Date.now() / DAY_MS) * DAY_MS + days * DAY_MS + 9 * 3_600_000);
}

export function daysAfter(t: Date, days: number): Date {
  return new Date(t.getTime() + days * DAY_MS);
}

export interface ProgrammeCast {
  programmeId: string;
  /** Mentor enrolments: person and capacity. */
  mentors: { personId: string; capacity: number }[];
  mentees: string[];
}

/** The enrolments of the seeded MENTORING programme, straight from the database. */
export async function mentoringProgramme(app: TestApp, seed: SeedResult): Promise<ProgrammeCast> {
  const knex = app.orm.em.getKnex();
  const programme: { id: string } = await knex('programme').where({ organization_id: seed.organizationId, kind: 'MENTORING' }).first('id');
  const rows: { person_id: string; role: string; capacity: number }[] = await knex('enrollment').where({ programme_id: programme.id }).orderBy('person_id').select('person_id', 'role', 'capacity');
  return {
    programmeId: programme.id,
    mentors: rows.filter((r) => r.role === 'MENTOR').map((r) => ({ personId: r.person_id, capacity: r.capacity })),
    mentees: rows.filter((r) => r.role === 'MENTEE').map((r) => r.person_id),
  };
}

export async function setCapacity(app: TestApp, programmeId: string, mentorId: string, capacity: number): Promise<void> {
  await app.orm.em.getKnex()('enrollment').where({ programme_id: programmeId, person_id: mentorId }).update({ capacity });
}

/** Start a mentorship the way the approval workflow does: in its own transaction. */
export async function start(
  app: TestApp,
  args: { organizationId: string; programmeId: string; mentorId: string; menteeId: string; now: Date; allowOverCapacity?: boolean; actorId?: string | null },
): Promise<Mentorship> {
  return app.orm.em.fork().transactional(async (em) => {
    const programme = await em.findOneOrFail(Programme, { id: args.programmeId });
    return startMentorship(em, {
      organizationId: args.organizationId,
      programme,
      mentorId: args.mentorId,
      menteeId: args.menteeId,
      now: args.now,
      allowOverCapacity: args.allowOverCapacity ?? false,
      actorId: args.actorId ?? null,
    });
  });
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { Person } from '../modules/person/person.entity.js';
import { Role } from '../modules/person/person.enums.js';
import { Enrollment, EnrollmentRole } from '../modules/enrollment/enrollment.entity.js';
import { DevelopmentGoal, GoalStatus } from '../modules/goal/goal.entity.js';
import { ProgrammeKind } from '../modules/programme/programme.enums.js';

/** The demo people whose tokens are printed at start-up: found by role and enrolment, not hard-coded. */
export async function demoUserEmails(em: EntityManager, organizationId: string): Promise<Record<'coordinator' | 'admin' | 'mentor' | 'mentee', Person | null>> {
  const coordinator = await em.findOne(Person, { organization: organizationId, role: Role.COORDINATOR }, { orderBy: { name: 'asc' } });
  const admin = await em.findOne(Person, { organization: organizationId, role: Role.ORG_ADMIN }, { orderBy: { name: 'asc' } });
  const mentorEnrollment = await em.findOne(
    Enrollment,
    { organization: organizationId, role: EnrollmentRole.MENTOR, capacity: { $gt: 0 }, programme: { kind: ProgrammeKind.MENTORING } },
    { orderBy: { person: { name: 'asc' }, id: 'asc' }, populate: ['person'] },
  );
  // A mentee worth demonstrating: one with active goals, so suggestions have something to explain.
  const menteeEnrollment = await em.findOne(
    Enrollment,
    { organization: organizationId, role: EnrollmentRole.MENTEE, programme: { kind: ProgrammeKind.MENTORING }, person: { id: { $in: em.createQueryBuilder(DevelopmentGoal, 'g').select('g.person_id').where({ status: GoalStatus.ACTIVE }).getKnexQuery() as never } } },
    { orderBy: { person: { name: 'asc' }, id: 'asc' }, populate: ['person'] },
  );
  return { coordinator, admin, mentor: mentorEnrollment?.person ?? null, mentee: menteeEnrollment?.person ?? null };
}

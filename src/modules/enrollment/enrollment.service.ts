import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../graphql/auth.js';
import { isCoordinator } from '../../graphql/context.js';
import { DomainError, UserErrorCode, userError, type UserError } from '../../graphql/errors.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { findProgramme } from '../programme/programme.service.js';
import { ProgrammeStatus } from '../programme/programme.enums.js';
import { resolvePerson } from '../person/person.service.js';
import { Enrollment, EnrollmentRole } from './enrollment.entity.js';
import type { EnrollInProgrammeInput, UpdateEnrollmentInput } from './enrollment.types.js';
import { recordAudit, type AuditState } from '../audit/audit.service.js';
import { scoringCache } from '../matching/scoring-cache.js';
import { declineOpenRequestsOfMentor, lockOpenRequestsOfMentor } from '../request/request.service.js';

function enrollmentState(e: Enrollment): AuditState {
  return { programmeId: e.programme.id, personId: e.person.id, role: e.role, capacity: e.capacity, available: e.available };
}

export async function enrollInProgramme(em: EntityManager, viewer: Viewer, input: EnrollInProgrammeInput, now: Date = new Date()): Promise<Enrollment> {
  const programme = await findProgramme(em, viewer, input.programmeId);
  const person = await resolvePerson(em, viewer, input.personId, ['input', 'personId']);
  const coordinator = isCoordinator(viewer);
  if (person.id !== viewer.personId && !coordinator) throw new DomainError(UserErrorCode.FORBIDDEN, 'Only coordinators may enrol other people.', ['input', 'personId']);
  if (programme.status === ProgrammeStatus.CLOSED || (programme.status === ProgrammeStatus.DRAFT && !coordinator)) {
    throw new DomainError(UserErrorCode.PROGRAMME_CLOSED, `The programme is ${programme.status.toLowerCase()}; it does not take enrolments.`, ['input', 'programmeId']);
  }
  const errors: UserError[] = [];
  if (input.capacity != null) {
    if (input.role !== EnrollmentRole.MENTOR) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Only mentors have a capacity.', ['input', 'capacity']));
    else if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 20) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Must be a whole number from 1 to 20.', ['input', 'capacity']));
  }
  if (errors.length) throw DomainError.of(errors);
  const existing = await em.findOne(Enrollment, { programme, person });
  if (existing) throw new DomainError(UserErrorCode.ALREADY_EXISTS, `Already enrolled as ${existing.role.toLowerCase()}.`, ['input', 'personId']);
  const enrollment = em.create(Enrollment, {
    organization: viewer.organizationId,
    programme,
    person,
    role: input.role,
    capacity: input.role === EnrollmentRole.MENTOR ? (input.capacity ?? programme.policy.defaultMentorCapacity) : 0,
    optInSimilarBackground: input.optInSimilarBackground ?? false,
  });
  recordAudit(em, { organizationId: viewer.organizationId, actorId: viewer.personId, action: 'enrollment.created', subjectType: 'Enrollment', subjectId: enrollment.id, after: enrollmentState(enrollment), at: now });
  await em.flush();
  return enrollment;
}

export async function findEnrollment(em: EntityManager, viewer: Viewer, globalId: string, field: string[]): Promise<Enrollment> {
  const id = fromGlobalIdOf(globalId, 'Enrollment');
  if (!id) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Not an Enrollment ID.', field);
  const enrollment = await em.findOne(Enrollment, { id, organization: viewer.organizationId });
  if (!enrollment) throw new DomainError(UserErrorCode.NOT_FOUND, 'No such enrolment in your organisation.', field);
  return enrollment;
}

export async function updateEnrollment(em: EntityManager, viewer: Viewer, input: UpdateEnrollmentInput, now: Date = new Date()): Promise<Enrollment> {
  const enrollment = await findEnrollment(em, viewer, input.enrollmentId, ['input', 'enrollmentId']);
  if (enrollment.person.id !== viewer.personId && !isCoordinator(viewer)) {
    throw new DomainError(UserErrorCode.FORBIDDEN, 'Only the person or a coordinator may change this enrolment.', ['input', 'enrollmentId']);
  }
  const errors: UserError[] = [];
  if (enrollment.role !== EnrollmentRole.MENTOR && (input.capacity != null || input.available != null)) {
    errors.push(userError(UserErrorCode.INVALID_INPUT, 'Only mentor enrolments have capacity and availability.', ['input', 'enrollmentId']));
  }
  if (input.capacity != null && (!Number.isInteger(input.capacity) || input.capacity < 0 || input.capacity > 20)) {
    errors.push(userError(UserErrorCode.INVALID_INPUT, 'Must be a whole number from 0 to 20.', ['input', 'capacity']));
  }
  if (errors.length) throw DomainError.of(errors);
  const programmeId = enrollment.programme.id;
  const personId = enrollment.person.id;
  const goingUnavailable = input.available === false;
  const updated = await em.transactional(async (tx) => {
    // Going unavailable declines open requests at once, as `setAvailability` does: lock them first,
    // then the enrolment (the order acceptance uses), so an acceptance cannot slip in between.
    if (goingUnavailable) await lockOpenRequestsOfMentor(tx, programmeId, personId);
    const locked = await tx.findOneOrFail(Enrollment, { id: enrollment.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    const before = enrollmentState(locked);
    if (input.capacity != null) locked.capacity = input.capacity;
    if (input.available != null) locked.available = input.available;
    const declined = goingUnavailable ? await declineOpenRequestsOfMentor(tx, programmeId, personId, now, viewer.personId) : [];
    recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      action: 'enrollment.updated',
      subjectType: 'Enrollment',
      subjectId: locked.id,
      before,
      after: { ...enrollmentState(locked), ...(declined.length ? { declinedRequests: declined.length } : {}) },
      at: now,
    });
    await tx.flush();
    return locked;
  });
  // Suggestions read capacity and availability from the per-process scoring cache: drop it once committed.
  scoringCache.invalidate(programmeId);
  return updated;
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../graphql/auth.js';
import { DomainError, UserErrorCode } from '../../graphql/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { Role } from '../person/person.enums.js';
import { resolvePerson } from '../person/person.service.js';
import { ProgrammeCoordinator } from './programme-coordinator.entity.js';
import type { Programme } from './programme.entity.js';
import { findProgramme } from './programme.service.js';

/** Enough for any real programme; few enough that an alert never fans out to a crowd. */
export const MAX_COORDINATORS_PER_PROGRAMME = 20;

export interface ProgrammeCoordinatorInput {
  programmeId: string;
  personId: string;
}

/** Assign a coordinator (or admin) of the organisation to a programme: its alerts then go to its coordinators only. */
export async function addProgrammeCoordinator(em: EntityManager, viewer: Viewer, input: ProgrammeCoordinatorInput, now: Date): Promise<Programme> {
  const programme = await findProgramme(em, viewer, input.programmeId);
  const person = await resolvePerson(em, viewer, input.personId, ['input', 'personId']);
  if (person.role !== Role.COORDINATOR && person.role !== Role.ORG_ADMIN) {
    throw new DomainError(UserErrorCode.INVALID_INPUT, 'Only coordinators and organisation admins can coordinate a programme.', ['input', 'personId']);
  }
  await em.transactional(async (tx) => {
    // Serialise assignments of one programme, so the limit holds under concurrent requests.
    await tx.getConnection().execute('select id from programme where id = ? for update', [programme.id], 'all', tx.getTransactionContext());
    if (await tx.count(ProgrammeCoordinator, { programme: programme.id, person: person.id })) {
      throw new DomainError(UserErrorCode.ALREADY_EXISTS, 'Already a coordinator of this programme.', ['input', 'personId']);
    }
    if ((await tx.count(ProgrammeCoordinator, { programme: programme.id })) >= MAX_COORDINATORS_PER_PROGRAMME) {
      throw new DomainError(UserErrorCode.LIMIT_REACHED, `At most ${MAX_COORDINATORS_PER_PROGRAMME} coordinators per programme.`, ['input', 'personId']);
    }
    const row = tx.create(ProgrammeCoordinator, { organization: viewer.organizationId, programme: programme.id, person: person.id, assignedBy: viewer.personId });
    recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      action: 'programme.coordinator_added',
      subjectType: 'Programme',
      subjectId: programme.id,
      after: { personId: person.id, assignmentId: row.id },
      at: now,
    });
    await tx.flush();
  });
  return programme;
}

/** Unassign a coordinator; a programme left with none alerts every coordinator of the organisation again. */
export async function removeProgrammeCoordinator(em: EntityManager, viewer: Viewer, input: ProgrammeCoordinatorInput, now: Date): Promise<Programme> {
  const programme = await findProgramme(em, viewer, input.programmeId);
  const person = await resolvePerson(em, viewer, input.personId, ['input', 'personId']);
  await em.transactional(async (tx) => {
    const removed = await tx.nativeDelete(ProgrammeCoordinator, { programme: programme.id, person: person.id });
    if (removed === 0) throw new DomainError(UserErrorCode.NOT_FOUND, 'Not a coordinator of this programme.', ['input', 'personId']);
    recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.personId,
      action: 'programme.coordinator_removed',
      subjectType: 'Programme',
      subjectId: programme.id,
      before: { personId: person.id },
      at: now,
    });
    await tx.flush();
  });
  return programme;
}

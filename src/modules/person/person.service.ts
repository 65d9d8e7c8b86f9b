import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../graphql/auth.js';
import { DomainError, UserErrorCode } from '../../graphql/errors.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { Person } from './person.entity.js';

/** The person an input names (default: the viewer), within the viewer's organisation. */
export async function resolvePerson(em: EntityManager, viewer: Viewer, globalId: string | null | undefined, field: string[]): Promise<Person> {
  const id = globalId == null ? viewer.personId : fromGlobalIdOf(globalId, 'Person');
  if (!id) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Not a Person ID.', field);
  const person = await em.findOne(Person, { id, organization: viewer.organizationId });
  if (!person) throw new DomainError(UserErrorCode.NOT_FOUND, 'No such person in your organisation.', field);
  return person;
}

/** True when `a` is `b`'s manager at any depth, or the other way round. */
export function inChainOfCommand(a: Pick<Person, 'orgPath'>, b: Pick<Person, 'orgPath'>): boolean {
  return a.orgPath.startsWith(b.orgPath) || b.orgPath.startsWith(a.orgPath);
}

/**
 * The person did something in the product (answered a request, logged a check-in, answered a
 * pulse, signed an agreement, read their notifications): mentees browsing suggestions see when a
 * mentor was last active.
 */
export async function markActive(em: EntityManager, personId: string, now: Date): Promise<void> {
  await em.nativeUpdate(Person, { id: personId }, { lastActiveAt: now });
}

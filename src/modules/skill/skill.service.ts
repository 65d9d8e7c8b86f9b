import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../graphql/auth.js';
import { DomainError, UserErrorCode, userError, type UserError } from '../../graphql/errors.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { access } from '../../graphql/access.js';
import { Person } from '../person/person.entity.js';
import { PersonSkill, Skill } from './skill.entity.js';
import type { SetPersonSkillsInput } from './skill.types.js';
import { resolvePerson } from '../person/person.service.js';

export const MAX_SKILLS_PER_PERSON = 50;

/** Replace a person's skills atomically: validate everything first, then write in one transaction. */
export async function setPersonSkills(em: EntityManager, viewer: Viewer, input: SetPersonSkillsInput): Promise<Person> {
  const person = await resolvePerson(em, viewer, input.personId, ['input', 'personId']);
  if (!access.canEditPerson(viewer, person.id)) throw new DomainError(UserErrorCode.FORBIDDEN, 'Only the person or a coordinator may change their skills.', ['input', 'personId']);
  const errors: UserError[] = [];
  if (input.skills.length > MAX_SKILLS_PER_PERSON) errors.push(userError(UserErrorCode.INVALID_INPUT, `At most ${MAX_SKILLS_PER_PERSON} skills.`, ['input', 'skills']));
  const ids: string[] = [];
  input.skills.forEach((s, i) => {
    const id = fromGlobalIdOf(s.skillId, 'Skill');
    if (!id) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Not a Skill ID.', ['input', 'skills', String(i), 'skillId']));
    else if (ids.includes(id)) errors.push(userError(UserErrorCode.INVALID_INPUT, 'Skill listed twice.', ['input', 'skills', String(i), 'skillId']));
    else ids.push(id);
    if (!Number.isInteger(s.proficiency) || s.proficiency < 1 || s.proficiency > 5) {
      errors.push(userError(UserErrorCode.INVALID_INPUT, 'Proficiency must be 1–5.', ['input', 'skills', String(i), 'proficiency']));
    }
  });
  if (errors.length) throw DomainError.of(errors);
  const skills = await em.find(Skill, { id: { $in: ids }, organization: viewer.organizationId });
  if (skills.length !== ids.length) {
    const found = new Set(skills.map((s) => s.id));
    const i = ids.findIndex((id) => !found.has(id));
    throw new DomainError(UserErrorCode.NOT_FOUND, 'No such skill in your organisation.', ['input', 'skills', String(i), 'skillId']);
  }
  await em.transactional(async (tx) => {
    await tx.nativeDelete(PersonSkill, { person: person.id });
    input.skills.forEach((s, i) => {
      tx.create(PersonSkill, {
        organization: viewer.organizationId,
        person: person.id,
        skill: ids[i]!,
        proficiency: s.proficiency,
        wantsToTeach: s.wantsToTeach ?? false,
      });
    });
  });
  return person;
}

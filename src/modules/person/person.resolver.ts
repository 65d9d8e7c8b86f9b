import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import { Person } from './person.entity.js';
import type { PersonRecord } from './person.record.js';
import { PeopleFilter, PersonConnection } from './person.types.js';
import { PersonSkill } from '../skill/skill.entity.js';
import { DevelopmentGoal } from '../goal/goal.entity.js';
import { Enrollment } from '../enrollment/enrollment.entity.js';
import { type Context, isCoordinator, requireViewer } from '../../graphql/context.js';
import { paginate } from '../../graphql/paginate.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { badUserInput } from '../../graphql/errors.js';
import { access } from '../../graphql/access.js';
import type { ConnectionShape } from '../../graphql/connection.js';
import { isPartnerOfViewer } from '../mentorship/mentorship.loaders.js';

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function peopleWhere(em: EntityManager, organizationId: string, filter: PeopleFilter | null | undefined): FilterQuery<Person> {
  const where: Record<string, unknown> = { organization: organizationId };
  if (!filter) return where as FilterQuery<Person>;
  if (filter.search) {
    if (filter.search.length > 200) throw badUserInput('"search" is limited to 200 characters.');
    const like = `%${escapeLike(filter.search)}%`;
    where.$or = [{ name: { $ilike: like } }, { title: { $ilike: like } }];
  }
  if (filter.division) where.division = filter.division;
  if (filter.department) where.department = filter.department;
  if (filter.location) where.location = filter.location;
  if (filter.levelMin != null || filter.levelMax != null) {
    where.level = { ...(filter.levelMin != null ? { $gte: filter.levelMin } : {}), ...(filter.levelMax != null ? { $lte: filter.levelMax } : {}) };
  }
  if (filter.skillId) {
    const skill = fromGlobalIdOf(filter.skillId, 'Skill');
    if (!skill) throw badUserInput('"skillId" is not a Skill ID.');
    const min = filter.minProficiency ?? 1;
    if (!Number.isInteger(min) || min < 1 || min > 5) throw badUserInput('"minProficiency" must be between 1 and 5.');
    // A semi-join keeps the page query a single statement.
    const holders = em
      .createQueryBuilder(PersonSkill, 'ps')
      .select('ps.person_id')
      .where({ skill, proficiency: { $gte: min }, organization: organizationId });
    where.id = { $in: holders.getKnexQuery() };
  }
  return where as FilterQuery<Person>;
}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { description: 'The signed-in person.' })
  async viewer(@Ctx() ctx: Context): Promise<Person> {
    const viewer = requireViewer(ctx);
    const me = await ctx.loaders.byId(Person).load(viewer.personId);
    if (!me) throw badUserInput('The signed-in person no longer exists.');
    return me;
  }

  @Query(() => PersonConnection, { description: 'The people directory of your organisation, ordered by name.' })
  async people(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
    @Arg('filter', () => PeopleFilter, { nullable: true, description: 'Filters.' }) filter: PeopleFilter | null,
  ): Promise<ConnectionShape<Person>> {
    const viewer = requireViewer(ctx);
    const where = peopleWhere(ctx.em, viewer.organizationId, filter);
    return paginate(ctx.em, Person, where, { keys: [{ field: 'name', type: 'string' }, { field: 'id', type: 'string' }] }, { first, after });
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Direct manager; null for the head of the organisation.' })
  async manager(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<Person | null> {
    return person.manager ? ctx.loaders.byId(Person).load(person.manager.id) : null;
  }

  @FieldResolver(() => [Person], { description: 'The chain of command above this person, from the direct manager up to the top.' })
  async managementChain(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<Person[]> {
    const ids = person.orgPath.split('/').filter((s) => s && s !== person.id).reverse();
    const rows = await ctx.loaders.byId(Person).loadMany(ids);
    return rows.filter((p): p is Person => p instanceof Person);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Email. Visible to the person, coordinators, and people matched with them; null otherwise.' })
  async email(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<string | null> {
    const viewer = requireViewer(ctx);
    if (viewer.personId === person.id || isCoordinator(viewer)) return person.email;
    return (await isPartnerOfViewer(ctx, person.id)) ? person.email : null;
  }

  @FieldResolver(() => [PersonSkill], { description: 'Skills with proficiency, strongest first.' })
  async skills(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<PersonSkill[]> {
    return ctx.loaders.manyBy(PersonSkill, 'person', { proficiency: 'desc', id: 'asc' }).load(person.id);
  }

  @FieldResolver(() => [DevelopmentGoal], { nullable: true, description: 'Development goals. Visible to the person and coordinators; null for others.' })
  async goals(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<DevelopmentGoal[] | null> {
    const viewer = requireViewer(ctx);
    if (!access.canSeeGoalsOf(viewer, person.id)) return null;
    return ctx.loaders.manyBy(DevelopmentGoal, 'person', { dueDate: 'asc', id: 'asc' }).load(person.id);
  }

  @FieldResolver(() => [Enrollment], { description: 'Programme enrolments. Coordinators and the person see all; others see none.' })
  async enrollments(@Root() person: PersonRecord, @Ctx() ctx: Context): Promise<Enrollment[]> {
    const viewer = requireViewer(ctx);
    if (viewer.personId !== person.id && !isCoordinator(viewer)) return [];
    return ctx.loaders.manyBy(Enrollment, 'person', { createdAt: 'asc', id: 'asc' }).load(person.id);
  }
}

import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PersonSkill, Skill } from './skill.entity.js';
import { SetPersonSkillsInput, SetPersonSkillsPayload, SkillConnection } from './skill.types.js';
import { setPersonSkills } from './skill.service.js';
import { Person } from '../person/person.entity.js';
import { type Context, requireViewer } from '../../graphql/context.js';
import { paginate } from '../../graphql/paginate.js';
import { badUserInput, runMutation } from '../../graphql/errors.js';
import type { ConnectionShape } from '../../graphql/connection.js';

@Resolver(() => Skill)
export class SkillResolver {
  @Query(() => SkillConnection, { description: 'The organisation\'s skill taxonomy, ordered by name.' })
  async skills(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
    @Arg('search', () => String, { nullable: true, description: 'Case-insensitive substring of the name.' }) search: string | null,
  ): Promise<ConnectionShape<Skill>> {
    const viewer = requireViewer(ctx);
    if (search && search.length > 200) throw badUserInput('"search" is limited to 200 characters.');
    const where = { organization: viewer.organizationId, ...(search ? { name: { $ilike: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` } } : {}) };
    return paginate(ctx.em, Skill, where, { keys: [{ field: 'name', type: 'string' }, { field: 'id', type: 'string' }] }, { first, after });
  }

  @FieldResolver(() => Skill, { nullable: true, description: 'Broader skill this one belongs to; null for top-level categories.' })
  async parent(@Root() skill: Skill, @Ctx() ctx: Context): Promise<Skill | null> {
    return skill.parent ? ctx.loaders.byId(Skill).load(skill.parent.id) : null;
  }

  @FieldResolver(() => [Skill], { description: 'Narrower skills directly under this one.' })
  async children(@Root() skill: Skill, @Ctx() ctx: Context): Promise<Skill[]> {
    return ctx.loaders.manyBy(Skill, 'parent', { name: 'asc', id: 'asc' }).load(skill.id);
  }

  @Mutation(() => SetPersonSkillsPayload, { nullable: true, description: 'Replace a person\'s skills (the viewer\'s own, or anyone\'s for coordinators).' })
  async setPersonSkills(@Ctx() ctx: Context, @Arg('input', () => SetPersonSkillsInput) input: SetPersonSkillsInput): Promise<SetPersonSkillsPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ person: await setPersonSkills(ctx.em, viewer, input), userErrors: [] }));
  }
}

@Resolver(() => PersonSkill)
export class PersonSkillResolver {
  @FieldResolver(() => Skill, { description: 'The skill.' })
  async skill(@Root() ps: PersonSkill, @Ctx() ctx: Context): Promise<Skill> {
    const skill = await ctx.loaders.byId(Skill).load(ps.skill.id);
    if (!skill) throw new Error(`skill ${ps.skill.id} vanished`);
    return skill;
  }

  @FieldResolver(() => Person, { description: 'Whose skill this is.' })
  async person(@Root() ps: PersonSkill, @Ctx() ctx: Context): Promise<Person> {
    const person = await ctx.loaders.byId(Person).load(ps.person.id);
    if (!person) throw new Error(`person ${ps.person.id} vanished`);
    return person;
  }
}

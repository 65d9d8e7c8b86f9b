import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Enrollment } from './enrollment.entity.js';
import { EnrollInProgrammeInput, EnrollmentPayload, UpdateEnrollmentInput } from './enrollment.types.js';
import { enrollInProgramme, updateEnrollment } from './enrollment.service.js';
import { Person } from '../person/person.entity.js';
import { Programme } from '../programme/programme.entity.js';
import { type Context, requireViewer } from '../../graphql/context.js';
import { runMutation } from '../../graphql/errors.js';

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  @FieldResolver(() => Person, { description: 'Who is enrolled.' })
  async person(@Root() e: Enrollment, @Ctx() ctx: Context): Promise<Person> {
    const p = await ctx.loaders.byId(Person).load(e.person.id);
    if (!p) throw new Error(`person ${e.person.id} vanished`);
    return p;
  }

  @FieldResolver(() => Programme, { description: 'In which programme.' })
  async programme(@Root() e: Enrollment, @Ctx() ctx: Context): Promise<Programme> {
    const p = await ctx.loaders.byId(Programme).load(e.programme.id);
    if (!p) throw new Error(`programme ${e.programme.id} vanished`);
    return p;
  }

  @Mutation(() => EnrollmentPayload, { nullable: true, description: 'Enrol a person (yourself, or anyone for coordinators) as mentor or mentee.' })
  async enrollInProgramme(@Ctx() ctx: Context, @Arg('input', () => EnrollInProgrammeInput) input: EnrollInProgrammeInput): Promise<EnrollmentPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ enrollment: await enrollInProgramme(ctx.em, viewer, input, ctx.now()), userErrors: [] }));
  }

  @Mutation(() => EnrollmentPayload, { nullable: true, description: 'Change a mentor\'s capacity or availability.' })
  async updateEnrollment(@Ctx() ctx: Context, @Arg('input', () => UpdateEnrollmentInput) input: UpdateEnrollmentInput): Promise<EnrollmentPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ enrollment: await updateEnrollment(ctx.em, viewer, input, ctx.now()), userErrors: [] }));
  }
}

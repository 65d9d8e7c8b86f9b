import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Programme } from './programme.entity.js';
import { ProgrammeStatus } from './programme.enums.js';
import { CreateProgrammeInput, ProgrammeCoordinatorInput, UpdateProgrammeInput } from './programme.inputs.js';
import { addProgrammeCoordinator, removeProgrammeCoordinator } from './programme-coordinator.service.js';
import { Person } from '../person/person.entity.js';
import { ProgrammeConnection, ProgrammePayload } from './programme.types.js';
import { createProgramme, programmeWarnings, updateProgramme } from './programme.service.js';
import { Enrollment, EnrollmentRole } from '../enrollment/enrollment.entity.js';
import { EnrollmentConnection, EnrollmentCounts } from '../enrollment/enrollment.types.js';
import { type Context, assertCoordinator, isCoordinator, requireViewer } from '../../graphql/context.js';
import { paginate } from '../../graphql/paginate.js';
import { batchedPages } from '../../graphql/batched-page.js';
import { runMutation } from '../../graphql/errors.js';
import type { ConnectionShape } from '../../graphql/connection.js';

@Resolver(() => Programme)
export class ProgrammeResolver {
  @Query(() => ProgrammeConnection, { description: 'Programmes of your organisation, ordered by name. Members do not see drafts.' })
  async programmes(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
    @Arg('status', () => ProgrammeStatus, { nullable: true, description: 'Only programmes in this status.' }) status: ProgrammeStatus | null,
  ): Promise<ConnectionShape<Programme>> {
    const viewer = requireViewer(ctx);
    const where: Record<string, unknown> = { organization: viewer.organizationId };
    if (status) where.status = status;
    if (!isCoordinator(viewer)) where.status = status && status !== ProgrammeStatus.DRAFT ? status : { $ne: ProgrammeStatus.DRAFT };
    return paginate(ctx.em, Programme, where, { keys: [{ field: 'name', type: 'string' }, { field: 'id', type: 'string' }] }, { first, after });
  }

  @FieldResolver(() => EnrollmentConnection, { description: 'Enrolments, oldest first. Coordinators see everyone; members see only mentors and themselves.' })
  async enrollments(
    @Root() programme: Programme,
    @Ctx() ctx: Context,
    @Arg('role', () => EnrollmentRole, { nullable: true, description: 'Only this side.' }) role: EnrollmentRole | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
  ): Promise<ConnectionShape<Enrollment>> {
    const viewer = requireViewer(ctx);
    // Members may browse the mentor side (that is what suggestions are made of), not other mentees.
    const effectiveRole = isCoordinator(viewer) ? role : EnrollmentRole.MENTOR;
    const key = `programme.enrollments:${effectiveRole}:${first}:${after}`;
    const loader = ctx.loaders.custom<string, ConnectionShape<Enrollment>>(key, async (ids) => {
      const pages = await batchedPages(ctx.em, Enrollment, {
        table: 'enrollment',
        parentColumn: 'programme_id',
        parentIds: ids,
        sortColumn: 'created_at',
        sortProperty: 'createdAt',
        sortType: 'date',
        equals: { organization_id: viewer.organizationId, ...(effectiveRole ? { role: effectiveRole } : {}) },
        first,
        after,
      });
      return ids.map((id) => pages.get(id)!);
    });
    return loader.load(programme.id);
  }

  @FieldResolver(() => EnrollmentCounts, { description: 'How many are enrolled on each side, and total mentor capacity.' })
  async enrollmentCounts(@Root() programme: Programme, @Ctx() ctx: Context): Promise<EnrollmentCounts> {
    const viewer = requireViewer(ctx);
    return ctx.loaders
      .custom<string, EnrollmentCounts>('programme.enrollmentCounts', async (ids) => {
        const rows: { programme_id: string; mentors: number; mentees: number; capacity: number }[] = await ctx.em.getKnex()
          .raw(
            `select programme_id, count(*) filter (where role = 'MENTOR')::int as mentors, count(*) filter (where role = 'MENTEE')::int as mentees,
                    coalesce(sum(capacity) filter (where role = 'MENTOR'), 0)::int as capacity
               from enrollment where organization_id = ? and programme_id = any(?) group by programme_id`,
            [viewer.organizationId, [...ids]],
          )
          .then((r: { rows: { programme_id: string; mentors: number; mentees: number; capacity: number }[] }) => r.rows);
        const map = new Map(rows.map((r) => [r.programme_id, r]));
        return ids.map((id) => {
          const r = map.get(id);
          return { mentors: r?.mentors ?? 0, mentees: r?.mentees ?? 0, mentorCapacity: r?.capacity ?? 0 };
        });
      })
      .load(programme.id);
  }

  @FieldResolver(() => [String], { description: 'Plain-language warnings about the set-up (e.g. a mentoring length that is too short to build trust).' })
  warnings(@Root() programme: Programme): string[] {
    return programmeWarnings(programme);
  }

  @FieldResolver(() => [Person], {
    description:
      'Coordinators assigned to the programme, by name. Its alerts (relationships turning at risk or stalled, escalated requests, proposals awaiting approval) go to them; with none assigned, to every coordinator of the organisation.',
  })
  async coordinators(@Root() programme: Programme, @Ctx() ctx: Context): Promise<Person[]> {
    const viewer = requireViewer(ctx);
    return ctx.loaders
      .custom<string, Person[]>('programme.coordinators', async (ids) => {
        const rows: { programme_id: string; person_id: string }[] = await ctx.em
          .getKnex()
          .raw(
            `select pc.programme_id, pc.person_id from programme_coordinator pc join person p on p.id = pc.person_id
              where pc.organization_id = ? and pc.programme_id = any(?) order by p.name, p.id`,
            [viewer.organizationId, [...ids]],
          )
          .then((r: { rows: { programme_id: string; person_id: string }[] }) => r.rows);
        const people = rows.length ? await ctx.em.find(Person, { id: { $in: [...new Set(rows.map((r) => r.person_id))] }, organization: viewer.organizationId }) : [];
        const byId = new Map(people.map((p) => [p.id, p]));
        const byProgramme = new Map<string, Person[]>();
        for (const r of rows) {
          const person = byId.get(r.person_id);
          if (person) byProgramme.set(r.programme_id, [...(byProgramme.get(r.programme_id) ?? []), person]);
        }
        return ids.map((id) => byProgramme.get(id) ?? []);
      })
      .load(programme.id);
  }

  @Mutation(() => ProgrammePayload, { nullable: true, description: 'Assign a coordinator to a programme (coordinators and admins); its alerts then go to its assigned coordinators only.' })
  async addProgrammeCoordinator(@Ctx() ctx: Context, @Arg('input', () => ProgrammeCoordinatorInput) input: ProgrammeCoordinatorInput): Promise<ProgrammePayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => {
      assertCoordinator(viewer);
      return { programme: await addProgrammeCoordinator(ctx.em, viewer, input, ctx.now()), userErrors: [] };
    });
  }

  @Mutation(() => ProgrammePayload, { nullable: true, description: 'Unassign a coordinator from a programme (coordinators and admins); with none left, alerts go to every coordinator of the organisation.' })
  async removeProgrammeCoordinator(@Ctx() ctx: Context, @Arg('input', () => ProgrammeCoordinatorInput) input: ProgrammeCoordinatorInput): Promise<ProgrammePayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => {
      assertCoordinator(viewer);
      return { programme: await removeProgrammeCoordinator(ctx.em, viewer, input, ctx.now()), userErrors: [] };
    });
  }

  @Mutation(() => ProgrammePayload, { nullable: true, description: 'Create a programme (coordinators and admins).' })
  async createProgramme(@Ctx() ctx: Context, @Arg('input', () => CreateProgrammeInput) input: CreateProgrammeInput): Promise<ProgrammePayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => {
      assertCoordinator(viewer);
      return { programme: await createProgramme(ctx.em, viewer, input, ctx.now()), userErrors: [] };
    });
  }

  @Mutation(() => ProgrammePayload, { nullable: true, description: 'Change a programme\'s details, status or matching policy (coordinators and admins).' })
  async updateProgramme(@Ctx() ctx: Context, @Arg('input', () => UpdateProgrammeInput) input: UpdateProgrammeInput): Promise<ProgrammePayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => {
      assertCoordinator(viewer);
      return { programme: await updateProgramme(ctx.em, viewer, input, ctx.now()), userErrors: [] };
    });
  }
}

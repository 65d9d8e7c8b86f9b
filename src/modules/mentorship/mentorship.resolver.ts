import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { healthTrend } from '../../health/index.js';
import { type Context, requireCoordinator, requireViewer } from '../../graphql/context.js';
import { badUserInput, runMutation } from '../../graphql/errors.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { paginate } from '../../graphql/paginate.js';
import { batchedPages } from '../../graphql/batched-page.js';
import { decodeCursor, encodeCursor, pageSize, type ConnectionShape } from '../../graphql/connection.js';
import { loadNode } from '../../graphql/node.resolver.js';
import { DevelopmentGoal } from '../goal/goal.entity.js';
import { Person } from '../person/person.entity.js';
import { Programme } from '../programme/programme.entity.js';
import { CheckIn, PulseSurvey } from './check-in.entity.js';
import { Mentorship } from './mentorship.entity.js';
import type { MentorshipRecord } from './mentorship.record.js';
import { MentorshipStatus, ParticipantRole } from './mentorship.enums.js';
import { HealthComponentKind, HealthTrendKind, RelationshipHealthFlag, RelationshipHealthStatus } from './health.enums.js';
import {
  CompleteMentorshipInput,
  EndMentorshipEarlyInput,
  LogCheckInInput,
  MentorshipTransitionInput,
  RaiseSupportFlagInput,
  ResolveSupportFlagsInput,
  SignAgreementInput,
  SubmitClosingReflectionInput,
  SubmitPulseInput,
} from './mentorship.inputs.js';
import {
  AtRiskMentorshipConnection,
  CheckInConnection,
  HealthSnapshotPoint,
  HealthTrendView,
  LogCheckInPayload,
  MentorshipAgreement,
  MentorshipConnection,
  MentorshipHealth,
  MentorshipPayload,
  ProgrammeHealth,
  ProgrammeOutcomes,
  PulseSideSummary,
  PulseSummary,
  ResolveSupportFlagsPayload,
  SubmitPulsePayload,
} from './mentorship.types.js';
import {
  completeMentorship,
  endMentorshipEarly,
  LIVE_STATUSES,
  logCheckIn,
  pauseMentorship,
  pausedMs,
  raiseSupportFlag,
  resolveSupportFlags,
  resumeMentorship,
  sideOf,
  signAgreement,
  submitClosingReflection,
  submitPulse,
  viewerMentorshipsPage,
} from './mentorship.service.js';
import { healthLoader, snapshotsLoader, viewerCanSee, viewerIsCoordinator, type EvaluatedHealth } from './mentorship.loaders.js';
import { atRiskQueue, evaluateLiveMentorships, MIN_PULSE_RESPONDENTS, programmeHealthFigures, programmeOutcomeFigures } from './programme-insights.service.js';

const PAGE_ARGS = { first: 'Page size (default 20, at most 100).', after: 'Cursor to continue after.' };

/** The programme a coordinator query names, in the viewer's organisation; null when there is none. */
async function coordinatorProgramme(ctx: Context, programmeId: string): Promise<Programme | null> {
  requireCoordinator(ctx);
  const id = fromGlobalIdOf(programmeId, 'Programme');
  if (!id) throw badUserInput('"programmeId" is not a Programme ID.');
  return ctx.loaders.byId(Programme).load(id);
}

function healthView(mentorshipId: string, h: EvaluatedHealth['result']): MentorshipHealth {
  return Object.assign(new MentorshipHealth(), {
    mentorshipId,
    score: h.score,
    status: h.status as RelationshipHealthStatus,
    components: h.components.map((c) => ({ name: c.name as HealthComponentKind, score: c.score, weight: c.weight, neutral: c.neutral, reasons: c.reasons })),
    reasons: h.reasons,
    flags: h.flags as RelationshipHealthFlag[],
    urgency: h.urgency,
    evaluatedAt: h.evaluatedAt,
    activeDays: h.activeDays,
    daysSinceLastCheckIn: h.daysSinceLastCheckIn,
    nextCheckInDueAt: h.nextCheckInDueAt,
  });
}

@Resolver(() => Mentorship)
export class MentorshipResolver {
  // --- Queries -------------------------------------------------------------------------------

  @Query(() => Mentorship, { nullable: true, description: 'A mentorship by ID; null when it does not exist or you are neither in it nor a coordinator.' })
  async mentorship(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Global ID of the mentorship.' }) id: string): Promise<Mentorship | null> {
    const node = await loadNode(ctx, id);
    return node instanceof Mentorship ? node : null;
  }

  @Query(() => MentorshipConnection, { description: 'Your own mentorships, as mentor or mentee, across programmes, oldest first.' })
  async myMentorships(
    @Ctx() ctx: Context,
    @Arg('status', () => MentorshipStatus, { nullable: true, description: 'Only mentorships in this status.' }) status: MentorshipStatus | null,
    @Arg('role', () => ParticipantRole, { nullable: true, description: 'Only those where you are on this side.' }) role: ParticipantRole | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_ARGS.first }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_ARGS.after }) after: string | null,
  ): Promise<ConnectionShape<MentorshipRecord>> {
    return viewerMentorshipsPage(ctx.em, requireViewer(ctx), { status, role, first, after });
  }

  @Query(() => MentorshipConnection, { description: 'Mentorships of your organisation, oldest first (coordinators and admins).' })
  async mentorships(
    @Ctx() ctx: Context,
    @Arg('programmeId', () => ID, { nullable: true, description: 'Only this programme.' }) programmeId: string | null,
    @Arg('status', () => MentorshipStatus, { nullable: true, description: 'Only mentorships in this status.' }) status: MentorshipStatus | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_ARGS.first }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_ARGS.after }) after: string | null,
  ): Promise<ConnectionShape<Mentorship>> {
    const viewer = requireCoordinator(ctx);
    const where: Record<string, unknown> = { organization: viewer.organizationId };
    if (programmeId != null) {
      const id = fromGlobalIdOf(programmeId, 'Programme');
      if (!id) throw badUserInput('"programmeId" is not a Programme ID.');
      where.programme = id;
    }
    if (status) where.status = status;
    return paginate(ctx.em, Mentorship, where, { keys: [{ field: 'startedAt', type: 'string' }, { field: 'id', type: 'string' }] }, { first, after });
  }

  @Query(() => AtRiskMentorshipConnection, { description: 'The at-risk queue of a programme: live mentorships that are AT_RISK or STALLED, most urgent first, with the reasons (coordinators and admins).' })
  async atRiskMentorships(
    @Ctx() ctx: Context,
    @Arg('programmeId', () => ID, { description: 'The programme.' }) programmeId: string,
    @Arg('first', () => Int, { nullable: true, description: PAGE_ARGS.first }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_ARGS.after }) after: string | null,
  ): Promise<AtRiskMentorshipConnection> {
    const programme = await coordinatorProgramme(ctx, programmeId);
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['number', 'string']);
    const queue = programme ? atRiskQueue(await evaluateLiveMentorships(ctx.em, programme, ctx.now())) : [];
    // Health is live, so the queue is re-ranked on every request; the cursor resumes after a position in the order.
    const rest = cursor
      ? queue.filter((e) => e.health.urgency < (cursor[0] as number) || (e.health.urgency === cursor[0] && e.mentorship.id > (cursor[1] as string)))
      : queue;
    const page = rest.slice(0, limit);
    const loader = healthLoader(ctx);
    const edges = page.map((e) => {
      // The health field of these nodes reuses this evaluation instead of loading the facts again.
      loader.prime(e.mentorship, { source: e.source, result: e.health });
      return {
        node: e.mentorship,
        cursor: encodeCursor([e.health.urgency, e.mentorship.id]),
        urgency: e.health.urgency,
        score: e.health.score,
        status: e.health.status as RelationshipHealthStatus,
        reasons: e.health.reasons,
        flags: e.health.flags as RelationshipHealthFlag[],
      };
    });
    return {
      edges,
      nodes: edges.map((e) => e.node),
      totalCount: queue.length,
      pageInfo: { hasNextPage: rest.length > limit, hasPreviousPage: cursor !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
    };
  }

  @Query(() => ProgrammeHealth, { nullable: true, description: 'How a programme\'s relationships are doing right now (coordinators and admins); null when there is no such programme.' })
  async programmeHealth(@Ctx() ctx: Context, @Arg('programmeId', () => ID, { description: 'The programme.' }) programmeId: string): Promise<ProgrammeHealth | null> {
    const programme = await coordinatorProgramme(ctx, programmeId);
    if (!programme) return null;
    const now = ctx.now();
    return { programme, evaluatedAt: now, ...(await programmeHealthFigures(ctx.em, programme, now)) };
  }

  @Query(() => ProgrammeOutcomes, { nullable: true, description: 'Objective evaluation of a programme\'s cohort (coordinators and admins); null when there is no such programme.' })
  async programmeOutcomes(@Ctx() ctx: Context, @Arg('programmeId', () => ID, { description: 'The programme.' }) programmeId: string): Promise<ProgrammeOutcomes | null> {
    const programme = await coordinatorProgramme(ctx, programmeId);
    if (!programme) return null;
    return { programme, ...(await programmeOutcomeFigures(ctx.em, programme, ctx.now())) };
  }

  // --- Fields --------------------------------------------------------------------------------

  @FieldResolver(() => Person, { description: 'The mentor.' })
  async mentor(@Root() m: MentorshipRecord, @Ctx() ctx: Context): Promise<Person> {
    const p = await ctx.loaders.byId(Person).load(m.mentor.id);
    if (!p) throw new Error(`person ${m.mentor.id} vanished`);
    return p;
  }

  @FieldResolver(() => Person, { description: 'The mentee.' })
  async mentee(@Root() m: MentorshipRecord, @Ctx() ctx: Context): Promise<Person> {
    const p = await ctx.loaders.byId(Person).load(m.mentee.id);
    if (!p) throw new Error(`person ${m.mentee.id} vanished`);
    return p;
  }

  @FieldResolver(() => Programme, { description: 'The programme it runs in.' })
  async programme(@Root() m: MentorshipRecord, @Ctx() ctx: Context): Promise<Programme> {
    const p = await ctx.loaders.byId(Programme).load(m.programme.id);
    if (!p) throw new Error(`programme ${m.programme.id} vanished`);
    return p;
  }

  @FieldResolver(() => ParticipantRole, { nullable: true, description: 'Your side in this mentorship; null when you are not in it (a coordinator).' })
  viewerRole(@Root() m: MentorshipRecord, @Ctx() ctx: Context): ParticipantRole | null {
    return sideOf(m, requireViewer(ctx).personId);
  }

  @FieldResolver(() => MentorshipAgreement, { nullable: true, description: 'The agreement on the table, with who has signed it; null until one participant proposes it.' })
  agreement(@Root() m: MentorshipRecord): MentorshipAgreement | null {
    const a = m.agreement;
    if (!a) return null;
    return Object.assign(new MentorshipAgreement(), {
      goalIds: a.goalIds,
      cadenceDays: a.cadenceDays,
      format: a.format,
      confidentialityAcknowledged: a.confidentialityAcknowledged,
      signedByMentorAt: a.signedByMentorAt ? new Date(a.signedByMentorAt) : null,
      signedByMenteeAt: a.signedByMenteeAt ? new Date(a.signedByMenteeAt) : null,
      fullySigned: a.signedByMentorAt !== null && a.signedByMenteeAt !== null,
    });
  }

  @FieldResolver(() => String, { nullable: true, description: 'The note given when it ended early (shared with both participants and coordinators).' })
  endNote(@Root() m: MentorshipRecord, @Ctx() ctx: Context): string | null {
    return viewerCanSee(ctx, m) ? (m.endNote ?? null) : null;
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'The planned end pushed back by the time spent paused so far: when it will end if it runs to plan from here.' })
  projectedEndAt(@Root() m: MentorshipRecord, @Ctx() ctx: Context): Date {
    return new Date(m.expectedEndAt.getTime() + pausedMs(m.pauses, m.endedAt ?? ctx.now()));
  }

  @FieldResolver(() => CheckInConnection, { description: 'Check-ins, oldest first.' })
  async checkIns(
    @Root() m: MentorshipRecord,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: PAGE_ARGS.first }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_ARGS.after }) after: string | null,
  ): Promise<ConnectionShape<CheckIn>> {
    const viewer = requireViewer(ctx);
    const loader = ctx.loaders.custom<string, ConnectionShape<CheckIn>>(`mentorship.checkIns:${first}:${after}`, async (ids) => {
      const pages = await batchedPages(ctx.em, CheckIn, {
        table: 'check_in',
        parentColumn: 'mentorship_id',
        parentIds: ids,
        sortColumn: 'held_at',
        sortProperty: 'heldAt',
        sortType: 'date',
        equals: { organization_id: viewer.organizationId },
        first,
        after,
      });
      return ids.map((id) => pages.get(id)!);
    });
    return loader.load(m.id);
  }

  @FieldResolver(() => [PulseSurvey], { description: 'Your own pulse answers for this mentorship, oldest first. Nobody else\'s answers are ever listed.' })
  async myPulses(@Root() m: MentorshipRecord, @Ctx() ctx: Context): Promise<PulseSurvey[]> {
    const viewer = requireViewer(ctx);
    if (sideOf(m, viewer.personId) === null) return [];
    return ctx.loaders.manyBy(PulseSurvey, 'mentorship', { answeredAt: 'asc', id: 'asc' }, { author: viewer.personId }).load(m.id);
  }

  @FieldResolver(() => PulseSummary, { description: 'Whether each side answers its pulse surveys, and (for coordinators) the aggregate rating.' })
  async pulseSummary(@Root() m: MentorshipRecord, @Ctx() ctx: Context): Promise<PulseSummary> {
    const { source, result } = await healthLoader(ctx).load(m);
    const side = (role: ParticipantRole): PulseSideSummary => {
      const schedule = result.pulseSchedules[role];
      return {
        answered: source.facts.pulses.filter((p) => p.by === role).length,
        lastAnsweredAt: schedule.lastAnsweredAt,
        nextDueAt: schedule.nextDueAt,
        overdue: schedule.overdue,
        daysOverdue: schedule.daysOverdue,
        missed: schedule.missed,
      };
    };
    const respondents = new Set(source.facts.pulses.map((p) => p.authorId)).size;
    const ratings = source.facts.pulses.map((p) => p.rating);
    const showMean = viewerIsCoordinator(ctx) && sideOf(m, requireViewer(ctx).personId) === null && respondents >= MIN_PULSE_RESPONDENTS;
    return {
      mentor: side(ParticipantRole.MENTOR),
      mentee: side(ParticipantRole.MENTEE),
      meanRating: showMean ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100 : null,
    };
  }

  @FieldResolver(() => MentorshipHealth, { description: 'Health: score, status, explained components, flags and trend. Never quotes anyone\'s pulse answers.' })
  async health(@Root() m: MentorshipRecord, @Ctx() ctx: Context): Promise<MentorshipHealth> {
    const { result } = await healthLoader(ctx).load(m);
    return healthView(m.id, result);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Your own closing reflection; null when you wrote none or are not in this mentorship. Nobody else ever sees it.' })
  myReflection(@Root() m: MentorshipRecord, @Ctx() ctx: Context): string | null {
    const side = sideOf(m, requireViewer(ctx).personId);
    if (side === ParticipantRole.MENTOR) return m.mentorReflection ?? null;
    if (side === ParticipantRole.MENTEE) return m.menteeReflection ?? null;
    return null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether it is live (active or paused).' })
  live(@Root() m: MentorshipRecord): boolean {
    return LIVE_STATUSES.includes(m.status);
  }

  // --- Mutations -----------------------------------------------------------------------------

  @Mutation(() => MentorshipPayload, { nullable: true, description: 'Sign the agreement (participants). Identical terms add your signature; different terms replace the ones on the table and need the other side\'s signature again.' })
  async signAgreement(@Ctx() ctx: Context, @Arg('input', () => SignAgreementInput) input: SignAgreementInput): Promise<MentorshipPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ mentorship: await signAgreement(ctx.em, viewer, input, ctx.now()), userErrors: [] }));
  }

  @Mutation(() => MentorshipPayload, { nullable: true, description: 'Pause an active mentorship (participants or coordinators). Paused time does not count against cadence, pulses or length.' })
  async pauseMentorship(@Ctx() ctx: Context, @Arg('input', () => MentorshipTransitionInput) input: MentorshipTransitionInput): Promise<MentorshipPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ mentorship: await pauseMentorship(ctx.em, viewer, input, ctx.now()), userErrors: [] }));
  }

  @Mutation(() => MentorshipPayload, { nullable: true, description: 'Resume a paused mentorship (participants or coordinators).' })
  async resumeMentorship(@Ctx() ctx: Context, @Arg('input', () => MentorshipTransitionInput) input: MentorshipTransitionInput): Promise<MentorshipPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ mentorship: await resumeMentorship(ctx.em, viewer, input, ctx.now()), userErrors: [] }));
  }

  @Mutation(() => MentorshipPayload, { nullable: true, description: 'Close a live mentorship as planned (participants or coordinators), optionally with your private closing reflection.' })
  async completeMentorship(@Ctx() ctx: Context, @Arg('input', () => CompleteMentorshipInput) input: CompleteMentorshipInput): Promise<MentorshipPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ mentorship: await completeMentorship(ctx.em, viewer, input, ctx.now()), userErrors: [] }));
  }

  @Mutation(() => MentorshipPayload, { nullable: true, description: 'End a live mentorship early with a reason (participants or coordinators). The pair is excluded from future matching.' })
  async endMentorshipEarly(@Ctx() ctx: Context, @Arg('input', () => EndMentorshipEarlyInput) input: EndMentorshipEarlyInput): Promise<MentorshipPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ mentorship: await endMentorshipEarly(ctx.em, viewer, input, ctx.now()), userErrors: [] }));
  }

  @Mutation(() => MentorshipPayload, { nullable: true, description: 'Write (or rewrite) your private closing reflection on an ended mentorship (participants).' })
  async submitClosingReflection(@Ctx() ctx: Context, @Arg('input', () => SubmitClosingReflectionInput) input: SubmitClosingReflectionInput): Promise<MentorshipPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ mentorship: await submitClosingReflection(ctx.em, viewer, input, ctx.now()), userErrors: [] }));
  }

  @Mutation(() => LogCheckInPayload, { nullable: true, description: 'Log a meeting of the pair (either participant).' })
  async logCheckIn(@Ctx() ctx: Context, @Arg('input', () => LogCheckInInput) input: LogCheckInInput): Promise<LogCheckInPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ ...(await logCheckIn(ctx.em, viewer, input, ctx.now())), userErrors: [] }));
  }

  @Mutation(() => SubmitPulsePayload, { nullable: true, description: 'Answer a private pulse survey (participants). Only you will ever see your answer.' })
  async submitPulse(@Ctx() ctx: Context, @Arg('input', () => SubmitPulseInput) input: SubmitPulseInput): Promise<SubmitPulsePayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ ...(await submitPulse(ctx.em, viewer, input, ctx.now())), userErrors: [] }));
  }

  @Mutation(() => MentorshipPayload, { nullable: true, description: 'Privately flag that the relationship needs support beyond mentoring (participants). Coordinators are alerted that a flag exists, never by whom or why.' })
  async raiseSupportFlag(@Ctx() ctx: Context, @Arg('input', () => RaiseSupportFlagInput) input: RaiseSupportFlagInput): Promise<MentorshipPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ mentorship: await raiseSupportFlag(ctx.em, viewer, input, ctx.now()), userErrors: [] }));
  }

  @Mutation(() => ResolveSupportFlagsPayload, { nullable: true, description: 'Close the open support flags of a mentorship after reaching out (coordinators and admins).' })
  async resolveSupportFlags(@Ctx() ctx: Context, @Arg('input', () => ResolveSupportFlagsInput) input: ResolveSupportFlagsInput): Promise<ResolveSupportFlagsPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => ({ ...(await resolveSupportFlags(ctx.em, viewer, input, ctx.now())), userErrors: [] }));
  }
}

@Resolver(() => MentorshipAgreement)
export class MentorshipAgreementResolver {
  @FieldResolver(() => [DevelopmentGoal], { description: 'The mentee\'s goals in scope.' })
  async goals(@Root() a: MentorshipAgreement, @Ctx() ctx: Context): Promise<DevelopmentGoal[]> {
    const goals = await ctx.loaders.byId(DevelopmentGoal).loadMany(a.goalIds);
    return goals.filter((g): g is DevelopmentGoal => g instanceof DevelopmentGoal);
  }
}

@Resolver(() => MentorshipHealth)
export class MentorshipHealthResolver {
  @FieldResolver(() => HealthTrendView, { description: 'Direction of the score over the daily snapshots of the last 60 days (and today\'s live score).' })
  async trend(@Root() h: MentorshipHealth, @Ctx() ctx: Context): Promise<HealthTrendView> {
    const points = (await snapshotsLoader(ctx).load(h.mentorshipId)).map((p) => ({ at: Date.parse(`${p.day}T00:00:00Z`), score: p.score }));
    const today = Date.parse(`${h.evaluatedAt.toISOString().slice(0, 10)}T00:00:00Z`);
    if (!points.some((p) => p.at === today)) points.push({ at: h.evaluatedAt.getTime(), score: h.score });
    const t = healthTrend(points);
    return { direction: t.trend as HealthTrendKind, slopePerWeek: t.slopePerWeek, samples: t.samples };
  }

  @FieldResolver(() => [HealthSnapshotPoint], { description: 'Stored daily snapshots (up to the latest 90), oldest first: the history to draw.' })
  async history(@Root() h: MentorshipHealth, @Ctx() ctx: Context): Promise<HealthSnapshotPoint[]> {
    return snapshotsLoader(ctx).load(h.mentorshipId);
  }
}

@Resolver(() => CheckIn)
export class CheckInResolver {
  @FieldResolver(() => Mentorship, { description: 'The mentorship.' })
  async mentorship(@Root() c: CheckIn, @Ctx() ctx: Context): Promise<Mentorship> {
    const m = await ctx.loaders.byId(Mentorship).load(c.mentorship.id);
    if (!m) throw new Error(`mentorship ${c.mentorship.id} vanished`);
    return m;
  }

  @FieldResolver(() => Person, { description: 'Who logged it.' })
  async loggedBy(@Root() c: CheckIn, @Ctx() ctx: Context): Promise<Person> {
    const p = await ctx.loaders.byId(Person).load(c.loggedBy.id);
    if (!p) throw new Error(`person ${c.loggedBy.id} vanished`);
    return p;
  }

  @FieldResolver(() => [DevelopmentGoal], { description: 'The mentee\'s goals the meeting worked on.' })
  async goals(@Root() c: CheckIn, @Ctx() ctx: Context): Promise<DevelopmentGoal[]> {
    const goals = await ctx.loaders.byId(DevelopmentGoal).loadMany(c.goalIds);
    return goals.filter((g): g is DevelopmentGoal => g instanceof DevelopmentGoal);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The note the pair shares. Null for anyone but the two participants (coordinators included).' })
  async sharedNote(@Root() c: CheckIn, @Ctx() ctx: Context): Promise<string | null> {
    const m = await ctx.loaders.byId(Mentorship).load(c.mentorship.id);
    return m && sideOf(m, requireViewer(ctx).personId) !== null ? (c.sharedNote ?? null) : null;
  }
}

@Resolver(() => PulseSurvey)
export class PulseSurveyResolver {
  @FieldResolver(() => String, { nullable: true, description: 'What you wrote. Only ever returned to you.' })
  text(@Root() p: PulseSurvey, @Ctx() ctx: Context): string | null {
    return p.author.id === requireViewer(ctx).personId ? (p.privateText ?? null) : null;
  }

  @FieldResolver(() => Mentorship, { description: 'The mentorship it is about.' })
  async mentorship(@Root() p: PulseSurvey, @Ctx() ctx: Context): Promise<Mentorship> {
    const m = await ctx.loaders.byId(Mentorship).load(p.mentorship.id);
    if (!m) throw new Error(`mentorship ${p.mentorship.id} vanished`);
    return m;
  }
}

import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { type Context, assertCoordinator, requireCoordinator, requireViewer } from '../../graphql/context.js';
import { DomainError, badUserInput, runMutation } from '../../graphql/errors.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import type { ConnectionShape } from '../../graphql/connection.js';
import { Mentorship } from '../mentorship/mentorship.entity.js';
import { ParticipantRole } from '../mentorship/mentorship.enums.js';
import { Person } from '../person/person.entity.js';
import { Programme } from '../programme/programme.entity.js';
import { UnmatchedReason } from '../matching/matching.types.js';
import { paginateNewestFirst } from '../engagement/newest-first.js';
import { nudgeDispatcher } from '../engagement/engagement.jobs.js';
import { MentorRequest } from './mentor-request.entity.js';
import { MentorRequestStatus } from './request.enums.js';
import {
  AcceptMentorRequestInput,
  AcceptMentorRequestPayload,
  DeclineMentorRequestInput,
  ManualMatchQueueConnection,
  MarkNoMatchThisCohortInput,
  MarkNoMatchThisCohortPayload,
  MentorRequestConnection,
  MentorRequestPayload,
  RequestMentorInput,
  SetAvailabilityInput,
  SetAvailabilityPayload,
  WithdrawMentorRequestInput,
} from './request.types.js';
import { acceptRequest, declineRequest, requestMentor, setAvailability, withdrawRequest } from './request.service.js';
import { markNoMatchThisCohort, unmatchedMentees } from './manual-match.service.js';

async function person(ctx: Context, id: string): Promise<Person> {
  const p = await ctx.loaders.byId(Person).load(id);
  if (!p) throw new Error(`person ${id} vanished`);
  return p;
}

const RUN_REASONS = new Set<string>(Object.values(UnmatchedReason));

@Resolver(() => MentorRequest)
export class MentorRequestResolver {
  @Query(() => MentorRequestConnection, { description: 'Your mentor requests, newest first: the ones you made (as MENTEE) or the ones made to you (as MENTOR).' })
  async mentorRequests(
    @Ctx() ctx: Context,
    @Arg('as', () => ParticipantRole, { description: 'Requests you made (MENTEE) or received (MENTOR).' }) as: ParticipantRole,
    @Arg('programmeId', () => ID, { nullable: true, description: 'Only this programme.' }) programmeId: string | null,
    @Arg('status', () => MentorRequestStatus, { nullable: true, description: 'Only this status (e.g. PENDING for an inbox).' }) status: MentorRequestStatus | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
  ): Promise<ConnectionShape<MentorRequest>> {
    const viewer = requireViewer(ctx);
    const where: Record<string, unknown> = { organization: viewer.organizationId, [as === ParticipantRole.MENTEE ? 'mentee' : 'mentor']: viewer.personId };
    if (programmeId != null) {
      const id = fromGlobalIdOf(programmeId, 'Programme');
      if (!id) throw badUserInput('"programmeId" is not a Programme ID.');
      where.programme = id;
    }
    if (status) where.status = status;
    return paginateNewestFirst(ctx.em, MentorRequest, where, { first, after });
  }

  @Query(() => ManualMatchQueueConnection, {
    description:
      'The manual-match queue (coordinators): mentees the latest match run could not match, or whose every request was declined or expired — without a mentor, an open proposal or a pending request — with the reason and the best mentors who still have room. Resolve each with `overrideMatch` or `markNoMatchThisCohort`.',
  })
  async unmatchedMentees(
    @Ctx() ctx: Context,
    @Arg('programmeId', () => ID, { description: 'The programme.' }) programmeId: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
  ): Promise<ManualMatchQueueConnection> {
    const viewer = requireCoordinator(ctx);
    const page = await runQueue(() => unmatchedMentees(ctx.em, viewer, { programmeId, first, after }));
    const ids = [...new Set(page.entries.flatMap((e) => [e.menteeId, ...e.suggestions.map((s) => s.mentorId)]))];
    await ctx.loaders.byId(Person).loadMany(ids);
    const edges = await Promise.all(
      page.entries.map(async (e) => ({
        cursor: e.cursor,
        node: await person(ctx, e.menteeId),
        reason: e.reason,
        runReason: e.runReason && RUN_REASONS.has(e.runReason) ? (e.runReason as UnmatchedReason) : null,
        message: e.message,
        failedRequests: e.failedRequests,
        bestSuggestions: await Promise.all(e.suggestions.map(async (s) => ({ mentor: await person(ctx, s.mentorId), score: s.score, capacityLeft: s.capacityLeft, reasons: s.reasons }))),
      })),
    );
    return {
      edges,
      nodes: edges.map((e) => e.node),
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
    };
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When the mentee asked.' })
  createdAt(@Root() r: MentorRequest): Date {
    return r.createdAt;
  }

  @FieldResolver(() => Programme, { description: 'The programme.' })
  async programme(@Root() r: MentorRequest, @Ctx() ctx: Context): Promise<Programme> {
    const p = await ctx.loaders.byId(Programme).load(r.programme.id);
    if (!p) throw new Error('programme vanished');
    return p;
  }

  @FieldResolver(() => Person, { description: 'Who asked.' })
  mentee(@Root() r: MentorRequest, @Ctx() ctx: Context): Promise<Person> {
    return person(ctx, r.mentee.id);
  }

  @FieldResolver(() => Person, { description: 'Who was asked.' })
  mentor(@Root() r: MentorRequest, @Ctx() ctx: Context): Promise<Person> {
    return person(ctx, r.mentor.id);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The mentee\'s note to the mentor. Only the two of them see it; null for everyone else.' })
  message(@Root() r: MentorRequest, @Ctx() ctx: Context): string | null {
    return isParticipant(ctx, r) ? (r.message ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The mentor\'s note with a decline. Only the two of them see it; null for everyone else.' })
  declineNote(@Root() r: MentorRequest, @Ctx() ctx: Context): string | null {
    return isParticipant(ctx, r) ? (r.declineNote ?? null) : null;
  }

  @FieldResolver(() => Mentorship, { nullable: true, description: 'The relationship it started, once accepted.' })
  async mentorship(@Root() r: MentorRequest, @Ctx() ctx: Context): Promise<Mentorship | null> {
    return r.mentorship ? ctx.loaders.byId(Mentorship).load(r.mentorship.id) : null;
  }

  @Mutation(() => MentorRequestPayload, {
    nullable: true,
    description:
      'Ask a mentor (you, as a mentee of the programme). Checked against the hard rules, the minimum score, the mentor\'s availability and room, and the programme\'s limit of pending requests per mentee. The request expires after the programme\'s `requestExpiryDays`.',
  })
  async requestMentor(@Ctx() ctx: Context, @Arg('input', () => RequestMentorInput) input: RequestMentorInput): Promise<MentorRequestPayload> {
    const viewer = requireViewer(ctx);
    return nudged(ctx, await runMutation(async () => ({ request: await requestMentor(ctx.em, viewer, input, ctx.now()), userErrors: [] })));
  }

  @Mutation(() => AcceptMentorRequestPayload, {
    nullable: true,
    description:
      'Accept a request made to you: in one transaction the relationship starts (capacity checked in the database) and the mentee\'s other pending requests are INVALIDATED. If another mentor accepted first, you get ALREADY_MATCHED and the request ends INVALIDATED.',
  })
  async acceptMentorRequest(@Ctx() ctx: Context, @Arg('input', () => AcceptMentorRequestInput) input: AcceptMentorRequestInput): Promise<AcceptMentorRequestPayload> {
    const viewer = requireViewer(ctx);
    return nudged(ctx, await runMutation(async () => ({ ...(await acceptRequest(ctx.em, viewer, input.requestId, ctx.now())), userErrors: [] })));
  }

  @Mutation(() => MentorRequestPayload, { nullable: true, description: 'Decline a request made to you, with a reason (and an optional kind note).' })
  async declineMentorRequest(@Ctx() ctx: Context, @Arg('input', () => DeclineMentorRequestInput) input: DeclineMentorRequestInput): Promise<MentorRequestPayload> {
    const viewer = requireViewer(ctx);
    return nudged(ctx, await runMutation(async () => ({ request: await declineRequest(ctx.em, viewer, input, ctx.now()), userErrors: [] })));
  }

  @Mutation(() => MentorRequestPayload, { nullable: true, description: 'Withdraw a pending request you made.' })
  async withdrawMentorRequest(@Ctx() ctx: Context, @Arg('input', () => WithdrawMentorRequestInput) input: WithdrawMentorRequestInput): Promise<MentorRequestPayload> {
    const viewer = requireViewer(ctx);
    return nudged(ctx, await runMutation(async () => ({ request: await withdrawRequest(ctx.em, viewer, input.requestId, ctx.now()), userErrors: [] })));
  }

  @Mutation(() => SetAvailabilityPayload, { nullable: true, description: 'Mark yourself (or, for coordinators, a mentor) available or unavailable in a programme. Unavailable politely declines every open request (reason UNAVAILABLE) and hides the mentor from suggestions.' })
  async setAvailability(@Ctx() ctx: Context, @Arg('input', () => SetAvailabilityInput) input: SetAvailabilityInput): Promise<SetAvailabilityPayload> {
    const viewer = requireViewer(ctx);
    return nudged(
      ctx,
      await runMutation(async () => {
        const { enrollment, declined } = await setAvailability(ctx.em, viewer, input, ctx.now());
        return { enrollment, declinedRequests: declined, userErrors: [] };
      }),
    );
  }

  @Mutation(() => MarkNoMatchThisCohortPayload, { nullable: true, description: 'Resolve a queued mentee without a mentor: no match in this cohort (coordinators). Takes them off the manual-match queue.' })
  async markNoMatchThisCohort(@Ctx() ctx: Context, @Arg('input', () => MarkNoMatchThisCohortInput) input: MarkNoMatchThisCohortInput): Promise<MarkNoMatchThisCohortPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => {
      assertCoordinator(viewer);
      const decision = await markNoMatchThisCohort(ctx.em, viewer, input, ctx.now());
      return { mentee: await person(ctx, decision.mentee.id), userErrors: [] };
    });
  }
}

function isParticipant(ctx: Context, r: MentorRequest): boolean {
  const me = requireViewer(ctx).personId;
  return r.mentee.id === me || r.mentor.id === me;
}

/** Expected failures of a query's service (a bad programme ID) are reported as GraphQL errors. */
async function runQueue<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof DomainError) throw badUserInput(err.message);
    throw err;
  }
}

/** After a successful mutation, ask for a prompt outbox dispatch. */
async function nudged<P extends { userErrors: unknown[] }>(ctx: Context, payload: P): Promise<P> {
  if (payload.userErrors.length === 0) await nudgeDispatcher(ctx.jobs);
  return payload;
}

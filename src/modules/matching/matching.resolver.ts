import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type Context, assertCoordinator, isCoordinator, requireCoordinator, requireViewer } from '../../graphql/context.js';
import { badUserInput, runMutation, userError, UserErrorCode } from '../../graphql/errors.js';
import { paginate } from '../../graphql/paginate.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import type { ConnectionShape } from '../../graphql/connection.js';
import { Person } from '../person/person.entity.js';
import { Programme } from '../programme/programme.entity.js';
import { MatchProposal, type StoredReason } from './match-proposal.entity.js';
import { MatchRun } from './match-run.entity.js';
import { ProposalStatus } from './matching.enums.js';
import {
  ApproveMatchProposalInput,
  BulkApproveMatchProposalsInput,
  BulkApproveMatchProposalsPayload,
  MatchExplanation,
  MatchProposalConnection,
  MatchProposalPayload,
  MatchReason,
  MatchRunConnection,
  MatchRunStats,
  OptimalityCertificateSummary,
  OverrideMatchInput,
  RejectMatchProposalInput,
  RunMatchingInput,
  RunMatchingPayload,
  ScoreBreakdown,
  ScoreComponent,
  SetPairRuleInput,
  SetPairRulePayload,
  SuggestedMentorConnection,
  SuggestedMentorFilter,
  UnmatchedMentee,
  UnmatchedReason,
} from './matching.types.js';
import { explainMatch, suggestMentors, type SuggestionEdge } from './suggestions.service.js';
import type { PersonRecord } from '../person/person.record.js';
import { approveProposal, overrideMatch, rejectProposal, requestMatchRun, setPairRule } from './matching.service.js';

async function person(ctx: Context, id: string): Promise<Person> {
  const p = await ctx.loaders.byId(Person).load(id);
  if (!p) throw new Error(`person ${id} vanished`);
  return p;
}

@Resolver()
export class SuggestionResolver {
  @Query(() => SuggestedMentorConnection, {
    description:
      'Mentors suggested for a mentee in a programme, best first, with score, breakdown and reasons on each edge. Never includes a mentor in the mentee\'s chain of command, without capacity, or otherwise blocked by a hard rule. Members see their own suggestions; coordinators any mentee\'s.',
  })
  async suggestedMentors(
    @Ctx() ctx: Context,
    @Arg('programmeId', () => ID, { description: 'The programme.' }) programmeId: string,
    @Arg('menteeId', () => ID, { nullable: true, description: 'The mentee (default: the viewer).' }) menteeId: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
    @Arg('filter', () => SuggestedMentorFilter, { nullable: true, description: 'Filters.' }) filter: SuggestedMentorFilter | null,
  ): Promise<SuggestedMentorConnection> {
    const viewer = requireViewer(ctx);
    const page = await suggestMentors(() => ctx.em, viewer, { programmeId, menteeId, first, after, filter });
    // Mentors come from the scoring cache as shared records; only one enrolled since its build is loaded.
    const missing = page.edges.filter((e) => e.node === null);
    if (missing.length > 0) {
      const people = await ctx.loaders.byId(Person).loadMany(missing.map((e) => e.mentorId));
      missing.forEach((e, i) => {
        const p = people[i];
        if (!(p instanceof Person)) throw new Error(`person ${e.mentorId} vanished`);
        e.node = p;
      });
    }
    const edges = page.edges as (SuggestionEdge & { node: PersonRecord })[];
    return {
      edges,
      nodes: edges.map((e) => e.node),
      totalCount: page.totalCount,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }

  @Query(() => MatchExplanation, { description: 'Why a pair scores what it does, or which hard rules block it ("why not X?"). Coordinators: any pair; members: pairs where they are the mentee.' })
  async explainMatch(
    @Ctx() ctx: Context,
    @Arg('programmeId', () => ID, { description: 'The programme.' }) programmeId: string,
    @Arg('mentorId', () => ID, { description: 'The mentor.' }) mentorId: string,
    @Arg('menteeId', () => ID, { description: 'The mentee.' }) menteeId: string,
  ): Promise<MatchExplanation> {
    const viewer = requireViewer(ctx);
    const e = await explainMatch(ctx.em, viewer, { programmeId, mentorId, menteeId });
    return { ...e, mentor: await person(ctx, e.mentorId), mentee: await person(ctx, e.menteeId) };
  }

  @Query(() => MatchRunConnection, { description: 'Match runs of a programme, newest first (coordinators).' })
  async matchRuns(
    @Ctx() ctx: Context,
    @Arg('programmeId', () => ID, { description: 'The programme.' }) programmeId: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
  ): Promise<ConnectionShape<MatchRun>> {
    const viewer = requireCoordinator(ctx);
    const id = fromGlobalIdOf(programmeId, 'Programme');
    if (!id) throw badUserInput('"programmeId" is not a Programme ID.');
    // Keyset on (negated epoch, id) would need a computed column; run lists are short, id order is creation order enough.
    return paginate(ctx.em, MatchRun, { organization: viewer.organizationId, programme: id }, { keys: [{ field: 'id', type: 'string' }] }, { first, after });
  }

  @Query(() => MatchProposalConnection, { description: 'Proposals of a programme, optionally by status (coordinators).' })
  async matchProposals(
    @Ctx() ctx: Context,
    @Arg('programmeId', () => ID, { description: 'The programme.' }) programmeId: string,
    @Arg('status', () => ProposalStatus, { nullable: true, description: 'Only this status.' }) status: ProposalStatus | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
  ): Promise<ConnectionShape<MatchProposal>> {
    const viewer = requireCoordinator(ctx);
    const id = fromGlobalIdOf(programmeId, 'Programme');
    if (!id) throw badUserInput('"programmeId" is not a Programme ID.');
    return paginate(
      ctx.em,
      MatchProposal,
      { organization: viewer.organizationId, programme: id, ...(status ? { status } : {}) },
      { keys: [{ field: 'id', type: 'string' }] },
      { first, after },
    );
  }

  @Mutation(() => RunMatchingPayload, {
    nullable: true,
    description:
      'Match the whole programme: an exact capacitated assignment that maximises the number of matched mentees first and the total score second, honouring hard rules, pins, bans and the minimum score. Writes PROPOSED proposals (withdrawing the previous run\'s open ones). Small programmes finish in the request; big ones run as a background job (poll `progress`).',
  })
  async runMatching(@Ctx() ctx: Context, @Arg('input', () => RunMatchingInput) input: RunMatchingInput): Promise<RunMatchingPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => {
      assertCoordinator(viewer);
      return { run: await requestMatchRun(ctx.orm, ctx.em, viewer, input, { jobs: ctx.jobs, now: ctx.now }), userErrors: [] };
    });
  }

  @Mutation(() => MatchProposalPayload, { nullable: true, description: 'Approve a proposal: starts the mentorship. Safe under concurrency: a mentor never exceeds capacity and a mentee is never paired twice.' })
  async approveMatchProposal(@Ctx() ctx: Context, @Arg('input', () => ApproveMatchProposalInput) input: ApproveMatchProposalInput): Promise<MatchProposalPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => {
      assertCoordinator(viewer);
      return { ...(await approveProposal(ctx.em, viewer, input.proposalId, ctx.now())), userErrors: [] };
    });
  }

  @Mutation(() => MatchProposalPayload, { nullable: true, description: 'Reject a proposal with a reason; the pair is excluded from future matching.' })
  async rejectMatchProposal(@Ctx() ctx: Context, @Arg('input', () => RejectMatchProposalInput) input: RejectMatchProposalInput): Promise<MatchProposalPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => {
      assertCoordinator(viewer);
      return { proposal: await rejectProposal(ctx.em, viewer, input, ctx.now()), mentorship: null, userErrors: [] };
    });
  }

  @Mutation(() => BulkApproveMatchProposalsPayload, { nullable: true, description: 'Approve many proposals; each is decided on its own, in order, and failures are reported per proposal.' })
  async bulkApproveMatchProposals(@Ctx() ctx: Context, @Arg('input', () => BulkApproveMatchProposalsInput) input: BulkApproveMatchProposalsInput): Promise<BulkApproveMatchProposalsPayload> {
    const viewer = requireViewer(ctx);
    if (!isCoordinator(viewer)) return { approved: [], failed: [], userErrors: [userError(UserErrorCode.FORBIDDEN, 'Only coordinators and organisation admins may do this.')] };
    if (input.proposalIds.length > 500) return { approved: [], failed: [], userErrors: [userError(UserErrorCode.INVALID_INPUT, 'At most 500 proposals at once.', ['input', 'proposalIds'])] };
    const approved: MatchProposal[] = [];
    const failed: { proposalId: string; userErrors: ReturnType<typeof userError>[] }[] = [];
    for (const proposalId of input.proposalIds) {
      const em = ctx.em.fork();
      const res = await runMutation(async () => ({ ...(await approveProposal(em, viewer, proposalId, ctx.now())), userErrors: [] }));
      if ('proposal' in res && res.proposal) approved.push(res.proposal);
      else failed.push({ proposalId, userErrors: res.userErrors });
    }
    return { approved, failed, userErrors: [] };
  }

  @Mutation(() => MatchProposalPayload, { nullable: true, description: 'Pair a mentor and mentee by hand. Hard rules still apply; capacity only with `overrideCapacity: true`.' })
  async overrideMatch(@Ctx() ctx: Context, @Arg('input', () => OverrideMatchInput) input: OverrideMatchInput): Promise<MatchProposalPayload> {
    const viewer = requireViewer(ctx);
    return runMutation(async () => {
      assertCoordinator(viewer);
      return { ...(await overrideMatch(ctx.em, viewer, input, ctx.now())), userErrors: [] };
    });
  }

  @Mutation(() => SetPairRulePayload, { nullable: true, description: 'Pin (must pair in the next run) or ban (never pair) a specific pair.' })
  async setPairRule(@Ctx() ctx: Context, @Arg('input', () => SetPairRuleInput) input: SetPairRuleInput): Promise<SetPairRulePayload> {
    const viewer = requireViewer(ctx);
    const res = await runMutation(async () => {
      assertCoordinator(viewer);
      await setPairRule(ctx.em, viewer, input, ctx.now());
      return { ok: true, userErrors: [] };
    });
    return 'ok' in res ? res : { ok: false, userErrors: res.userErrors };
  }
}

@Resolver(() => MatchRun)
export class MatchRunResolver {
  @FieldResolver(() => Programme, { description: 'The programme.' })
  async programme(@Root() run: MatchRun, @Ctx() ctx: Context): Promise<Programme> {
    const p = await ctx.loaders.byId(Programme).load(run.programme.id);
    if (!p) throw new Error('programme vanished');
    return p;
  }

  @FieldResolver(() => MatchRunStats, { nullable: true, description: 'Outcome figures, once the run has succeeded.' })
  stats(@Root() run: MatchRun): MatchRunStats | null {
    return (run.stats as unknown as MatchRunStats | null) ?? null;
  }

  @FieldResolver(() => OptimalityCertificateSummary, { nullable: true, description: 'Proof of optimality (dual prices), once the run has succeeded.' })
  certificate(@Root() run: MatchRun): OptimalityCertificateSummary | null {
    const c = run.certificate as (OptimalityCertificateSummary & Record<string, unknown>) | null | undefined;
    return c ? { verified: c.verified, matchBonus: c.matchBonus, primalObjective: c.primalObjective, dualObjective: c.dualObjective, violations: c.violations } : null;
  }

  @FieldResolver(() => [UnmatchedMentee], { description: 'Every mentee the run left unmatched, with the reason.' })
  async unmatched(@Root() run: MatchRun, @Ctx() ctx: Context): Promise<UnmatchedMentee[]> {
    const list = run.unmatched ?? [];
    const people = await ctx.loaders.byId(Person).loadMany(list.map((u) => u.menteeId));
    return list.flatMap((u, i) => (people[i] instanceof Person ? [{ mentee: people[i] as Person, reason: u.code as UnmatchedReason, message: u.message }] : []));
  }

  @FieldResolver(() => MatchProposalConnection, { description: 'The proposals this run wrote.' })
  async proposals(
    @Root() run: MatchRun,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
  ): Promise<ConnectionShape<MatchProposal>> {
    requireCoordinator(ctx);
    return paginate(ctx.em, MatchProposal, { run: run.id }, { keys: [{ field: 'id', type: 'string' }] }, { first, after });
  }
}

const COMPONENT: Record<string, ScoreComponent> = { EXPERIENCE: ScoreComponent.EXPERIENCE, GOALS: ScoreComponent.GOALS, REACH: ScoreComponent.REACH, PRACTICAL: ScoreComponent.PRACTICAL };

@Resolver(() => MatchProposal)
export class MatchProposalResolver {
  @FieldResolver(() => Person, { description: 'The proposed mentor.' })
  mentor(@Root() p: MatchProposal, @Ctx() ctx: Context): Promise<Person> {
    return person(ctx, p.mentor.id);
  }

  @FieldResolver(() => Person, { description: 'The mentee.' })
  mentee(@Root() p: MatchProposal, @Ctx() ctx: Context): Promise<Person> {
    return person(ctx, p.mentee.id);
  }

  @FieldResolver(() => Programme, { description: 'The programme.' })
  async programme(@Root() p: MatchProposal, @Ctx() ctx: Context): Promise<Programme> {
    const prog = await ctx.loaders.byId(Programme).load(p.programme.id);
    if (!prog) throw new Error('programme vanished');
    return prog;
  }

  @FieldResolver(() => MatchRun, { nullable: true, description: 'The run that proposed it (null for requests and manual pairs).' })
  async run(@Root() p: MatchProposal, @Ctx() ctx: Context): Promise<MatchRun | null> {
    return p.run ? ctx.loaders.byId(MatchRun).load(p.run.id) : null;
  }

  @FieldResolver(() => ScoreBreakdown, { description: 'The four score components at proposal time.' })
  breakdown(@Root() p: MatchProposal): ScoreBreakdown {
    return p.breakdown;
  }

  @FieldResolver(() => [MatchReason], { description: 'Reasons at proposal time, most important first.' })
  reasons(@Root() p: MatchProposal): MatchReason[] {
    return (p.reasons as (StoredReason & { points?: number })[]).map((r) => ({ component: COMPONENT[r.component] ?? ScoreComponent.GOALS, text: r.text, points: r.points ?? 0 }));
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The coordinator who decided.' })
  async decidedBy(@Root() p: MatchProposal, @Ctx() ctx: Context): Promise<Person | null> {
    return p.decidedBy ? ctx.loaders.byId(Person).load(p.decidedBy.id) : null;
  }
}


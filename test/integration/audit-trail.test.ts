import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { futureStart, mentoringProgramme } from '../support/mentorship.js';
import { getSchema } from '../../src/graphql/schema.js';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import type { SeedResult } from '../../src/db/seed.js';
import { Role } from '../../src/modules/person/person.enums.js';

/**
 * The audit trail: every coordinator decision and every relationship state change writes an
 * AuditEvent — who, what, when, the state before and after — in the same transaction, readable by
 * organisation admins only, and never holding private text. Every mutation of the schema is
 * classified below, so a new one cannot slip in without a decision about its audit.
 */

/** Mutations that must write these audit actions when they succeed. */
const AUDITED: Record<string, string[]> = {
  createProgramme: ['programme.created'],
  updateProgramme: ['programme.updated'],
  addProgrammeCoordinator: ['programme.coordinator_added'],
  removeProgrammeCoordinator: ['programme.coordinator_removed'],
  enrollInProgramme: ['enrollment.created'],
  updateEnrollment: ['enrollment.updated'],
  runMatching: ['match_run.requested'],
  setPairRule: ['pair.banned', 'pair.pinned'],
  approveMatchProposal: ['proposal.approved', 'mentorship.started'],
  bulkApproveMatchProposals: ['proposal.approved', 'mentorship.started'],
  rejectMatchProposal: ['proposal.rejected'],
  overrideMatch: ['match.overridden', 'mentorship.started'],
  signAgreement: ['mentorship.agreement_signed'],
  pauseMentorship: ['mentorship.paused'],
  resumeMentorship: ['mentorship.resumed'],
  completeMentorship: ['mentorship.completed'],
  endMentorshipEarly: ['mentorship.ended_early'],
  submitClosingReflection: ['mentorship.reflection_submitted'],
  logCheckIn: ['check_in.logged'],
  submitPulse: ['pulse.submitted'],
  raiseSupportFlag: ['support_flag.raised'],
  resolveSupportFlags: ['support_flag.resolved'],
  recordSkillAssessment: ['skill_assessment.recorded'],
  // Requests, availability, engagement policy, webhooks (src/modules/request, src/modules/engagement).
  requestMentor: ['request.created'],
  acceptMentorRequest: ['request.accepted'],
  declineMentorRequest: ['request.declined'],
  withdrawMentorRequest: ['request.withdrawn'],
  setAvailability: ['enrollment.availability_changed'],
  markNoMatchThisCohort: ['mentee.no_match_this_cohort'],
  setEngagementPolicy: ['programme.engagement_policy_set'],
  createWebhookEndpoint: ['webhook.created'],
  enableWebhookEndpoint: ['webhook.enabled'],
  disableWebhookEndpoint: ['webhook.disabled'],
  deleteWebhookEndpoint: ['webhook.deleted'],
  rotateWebhookEndpointSecret: ['webhook.secret_rotated'],
};

/** Mutations that are neither a coordinator decision nor a relationship state change, and why. */
const NOT_AUDITED: Record<string, string> = {
  createGoal: "a person's own development record; the goal row is its own history",
  updateGoal: "a person's own development record",
  recordGoalProgress: 'each progress entry is itself a dated, attributed row (GoalProgress)',
  setPersonSkills: 'profile data kept by the person (or a coordinator on their behalf)',
  markNotificationsRead: "the viewer's own inbox state",
  retryWebhookDelivery: 'an operational retry; the delivery log records every attempt',
};

let app: TestApp;
let acme: SeedResult;
const T0 = futureStart(3);
let tick = 0;
const tokens: Record<string, string> = {};
const personOf: Record<string, string> = {};
let programmeId: string;
const PRIVATE = ['PRIVATE-PULSE-TEXT', 'PRIVATE-FLAG-NOTE', 'PRIVATE-REFLECTION-ONE', 'PRIVATE-REFLECTION-TWO', 'PRIVATE-END-NOTE', 'PRIVATE-REQUEST-MESSAGE', 'PRIVATE-DECLINE-NOTE'];

interface AuditRow {
  id: string;
  action: string;
  actor_id: string | null;
  subject_type: string;
  subject_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: Date;
}

interface Expected {
  action: string;
  /** Who: a key of `tokens`, or null for "nobody" (the system, or a private actor). */
  actor: string | null;
  subjectType: string;
  /** Global ID, when known before the step. */
  subject?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** The event has no state to record (say why at the call). */
  stateless?: true;
}

const seen = new Set<string>();
const walked = new Set<string>();

async function auditRows(): Promise<AuditRow[]> {
  return app.orm.em.getKnex()('audit_event').where({ organization_id: acme.organizationId }).select('*');
}

/**
 * Run one mutation as `who` at a fresh instant; it must succeed. Then the audit rows it wrote must
 * include each expected event with its actor, subject, time and states.
 */
async function step<T = Record<string, unknown>>(mutation: string, query: string, variables: Record<string, unknown>, who: string, expected: Expected[]): Promise<T> {
  for (const row of await auditRows()) seen.add(row.id);
  app.clock.now = new Date(T0.getTime() + ++tick * 3_600_000);
  const res = await app.gql<Record<string, { userErrors?: unknown[] }>>(query, variables, tokens[who]);
  expect(res.errors, `${mutation}: ${res.raw}`).toBeUndefined();
  expect(res.data?.[mutation]?.userErrors ?? [], `${mutation}: ${res.raw}`).toEqual([]);
  walked.add(mutation);
  const fresh = (await auditRows()).filter((r) => !seen.has(r.id));
  for (const e of expected) {
    expect(AUDITED[mutation], `${mutation} is not in the AUDITED table`).toContain(e.action);
    const subjectId = e.subject ? fromGlobalId(e.subject)?.id : undefined;
    const row = fresh.find((r) => r.action === e.action && r.subject_type === e.subjectType && (!subjectId || r.subject_id === subjectId));
    expect(row, `${mutation} should audit ${e.action} on ${e.subjectType}; wrote ${JSON.stringify(fresh.map((r) => r.action))}`).toBeDefined();
    expect(row!.actor_id, `${e.action}: who`).toBe(e.actor === null ? null : personOf[e.actor]);
    expect(new Date(row!.at).toISOString(), `${e.action}: when`).toBe(app.clock.now.toISOString());
    if (e.before) expect(row!.before, `${e.action}: before`).toMatchObject(e.before);
    if (e.after) expect(row!.after, `${e.action}: after`).toMatchObject(e.after);
    else if (!e.stateless) expect(row!.after ?? row!.before, `${e.action}: a state is recorded`).not.toBeNull();
  }
  return res.data as T;
}

const P = (id: string) => toGlobalId('Person', id);

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 200, seed: 17, slug: 'acme' });
  programmeId = toGlobalId('Programme', (await mentoringProgramme(app, acme)).programmeId);
  for (const [key, role] of [['admin', Role.ORG_ADMIN], ['coordinator', Role.COORDINATOR]] as const) {
    personOf[key] = acme.demoUsers[key];
    tokens[key] = await app.token(acme.demoUsers[key], acme.organizationId, role);
  }
});
afterAll(async () => app?.close());

async function asMember(key: string, personId: string): Promise<void> {
  personOf[key] = personId;
  tokens[key] = await app.token(personId, acme.organizationId, Role.MEMBER);
}

describe('audit coverage', () => {
  it('classifies every mutation of the schema as audited or not, with a reason', async () => {
    const mutations = Object.keys((await getSchema()).getMutationType()!.getFields()).sort();
    const classified = [...Object.keys(AUDITED), ...Object.keys(NOT_AUDITED)].sort();
    expect(mutations.filter((m) => !classified.includes(m)), 'unclassified mutations: add them to AUDITED or NOT_AUDITED').toEqual([]);
    expect(classified.filter((m) => !mutations.includes(m)), 'classified mutations that no longer exist').toEqual([]);
  });
});

describe('walking the coordinator decisions and a relationship from start to end', () => {
  type Proposal = { id: string; mentor: { id: string }; mentee: { id: string } };
  let proposals: Proposal[];
  let mentorshipA: string;
  let mentorshipC: string;

  it('programme set-up and enrolment decisions', async () => {
    const created = await step<{ createProgramme: { programme: { id: string } } }>(
      'createProgramme',
      `mutation { createProgramme(input: { name: "Audited Programme", kind: MENTORING, policy: { minScore: 30 } }) { programme { id } userErrors { code } } }`,
      {},
      'coordinator',
      [{ action: 'programme.created', actor: 'coordinator', subjectType: 'Programme', after: { status: 'OPEN', kind: 'MENTORING', minScore: 30 } }],
    );
    const newProgramme = created.createProgramme.programme.id;
    await step(
      'updateProgramme',
      `mutation($id: ID!) { updateProgramme(input: { programmeId: $id, status: ACTIVE, policy: { minScore: 40 } }) { programme { id } userErrors { code } } }`,
      { id: newProgramme },
      'coordinator',
      [{ action: 'programme.updated', actor: 'coordinator', subjectType: 'Programme', subject: newProgramme, before: { status: 'OPEN', minScore: 30 }, after: { status: 'ACTIVE', minScore: 40 } }],
    );
    for (const [mutation, action, key] of [
      ['addProgrammeCoordinator', 'programme.coordinator_added', 'after'],
      ['removeProgrammeCoordinator', 'programme.coordinator_removed', 'before'],
    ] as const) {
      await step(
        mutation,
        `mutation($p: ID!, $who: ID!) { ${mutation}(input: { programmeId: $p, personId: $who }) { programme { id } userErrors { code } } }`,
        { p: newProgramme, who: P(acme.demoUsers.coordinator) },
        'coordinator',
        [{ action, actor: 'coordinator', subjectType: 'Programme', subject: newProgramme, [key]: { personId: acme.demoUsers.coordinator } }],
      );
    }
    const enrolled = await step<{ enrollInProgramme: { enrollment: { id: string } } }>(
      'enrollInProgramme',
      `mutation($p: ID!, $who: ID!) { enrollInProgramme(input: { programmeId: $p, personId: $who, role: MENTOR, capacity: 2 }) { enrollment { id } userErrors { code } } }`,
      { p: newProgramme, who: P(acme.demoUsers.mentor) },
      'coordinator',
      [{ action: 'enrollment.created', actor: 'coordinator', subjectType: 'Enrollment', after: { role: 'MENTOR', capacity: 2, personId: acme.demoUsers.mentor } }],
    );
    await step(
      'updateEnrollment',
      `mutation($id: ID!) { updateEnrollment(input: { enrollmentId: $id, capacity: 3 }) { enrollment { id } userErrors { code } } }`,
      { id: enrolled.enrollInProgramme.enrollment.id },
      'coordinator',
      [{ action: 'enrollment.updated', actor: 'coordinator', subjectType: 'Enrollment', subject: enrolled.enrollInProgramme.enrollment.id, before: { capacity: 2 }, after: { capacity: 3 } }],
    );
  });

  it('matching decisions: run, ban, pin, reject, approve, bulk approve, override', async () => {
    const run = await step<{ runMatching: { run: { id: string; proposals: { nodes: Proposal[] } } } }>(
      'runMatching',
      `mutation($p: ID!) { runMatching(input: { programmeId: $p }) { run { id proposals(first: 10) { nodes { id mentor { id } mentee { id } } } } userErrors { code } } }`,
      { p: programmeId },
      'coordinator',
      [{ action: 'match_run.requested', actor: 'coordinator', subjectType: 'MatchRun' }],
    );
    proposals = run.runMatching.run.proposals.nodes;
    expect(proposals.length).toBeGreaterThanOrEqual(8);
    const [a, b, c, d, e, f] = proposals as [Proposal, Proposal, Proposal, Proposal, Proposal, Proposal];
    const rule = (kind: string, p: Proposal) => step(
      'setPairRule',
      `mutation($p: ID!, $m: ID!, $e: ID!) { setPairRule(input: { programmeId: $p, mentorId: $m, menteeId: $e, kind: ${kind}, reason: "coordinator judgement" }) { userErrors { code } } }`,
      { p: programmeId, m: p.mentor.id, e: p.mentee.id },
      'coordinator',
      [{ action: kind === 'BAN' ? 'pair.banned' : 'pair.pinned', actor: 'coordinator', subjectType: 'Programme', subject: programmeId, after: { kind, mentorId: fromGlobalId(p.mentor.id)!.id, menteeId: fromGlobalId(p.mentee.id)!.id } }],
    );
    await rule('BAN', e);
    await rule('PIN', f);
    await step(
      'rejectMatchProposal',
      `mutation($id: ID!) { rejectMatchProposal(input: { proposalId: $id, reason: "Too close in the org chart" }) { userErrors { code } } }`,
      { id: b.id },
      'coordinator',
      [{ action: 'proposal.rejected', actor: 'coordinator', subjectType: 'MatchProposal', subject: b.id, before: { status: 'PROPOSED' }, after: { status: 'REJECTED' } }],
    );
    const approved = await step<{ approveMatchProposal: { mentorship: { id: string } } }>(
      'approveMatchProposal',
      `mutation($id: ID!) { approveMatchProposal(input: { proposalId: $id }) { mentorship { id } userErrors { code } } }`,
      { id: a.id },
      'coordinator',
      [
        { action: 'proposal.approved', actor: 'coordinator', subjectType: 'MatchProposal', subject: a.id, before: { status: 'PROPOSED' }, after: { status: 'APPROVED' } },
        { action: 'mentorship.started', actor: 'coordinator', subjectType: 'Mentorship', after: { status: 'ACTIVE' } },
      ],
    );
    mentorshipA = approved.approveMatchProposal.mentorship.id;
    await step(
      'bulkApproveMatchProposals',
      `mutation($ids: [ID!]!) { bulkApproveMatchProposals(input: { proposalIds: $ids }) { approved { id } failed { proposalId } userErrors { code } } }`,
      { ids: [c.id] },
      'coordinator',
      [
        { action: 'proposal.approved', actor: 'coordinator', subjectType: 'MatchProposal', subject: c.id, after: { status: 'APPROVED' } },
        { action: 'mentorship.started', actor: 'coordinator', subjectType: 'Mentorship', after: { status: 'ACTIVE' } },
      ],
    );
    mentorshipC = toGlobalId('Mentorship', ((await app.orm.em.getKnex()('mentorship').where({ mentee_id: fromGlobalId(c.mentee.id)!.id }).first('id')) as { id: string }).id);
    await step(
      'overrideMatch',
      `mutation($p: ID!, $m: ID!, $e: ID!) { overrideMatch(input: { programmeId: $p, mentorId: $m, menteeId: $e, reason: "Asked for each other" }) { mentorship { id } userErrors { code } } }`,
      { p: programmeId, m: d.mentor.id, e: d.mentee.id },
      'coordinator',
      [
        { action: 'match.overridden', actor: 'coordinator', subjectType: 'MatchProposal' },
        { action: 'mentorship.started', actor: 'coordinator', subjectType: 'Mentorship', after: { status: 'ACTIVE' } },
      ],
    );
    await asMember('mentorA', fromGlobalId(a.mentor.id)!.id);
    await asMember('menteeA', fromGlobalId(a.mentee.id)!.id);
  });

  it('a relationship: agreement, check-in, pulse, support flag, pause, resume, assessment, completion, reflection; and an early end', async () => {
    const m = mentorshipA;
    const goal = await app.gql<{ createGoal: { goal: { id: string } } }>(
      `mutation($s: [ID!]!) { createGoal(input: { title: "Lead design reviews", measure: "reviews led", baseline: 0, target: 4, dueDate: "${new Date(T0.getTime() + 200 * 86_400_000).toISOString().slice(0, 10)}", skillIds: $s }) { goal { id } userErrors { code } } }`,
      { s: [toGlobalId('Skill', [...acme.skillIds.values()][2]!)] },
      tokens.menteeA,
    );
    const goalIds = [goal.data!.createGoal.goal.id];
    const sign = `mutation($m: ID!, $g: [ID!]!) { signAgreement(input: { mentorshipId: $m, goalIds: $g, cadenceDays: 14, format: REMOTE, confidentialityAcknowledged: true }) { userErrors { code } } }`;
    for (const who of ['menteeA', 'mentorA']) {
      await step('signAgreement', sign, { m, g: goalIds }, who, [{ action: 'mentorship.agreement_signed', actor: who, subjectType: 'Mentorship', subject: m }]);
    }
    await step('logCheckIn', `mutation($m: ID!) { logCheckIn(input: { mentorshipId: $m, durationMinutes: 45, format: REMOTE }) { userErrors { code } } }`, { m }, 'menteeA', [
      { action: 'check_in.logged', actor: 'menteeA', subjectType: 'CheckIn' },
    ]);
    await step('submitPulse', `mutation($m: ID!) { submitPulse(input: { mentorshipId: $m, rating: 2, helping: false, text: "PRIVATE-PULSE-TEXT" }) { userErrors { code } } }`, { m }, 'mentorA', [
      { action: 'pulse.submitted', actor: 'mentorA', subjectType: 'PulseSurvey' },
    ]);
    // Who raised a flag is itself private: the audit records no actor.
    await step('raiseSupportFlag', `mutation($m: ID!) { raiseSupportFlag(input: { mentorshipId: $m, note: "PRIVATE-FLAG-NOTE" }) { userErrors { code } } }`, { m }, 'menteeA', [
      { action: 'support_flag.raised', actor: null, subjectType: 'Mentorship', subject: m },
    ]);
    await step('resolveSupportFlags', `mutation($m: ID!) { resolveSupportFlags(input: { mentorshipId: $m }) { userErrors { code } } }`, { m }, 'coordinator', [
      { action: 'support_flag.resolved', actor: 'coordinator', subjectType: 'Mentorship', subject: m },
    ]);
    const transition = (name: string) => `mutation($m: ID!) { ${name}(input: { mentorshipId: $m }) { userErrors { code } } }`;
    await step('pauseMentorship', transition('pauseMentorship'), { m }, 'menteeA', [
      { action: 'mentorship.paused', actor: 'menteeA', subjectType: 'Mentorship', subject: m, before: { status: 'ACTIVE' }, after: { status: 'PAUSED' } },
    ]);
    await step('resumeMentorship', transition('resumeMentorship'), { m }, 'coordinator', [
      { action: 'mentorship.resumed', actor: 'coordinator', subjectType: 'Mentorship', subject: m, before: { status: 'PAUSED' }, after: { status: 'ACTIVE' } },
    ]);
    await step(
      'recordSkillAssessment',
      `mutation($p: ID!, $s: ID!) { recordSkillAssessment(input: { personId: $p, skillId: $s, level: 3, source: MENTOR }) { userErrors { code } } }`,
      { p: P(personOf.menteeA!), s: toGlobalId('Skill', [...acme.skillIds.values()][2]!) },
      'mentorA',
      [{ action: 'skill_assessment.recorded', actor: 'mentorA', subjectType: 'SkillAssessment' }],
    );
    await step('completeMentorship', `mutation($m: ID!) { completeMentorship(input: { mentorshipId: $m, reflection: "PRIVATE-REFLECTION-ONE" }) { userErrors { code } } }`, { m }, 'mentorA', [
      { action: 'mentorship.completed', actor: 'mentorA', subjectType: 'Mentorship', subject: m, before: { status: 'ACTIVE' }, after: { status: 'COMPLETED' } },
    ]);
    await step('submitClosingReflection', `mutation($m: ID!) { submitClosingReflection(input: { mentorshipId: $m, reflection: "PRIVATE-REFLECTION-TWO" }) { userErrors { code } } }`, { m }, 'menteeA', [
      { action: 'mentorship.reflection_submitted', actor: 'menteeA', subjectType: 'Mentorship', subject: m },
    ]);
    await step(
      'endMentorshipEarly',
      `mutation($m: ID!) { endMentorshipEarly(input: { mentorshipId: $m, reason: POOR_FIT, note: "PRIVATE-END-NOTE" }) { userErrors { code } } }`,
      { m: mentorshipC },
      'coordinator',
      [{ action: 'mentorship.ended_early', actor: 'coordinator', subjectType: 'Mentorship', subject: mentorshipC, before: { status: 'ACTIVE' }, after: { status: 'ENDED_EARLY' } }],
    );
  });

  it('requests, availability, engagement policy, no-match decisions and webhooks', async () => {
    const [, , , , , , g, h] = proposals as Proposal[];
    expect(g && h).toBeTruthy();
    await asMember('menteeG', fromGlobalId(g!.mentee.id)!.id);
    await asMember('mentorG', fromGlobalId(g!.mentor.id)!.id);
    await asMember('menteeH', fromGlobalId(h!.mentee.id)!.id);
    const request = (who: string, mentor: string) =>
      step<{ requestMentor: { request: { id: string } } }>(
        'requestMentor',
        `mutation($p: ID!, $m: ID!) { requestMentor(input: { programmeId: $p, mentorId: $m, message: "PRIVATE-REQUEST-MESSAGE" }) { request { id } userErrors { code message } } }`,
        { p: programmeId, m: mentor },
        who,
        [{ action: 'request.created', actor: who, subjectType: 'MentorRequest', after: { status: 'PENDING' } }],
      );
    const first = await request('menteeG', g!.mentor.id);
    const id1 = first.requestMentor.request.id;
    await step('withdrawMentorRequest', `mutation($r: ID!) { withdrawMentorRequest(input: { requestId: $r }) { userErrors { code } } }`, { r: id1 }, 'menteeG', [
      { action: 'request.withdrawn', actor: 'menteeG', subjectType: 'MentorRequest', subject: id1, before: { status: 'PENDING' }, after: { status: 'WITHDRAWN' } },
    ]);
    const second = await request('menteeG', g!.mentor.id);
    const id2 = second.requestMentor.request.id;
    await step('declineMentorRequest', `mutation($r: ID!) { declineMentorRequest(input: { requestId: $r, reason: SCHEDULE_CONFLICT, note: "PRIVATE-DECLINE-NOTE" }) { userErrors { code } } }`, { r: id2 }, 'mentorG', [
      { action: 'request.declined', actor: 'mentorG', subjectType: 'MentorRequest', subject: id2, before: { status: 'PENDING' }, after: { status: 'DECLINED' } },
    ]);
    const third = await request('menteeH', g!.mentor.id);
    const id3 = third.requestMentor.request.id;
    await step('acceptMentorRequest', `mutation($r: ID!) { acceptMentorRequest(input: { requestId: $r }) { userErrors { code } } }`, { r: id3 }, 'mentorG', [
      { action: 'request.accepted', actor: 'mentorG', subjectType: 'MentorRequest', subject: id3, before: { status: 'PENDING' }, after: { status: 'ACCEPTED' } },
    ]);
    await step('setAvailability', `mutation($p: ID!, $m: ID!) { setAvailability(input: { programmeId: $p, mentorId: $m, available: false }) { userErrors { code } } }`, { p: programmeId, m: g!.mentor.id }, 'coordinator', [
      { action: 'enrollment.availability_changed', actor: 'coordinator', subjectType: 'Enrollment' },
    ]);
    await step('setEngagementPolicy', `mutation($p: ID!) { setEngagementPolicy(input: { programmeId: $p, remindMentorAfterDays: 4 }) { userErrors { code } } }`, { p: programmeId }, 'coordinator', [
      { action: 'programme.engagement_policy_set', actor: 'coordinator', subjectType: 'Programme', subject: programmeId },
    ]);
    await step('markNoMatchThisCohort', `mutation($p: ID!, $m: ID!) { markNoMatchThisCohort(input: { programmeId: $p, menteeId: $m, note: "Next cohort" }) { userErrors { code } } }`, { p: programmeId, m: g!.mentee.id }, 'coordinator', [
      { action: 'mentee.no_match_this_cohort', actor: 'coordinator', subjectType: 'Programme', subject: programmeId },
    ]);
    const hook = await step<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
      'createWebhookEndpoint',
      `mutation { createWebhookEndpoint(input: { url: "https://hooks.example.com/audit" }) { endpoint { id } userErrors { code } } }`,
      {},
      'admin',
      [{ action: 'webhook.created', actor: 'admin', subjectType: 'WebhookEndpoint' }],
    );
    const endpoint = hook.createWebhookEndpoint.endpoint.id;
    for (const [mutation, action] of [
      ['disableWebhookEndpoint', 'webhook.disabled'],
      ['enableWebhookEndpoint', 'webhook.enabled'],
      ['rotateWebhookEndpointSecret', 'webhook.secret_rotated'],
      ['deleteWebhookEndpoint', 'webhook.deleted'],
    ] as const) {
      // A secret rotation has no state worth keeping (the secret itself must never be recorded).
      const stateless = action === 'webhook.secret_rotated' ? { stateless: true as const } : {};
      await step(mutation, `mutation($e: ID!) { ${mutation}(input: { endpointId: $e }) { userErrors { code } } }`, { e: endpoint }, 'admin', [{ action, actor: 'admin', subjectType: 'WebhookEndpoint', subject: endpoint, ...stateless }]);
    }
  });

  it('walked every audited mutation', () => {
    expect(Object.keys(AUDITED).filter((m) => !walked.has(m))).toEqual([]);
  });

  it('keeps private text out of every audit event', async () => {
    const all = JSON.stringify(await auditRows());
    for (const secret of PRIVATE) expect(all).not.toContain(secret);
    // The private texts did reach the database, so their absence above means something.
    const pulses = JSON.stringify(await app.orm.em.getKnex()('pulse_survey').select('*'));
    expect(pulses).toContain('PRIVATE-PULSE-TEXT');
  });

  it('serves the whole trail to organisation admins only, oldest first, with actor and subject', async () => {
    const total = (await auditRows()).length;
    type Page = { auditEvents: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { action: string; at: string; actor: { id: string } | null; subjectId: string; before: unknown; after: unknown }[] } };
    const q = `query($after: String) { auditEvents(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { action at actor { id } subjectId before after } } }`;
    const nodes: Page['auditEvents']['nodes'] = [];
    let after: string | null = null;
    for (;;) {
      const res: Awaited<ReturnType<typeof app.gql<Page>>> = await app.gql<Page>(q, { after }, tokens.admin);
      expect(res.errors, res.raw).toBeUndefined();
      expect(res.data!.auditEvents.totalCount).toBe(total);
      nodes.push(...res.data!.auditEvents.nodes);
      if (!res.data!.auditEvents.pageInfo.hasNextPage) break;
      after = res.data!.auditEvents.pageInfo.endCursor;
    }
    expect(nodes).toHaveLength(total);
    expect(total).toBeGreaterThanOrEqual(Object.keys(AUDITED).length);
    const times = nodes.map((n) => n.at);
    expect([...times].sort()).toEqual(times);
    const paused = nodes.find((n) => n.action === 'mentorship.paused')!;
    expect(paused).toMatchObject({ actor: { id: P(personOf.menteeA!) }, subjectId: mentorshipA, before: { status: 'ACTIVE' }, after: { status: 'PAUSED' } });
    for (const who of ['coordinator', 'menteeA']) {
      const refused = await app.gql(q, { after: null }, tokens[who]);
      expect(refused.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
    }
  });
});

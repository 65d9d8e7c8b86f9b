import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { DAY_MS, futureStart, mentoringProgramme, setCapacity, type ProgrammeCast } from '../support/mentorship.js';
import { ACCEPT, REQUEST_MENTOR, gqlData, sql, tokenFor, type UserErrorShape } from '../support/engagement.js';
import type { SeedResult } from '../../src/db/seed.js';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import { Role } from '../../src/modules/person/person.enums.js';
import { scoringCache } from '../../src/modules/matching/scoring-cache.js';
import { runReminders, type ReminderCounts } from '../../src/modules/engagement/reminders.service.js';
import { fanOutEvents } from '../../src/modules/engagement/dispatcher.service.js';
import { engagementHandlers } from '../../src/modules/engagement/engagement.jobs.js';
import { JobQueue, QUEUES } from '../../src/jobs/queue.js';

/**
 * Reminders and escalation: produced by idempotent jobs with an injected clock. A second run on
 * the same day creates nothing and emits nothing.
 */

let app: TestApp;
let acme: SeedResult;
let cast: ProgrammeCast;
let token: (personId: string, role?: Role) => Promise<string>;
let coordinator: string;
let programmeId: string;
let coordinators: string[];
let cadenceDays: number;
const T0 = futureStart(1);
const at = (days: number, hours = 1) => new Date(T0.getTime() + days * DAY_MS + hours * 3_600_000);

const NONE: ReminderCounts = { REQUEST_UNANSWERED: 0, REQUEST_ESCALATED: 0, CHECK_IN_OVERDUE: 0, PULSE_DUE: 0, PROPOSALS_AWAITING_APPROVAL: 0, ENDING_SOON: 0 };

async function remind(now: Date): Promise<ReminderCounts> {
  return runReminders(app.orm.em.fork(), now);
}

async function reminderEvents(): Promise<number> {
  return (await sql<{ n: number }>(app, `select count(*)::int as n from outbox_event where type = 'reminder.due'`))[0]!.n;
}
async function reminders(): Promise<number> {
  return (await sql<{ n: number }>(app, 'select count(*)::int as n from reminder'))[0]!.n;
}

const used = new Set<string>();
async function request(): Promise<{ mentee: string; mentor: string; requestId: string }> {
  for (const mentee of cast.mentees) {
    if (used.has(mentee)) continue;
    used.add(mentee);
    const s = await gqlData<{ suggestedMentors: { edges: { node: { id: string } }[] } }>(app, `query($p: ID!) { suggestedMentors(programmeId: $p, first: 1) { edges { node { id } } } }`, { p: programmeId }, await token(mentee));
    const mentor = s.suggestedMentors.edges[0]?.node.id;
    if (!mentor) continue;
    const res = await gqlData<{ requestMentor: { request: { id: string } | null; userErrors: UserErrorShape[] } }>(app, REQUEST_MENTOR, { input: { programmeId, mentorId: mentor } }, await token(mentee));
    if (res.requestMentor.request) return { mentee, mentor: fromGlobalId(mentor)!.id, requestId: fromGlobalId(res.requestMentor.request.id)!.id };
  }
  throw new Error('no mentee left');
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 400, seed: 13, slug: 'acme' });
  cast = await mentoringProgramme(app, acme);
  programmeId = toGlobalId('Programme', cast.programmeId);
  token = tokenFor(app, acme.organizationId);
  coordinator = await token(acme.demoUsers.coordinator, Role.COORDINATOR);
  coordinators = (await sql<{ id: string }>(app, `select id from person where organization_id = ? and role = 'COORDINATOR'`, [acme.organizationId])).map((r) => r.id);
  cadenceDays = (await sql<{ check_in_cadence_days: number }>(app, 'select check_in_cadence_days from programme where id = ?', [cast.programmeId]))[0]!.check_in_cadence_days;
  expect(coordinators.length).toBeGreaterThan(0);
  app.clock.now = T0;
  for (const m of cast.mentors) await setCapacity(app, cast.programmeId, m.personId, 6);
  scoringCache.invalidate(); // capacities changed behind the API's back
});
afterAll(async () => app?.close());

describe('request reminders and escalation', () => {
  let pending: { mentee: string; mentor: string; requestId: string };

  it('an unanswered request reminds its mentor after 3 days — once, however often the job runs that day or later', async () => {
    pending = await request();
    expect(await remind(at(2))).toEqual(NONE);
    const first = await remind(at(3));
    expect(first).toEqual({ ...NONE, REQUEST_UNANSWERED: 1 });
    expect(await remind(at(3, 5))).toEqual(NONE);
    expect(await remind(at(4))).toEqual(NONE);
    const [row] = await sql<{ kind: string; recipient_id: string; due_on: string }>(app, `select kind, recipient_id, due_on::text from reminder where subject_id = ?`, [pending.requestId]);
    expect(row).toEqual({ kind: 'REQUEST_UNANSWERED', recipient_id: pending.mentor, due_on: at(3, 0).toISOString().slice(0, 10) });
  });

  it('then escalates to every coordinator after 7 days, once each', async () => {
    expect(await remind(at(7))).toEqual({ ...NONE, REQUEST_ESCALATED: coordinators.length });
    expect(await remind(at(7, 3))).toEqual(NONE);
    const escalated = await sql<{ recipient_id: string }>(app, `select recipient_id from reminder where kind = 'REQUEST_ESCALATED' and subject_id = ?`, [pending.requestId]);
    expect(escalated.map((r) => r.recipient_id).sort()).toEqual([...coordinators].sort());
  });

  it('each reminder emits exactly one reminder.due event, and the recipient is notified', async () => {
    expect(await reminderEvents()).toBe(await reminders());
    await fanOutEvents(app.orm.em.fork(), app.clock.now);
    const mentorNotes = await gqlData<{ notifications: { nodes: { type: string; message: string; subjectId: string }[] } }>(app, `{ notifications(first: 10) { nodes { type message subjectId } } }`, {}, await token(pending.mentor));
    expect(mentorNotes.notifications.nodes).toContainEqual({ type: 'REMINDER_DUE', message: 'A mentee\'s request is waiting for your answer.', subjectId: toGlobalId('MentorRequest', pending.requestId) });
    const coordinatorNotes = await gqlData<{ notifications: { nodes: { type: string; message: string }[] } }>(app, `{ notifications(first: 10) { nodes { type message } } }`, {}, await token(coordinators[0]!, Role.COORDINATOR));
    expect(coordinatorNotes.notifications.nodes).toContainEqual({ type: 'REMINDER_DUE', message: 'A mentor request is still unanswered; it may need your help.' });
  });

  it('answered requests are never reminded about', async () => {
    const answered = await request();
    const accepted = await gqlData<{ acceptMentorRequest: { userErrors: UserErrorShape[] } }>(app, ACCEPT, { input: { requestId: toGlobalId('MentorRequest', answered.requestId) } }, await token(answered.mentor));
    expect(accepted.acceptMentorRequest.userErrors).toEqual([]);
    await remind(at(8));
    expect(await sql(app, 'select id from reminder where subject_id = ?', [answered.requestId])).toEqual([]);
  });
});

describe('relationship reminders', () => {
  let mentorshipId: string;
  let pair: { mentor: string; mentee: string };

  beforeAll(async () => {
    const r = await request();
    const accepted = await gqlData<{ acceptMentorRequest: { mentorship: { id: string }; userErrors: UserErrorShape[] } }>(app, ACCEPT, { input: { requestId: toGlobalId('MentorRequest', r.requestId) } }, await token(r.mentor));
    expect(accepted.acceptMentorRequest.userErrors).toEqual([]);
    mentorshipId = fromGlobalId(accepted.acceptMentorRequest.mentorship.id)!.id;
    pair = r;
  });

  async function remindersOf(kind: string): Promise<{ recipient_id: string; due_on: string }[]> {
    return sql(app, `select recipient_id, due_on::text from reminder where kind = ? and subject_id = ? order by recipient_id`, [kind, mentorshipId]);
  }

  it('a check-in overdue against the agreed cadence (plus grace) reminds both participants, once per missed due date', async () => {
    await remind(at(cadenceDays + 1));
    expect(await remindersOf('CHECK_IN_OVERDUE')).toEqual([]);
    await remind(at(cadenceDays + 2, 2));
    const created = await remindersOf('CHECK_IN_OVERDUE');
    expect(created.map((r) => r.recipient_id).sort()).toEqual([pair.mentor, pair.mentee].sort());
    await remind(at(cadenceDays + 2, 6));
    await remind(at(cadenceDays + 3));
    expect(await remindersOf('CHECK_IN_OVERDUE')).toEqual(created);
  });

  it('a due pulse survey reminds each participant, once', async () => {
    await remind(at(31));
    const due = await remindersOf('PULSE_DUE');
    expect(due.map((r) => r.recipient_id).sort()).toEqual([pair.mentor, pair.mentee].sort());
    await remind(at(31, 4));
    expect(await remindersOf('PULSE_DUE')).toEqual(due);
  });

  it('a relationship nearing its expected end asks both to plan a closing conversation, 30 days before', async () => {
    const [{ expected_end_at }] = (await sql<{ expected_end_at: Date }>(app, 'select expected_end_at from mentorship where id = ?', [mentorshipId])) as [{ expected_end_at: Date }];
    const end = new Date(expected_end_at).getTime();
    await remind(new Date(end - 31 * DAY_MS));
    expect(await remindersOf('ENDING_SOON')).toEqual([]);
    await remind(new Date(end - 29 * DAY_MS));
    await remind(new Date(end - 29 * DAY_MS + 3_600_000));
    const soon = await remindersOf('ENDING_SOON');
    expect(soon.map((r) => r.recipient_id).sort()).toEqual([pair.mentor, pair.mentee].sort());
    expect(soon[0]!.due_on).toBe(new Date(end - 30 * DAY_MS).toISOString().slice(0, 10));
  });
});

describe('proposals awaiting approval', () => {
  it('remind coordinators once per programme after 3 days', async () => {
    const run = await gqlData<{ runMatching: { run: { stats: { matched: number } }; userErrors: UserErrorShape[] } }>(
      app,
      `mutation($input: RunMatchingInput!) { runMatching(input: $input) { run { stats { matched } } userErrors { code } } }`,
      { input: { programmeId } },
      coordinator,
    );
    expect(run.runMatching.run.stats.matched).toBeGreaterThan(0);
    const count = async () => (await sql<{ n: number }>(app, `select count(*)::int as n from reminder where kind = 'PROPOSALS_AWAITING_APPROVAL' and subject_id = ?`, [cast.programmeId]))[0]!.n;
    await remind(at(2));
    expect(await count()).toBe(0);
    await remind(at(3, 2));
    await remind(at(3, 3));
    expect(await count()).toBe(coordinators.length);
    const [event] = await sql<{ payload: { count: number; kind: string } }>(app, `select payload from outbox_event where type = 'reminder.due' and aggregate_id = ? limit 1`, [cast.programmeId]);
    expect(event!.payload).toMatchObject({ kind: 'PROPOSALS_AWAITING_APPROVAL', count: run.runMatching.run.stats.matched });
  });
});

describe('the programme\'s engagement policy', () => {
  const SET = `mutation($input: SetEngagementPolicyInput!) { setEngagementPolicy(input: $input) { policy { remindMentorAfterDays escalateRequestAfterDays } userErrors { code field } } }`;

  it('has defaults, is changed by coordinators only, and is validated as a whole', async () => {
    const q = await gqlData<{ node: { engagementPolicy: Record<string, number> } }>(
      app,
      `query($id: ID!) { node(id: $id) { ... on Programme { engagementPolicy { remindMentorAfterDays escalateRequestAfterDays checkInGraceDays proposalReminderAfterDays endingSoonDays } } } }`,
      { id: programmeId },
      coordinator,
    );
    expect(q.node.engagementPolicy).toEqual({ remindMentorAfterDays: 3, escalateRequestAfterDays: 7, checkInGraceDays: 2, proposalReminderAfterDays: 3, endingSoonDays: 30 });
    const member = await gqlData<{ setEngagementPolicy: { userErrors: UserErrorShape[] } }>(app, SET, { input: { programmeId, remindMentorAfterDays: 1 } }, await token(cast.mentees[0]!));
    expect(member.setEngagementPolicy.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    const late = await gqlData<{ setEngagementPolicy: { userErrors: UserErrorShape[] } }>(app, SET, { input: { programmeId, escalateRequestAfterDays: 20 } }, coordinator);
    expect(late.setEngagementPolicy.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'escalateRequestAfterDays'] }]);
    const ok = await gqlData<{ setEngagementPolicy: { policy: Record<string, number>; userErrors: UserErrorShape[] } }>(app, SET, { input: { programmeId, remindMentorAfterDays: 1, escalateRequestAfterDays: 2 } }, coordinator);
    expect(ok.setEngagementPolicy).toEqual({ policy: { remindMentorAfterDays: 1, escalateRequestAfterDays: 2 }, userErrors: [] });
  });

  it('drives the jobs: with a 1-day reminder, a new request is reminded about the next day', async () => {
    app.clock.now = at(40, 0);
    const r = await request();
    app.clock.now = T0;
    const counts = await remind(at(41));
    expect(counts.REQUEST_UNANSWERED).toBe(1);
    expect(await sql(app, `select kind from reminder where subject_id = ? and kind = 'REQUEST_UNANSWERED'`, [r.requestId])).toHaveLength(1);
  });
});

describe('on the Postgres queue', () => {
  it('the reminders job, sent twice for the same day, creates each reminder once', async () => {
    const r = await request(); // created at T0 with the 1-day policy above
    const url = String(app.orm.config.get('clientUrl'));
    const jobs = await new JobQueue(url, { schema: 'pgboss_reminders_test' }).start();
    try {
      const now = at(1, 2);
      await jobs.startWorkers(app.orm, { [QUEUES.reminders]: engagementHandlers(app.orm, () => now)[QUEUES.reminders] });
      const before = await reminders();
      const waitForJobs = async () => {
        for (let i = 0; i < 100; i++) {
          const [{ n }] = (await sql<{ n: number }>(app, `select count(*)::int as n from pgboss_reminders_test.job where name = ? and state <> 'completed'`, [QUEUES.reminders])) as [{ n: number }];
          if (n === 0) return;
          await new Promise((res) => setTimeout(res, 200));
        }
        throw new Error('reminder job did not finish');
      };
      await jobs.send(QUEUES.reminders, {});
      await waitForJobs();
      const afterFirst = await reminders();
      expect(afterFirst).toBeGreaterThan(before);
      expect(await sql(app, `select id from reminder where subject_id = ? and kind = 'REQUEST_UNANSWERED'`, [r.requestId])).toHaveLength(1);
      await jobs.send(QUEUES.reminders, {});
      await waitForJobs();
      expect(await reminders()).toBe(afterFirst);
      expect(await reminderEvents()).toBe(afterFirst);
    } finally {
      await jobs.stop();
    }
  });
});

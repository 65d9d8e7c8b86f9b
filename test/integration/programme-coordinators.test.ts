import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { futureStart, mentoringProgramme, setCapacity, start, type ProgrammeCast } from '../support/mentorship.js';
import { REQUEST_MENTOR, gqlData, sql, tokenFor, type UserErrorShape } from '../support/engagement.js';
import type { SeedResult } from '../../src/db/seed.js';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import { Role } from '../../src/modules/person/person.enums.js';
import { scoringCache } from '../../src/modules/matching/scoring-cache.js';
import { DomainEventType } from '../../src/modules/engagement/engagement.enums.js';
import { emitEvent } from '../../src/modules/engagement/outbox.service.js';
import { fanOutEvents } from '../../src/modules/engagement/dispatcher.service.js';
import { runReminders } from '../../src/modules/engagement/reminders.service.js';

/**
 * Programme coordinators: assigned per programme, they alone receive its alerts; a programme with
 * none falls back to every coordinator of the organisation.
 */

let app: TestApp;
let acme: SeedResult;
let other: SeedResult;
let cast: ProgrammeCast;
let token: (personId: string, role?: Role) => Promise<string>;
let coordinator: string;
let programmeId: string;
let orgCoordinators: string[];
let assignee: string;
const T0 = futureStart(1);
const DAY = 86_400_000;

const ADD = `mutation($input: ProgrammeCoordinatorInput!) { addProgrammeCoordinator(input: $input) { programme { id coordinators { id name } } userErrors { code field message } } }`;
const REMOVE = `mutation($input: ProgrammeCoordinatorInput!) { removeProgrammeCoordinator(input: $input) { programme { id coordinators { id } } userErrors { code field message } } }`;
type Payload = { programme: { id: string; coordinators: { id: string; name?: string }[] } | null; userErrors: UserErrorShape[] };

async function add(personId: string, as = coordinator, programme = programmeId): Promise<Payload> {
  return (await gqlData<{ addProgrammeCoordinator: Payload }>(app, ADD, { input: { programmeId: programme, personId: toGlobalId('Person', personId) } }, as)).addProgrammeCoordinator;
}
async function remove(personId: string): Promise<Payload> {
  return (await gqlData<{ removeProgrammeCoordinator: Payload }>(app, REMOVE, { input: { programmeId, personId: toGlobalId('Person', personId) } }, coordinator)).removeProgrammeCoordinator;
}

async function alertRecipients(mentorshipId: string, at: Date): Promise<string[]> {
  const em = app.orm.em.fork();
  const event = emitEvent(em, { organizationId: acme.organizationId, type: DomainEventType.HEALTH_STATUS_CHANGED, aggregateType: 'Mentorship', aggregateId: mentorshipId, actorId: null, payload: { status: 'AT_RISK', previous: 'HEALTHY' }, at });
  await em.flush();
  await fanOutEvents(app.orm.em.fork(), at);
  return (await sql<{ recipient_id: string }>(app, 'select recipient_id from notification where event_id = ? order by recipient_id', [event.id])).map((r) => r.recipient_id);
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 300, seed: 17, slug: 'acme' });
  other = await app.seed({ people: 60, seed: 18, slug: 'other' });
  cast = await mentoringProgramme(app, acme);
  programmeId = toGlobalId('Programme', cast.programmeId);
  token = tokenFor(app, acme.organizationId);
  coordinator = await token(acme.demoUsers.coordinator, Role.COORDINATOR);
  // A second coordinator, so "only the assigned one" means something.
  const [promoted] = await sql<{ id: string }>(app, `select id from person where organization_id = ? and role = 'MEMBER' and id <> all(?::uuid[]) order by id limit 1`, [
    acme.organizationId,
    [...cast.mentees, ...cast.mentors.map((m) => m.personId)],
  ]);
  assignee = promoted!.id;
  await sql(app, `update person set role = 'COORDINATOR' where id = ?`, [assignee]);
  orgCoordinators = (await sql<{ id: string }>(app, `select id from person where organization_id = ? and role = 'COORDINATOR' order by id`, [acme.organizationId])).map((r) => r.id);
  expect(orgCoordinators.length).toBeGreaterThanOrEqual(2);
  app.clock.now = T0;
  for (const m of cast.mentors) await setCapacity(app, cast.programmeId, m.personId, 6);
  scoringCache.invalidate();
});
afterAll(async () => app?.close());

describe('assigning coordinators', () => {
  it('a coordinator assigns another coordinator; the programme lists its coordinators', async () => {
    const res = await add(assignee);
    expect(res.userErrors).toEqual([]);
    expect(res.programme!.coordinators.map((c) => c.id)).toEqual([toGlobalId('Person', assignee)]);
    const audit = await sql<{ action: string; after: { personId: string } }>(app, `select action, "after" from audit_event where subject_id = ? and action like 'programme.coordinator%'`, [cast.programmeId]);
    expect(audit).toEqual([{ action: 'programme.coordinator_added', after: expect.objectContaining({ personId: assignee }) }]);
  });

  it('refuses members as coordinators, duplicates, members assigning, unknown and cross-tenant IDs — as userErrors', async () => {
    expect((await add(cast.mentees[0]!)).userErrors.map((e) => e.code)).toEqual(['INVALID_INPUT']);
    expect((await add(assignee)).userErrors.map((e) => e.code)).toEqual(['ALREADY_EXISTS']);
    expect((await add(assignee, await token(cast.mentees[0]!))).userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    expect((await add(other.demoUsers.coordinator)).userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    const otherProgramme = (await sql<{ id: string }>(app, 'select id from programme where organization_id = ? limit 1', [other.organizationId]))[0]!.id;
    expect((await add(assignee, coordinator, toGlobalId('Programme', otherProgramme))).userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    const count = await sql<{ n: number }>(app, 'select count(*)::int as n from programme_coordinator');
    expect(count[0]!.n).toBe(1);
  });
});

describe('alerts follow the assignment', () => {
  let mentorshipId: string;

  it('a relationship turning at risk alerts the programme\'s assigned coordinator only', async () => {
    const m = await start(app, { organizationId: acme.organizationId, programmeId: cast.programmeId, mentorId: cast.mentors[0]!.personId, menteeId: cast.mentees[0]!, now: T0 });
    mentorshipId = m.id;
    await fanOutEvents(app.orm.em.fork(), T0); // the start's own events
    expect(await alertRecipients(mentorshipId, new Date(T0.getTime() + DAY))).toEqual([assignee]);
  });

  it('an unanswered request escalates to the assigned coordinator only', async () => {
    const mentee = cast.mentees[1]!;
    const s = await gqlData<{ suggestedMentors: { edges: { node: { id: string } }[] } }>(app, `query($p: ID!) { suggestedMentors(programmeId: $p, first: 1) { edges { node { id } } } }`, { p: programmeId }, await token(mentee));
    const asked = await gqlData<{ requestMentor: { request: { id: string } | null; userErrors: UserErrorShape[] } }>(app, REQUEST_MENTOR, { input: { programmeId, mentorId: s.suggestedMentors.edges[0]!.node.id } }, await token(mentee));
    expect(asked.requestMentor.userErrors).toEqual([]);
    await runReminders(app.orm.em.fork(), new Date(T0.getTime() + 8 * DAY));
    const escalated = await sql<{ recipient_id: string }>(app, `select recipient_id from reminder where kind = 'REQUEST_ESCALATED' and subject_id = ?`, [fromGlobalId(asked.requestMentor.request!.id)!.id]);
    expect(escalated.map((r) => r.recipient_id)).toEqual([assignee]);
  });

  it('unassigned again, the programme alerts every coordinator of the organisation', async () => {
    const res = await remove(assignee);
    expect(res).toEqual({ programme: { id: programmeId, coordinators: [] }, userErrors: [] });
    expect((await remove(assignee)).userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    expect(await alertRecipients(mentorshipId, new Date(T0.getTime() + 2 * DAY))).toEqual(orgCoordinators);
  });
});

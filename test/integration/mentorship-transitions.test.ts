import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { daysAfter, futureStart, mentoringProgramme, start, type ProgrammeCast } from '../support/mentorship.js';
import type { SeedResult } from '../../src/db/seed.js';
import { Role } from '../../src/modules/person/person.enums.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { runMutation } from '../../src/graphql/errors.js';
import { Mentorship } from '../../src/modules/mentorship/mentorship.entity.js';
import { MentorshipStatus } from '../../src/modules/mentorship/mentorship.enums.js';

/** The lifecycle's rules: which transitions are legal, stale writes, and input validation. */

let app: TestApp;
let acme: SeedResult;
let cast: ProgrammeCast;
let next = 0;
const T0 = futureStart(1);

interface Pair {
  id: string;
  uuid: string;
  mentor: string;
  mentee: string;
  mentorId: string;
  menteeId: string;
}

/** A fresh ACTIVE mentorship with tokens for both sides. */
async function pair(): Promise<Pair> {
  const i = next++;
  const mentorId = cast.mentors[i]!.personId;
  const menteeId = cast.mentees[i]!;
  const m = await start(app, { organizationId: acme.organizationId, programmeId: cast.programmeId, mentorId, menteeId, now: T0, allowOverCapacity: true });
  return {
    id: toGlobalId('Mentorship', m.id),
    uuid: m.id,
    mentorId,
    menteeId,
    mentor: await app.token(mentorId, acme.organizationId, Role.MEMBER),
    mentee: await app.token(menteeId, acme.organizationId, Role.MEMBER),
  };
}

type Result = { status: string | null; version: number | null; codes: string[]; fields: (string[] | null)[] };

async function mutate(name: string, inputType: string, input: Record<string, unknown>, token: string): Promise<Result> {
  const res = await app.gql<Record<string, { mentorship?: { status: string; version: number } | null; userErrors: { code: string; field: string[] | null }[] }>>(
    `mutation($i: ${inputType}!) { ${name}(input: $i) { mentorship { status version } userErrors { code field } } }`,
    { i: input },
    token,
  );
  expect(res.errors, res.raw).toBeUndefined();
  const payload = res.data![name]!;
  return { status: payload.mentorship?.status ?? null, version: payload.mentorship?.version ?? null, codes: payload.userErrors.map((e) => e.code), fields: payload.userErrors.map((e) => e.field) };
}

const pause = (p: Pair, token: string, expectedVersion?: number) => mutate('pauseMentorship', 'MentorshipTransitionInput', { mentorshipId: p.id, expectedVersion }, token);
const resume = (p: Pair, token: string, expectedVersion?: number) => mutate('resumeMentorship', 'MentorshipTransitionInput', { mentorshipId: p.id, expectedVersion }, token);
const complete = (p: Pair, token: string, extra: Record<string, unknown> = {}) => mutate('completeMentorship', 'CompleteMentorshipInput', { mentorshipId: p.id, ...extra }, token);
const endEarly = (p: Pair, token: string, extra: Record<string, unknown> = {}) => mutate('endMentorshipEarly', 'EndMentorshipEarlyInput', { mentorshipId: p.id, reason: 'POOR_FIT', ...extra }, token);

async function logCheckIn(p: Pair, token: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const res = await app.gql<{ logCheckIn: { userErrors: { code: string }[] } }>(
    `mutation($i: LogCheckInInput!) { logCheckIn(input: $i) { checkIn { id } userErrors { code } } }`,
    { i: { mentorshipId: p.id, durationMinutes: 30, format: 'REMOTE', ...extra } },
    token,
  );
  expect(res.errors, res.raw).toBeUndefined();
  return res.data!.logCheckIn.userErrors.map((e) => e.code);
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 300, seed: 13, slug: 'acme' });
  cast = await mentoringProgramme(app, acme);
  app.clock.now = daysAfter(T0, 10);
});
afterAll(async () => app?.close());

describe('legal and illegal transitions', () => {
  it('ACTIVE → PAUSED → ACTIVE → COMPLETED, each step bumping the version', async () => {
    const p = await pair();
    expect(await pause(p, p.mentor, 1)).toMatchObject({ status: 'PAUSED', version: 2, codes: [] });
    expect(await resume(p, p.mentee, 2)).toMatchObject({ status: 'ACTIVE', version: 3, codes: [] });
    expect(await complete(p, p.mentor)).toMatchObject({ status: 'COMPLETED', version: 4, codes: [] });
  });

  it('refuses what the current state does not allow, with ILLEGAL_TRANSITION and no change', async () => {
    const p = await pair();
    expect((await resume(p, p.mentor)).codes).toEqual(['ILLEGAL_TRANSITION']);
    expect((await submitReflection(p, p.mentee)).codes).toEqual(['ILLEGAL_TRANSITION']);
    await pause(p, p.mentor);
    expect((await pause(p, p.mentor)).codes).toEqual(['ILLEGAL_TRANSITION']);
    expect(await logCheckIn(p, p.mentee)).toEqual(['ILLEGAL_TRANSITION']);
    expect((await endEarly(p, p.mentee)).status).toBe('ENDED_EARLY');
    for (const attempt of [pause(p, p.mentor), resume(p, p.mentor), complete(p, p.mentor), endEarly(p, p.mentor)]) expect((await attempt).codes).toEqual(['ILLEGAL_TRANSITION']);
    expect(await logCheckIn(p, p.mentor)).toEqual(['ILLEGAL_TRANSITION']);
    const row = await app.orm.em.fork().findOneOrFail(Mentorship, { id: p.uuid });
    expect(row.status).toBe(MentorshipStatus.ENDED_EARLY);
    expect(row.endReason).toBe('POOR_FIT');
    expect(row.menteeReflection).toBeNull();
  });

  it('does not sign the same terms twice, and needs the other side again when the terms change', async () => {
    const p = await pair();
    const terms = { mentorshipId: p.id, goalIds: [], cadenceDays: 14, format: 'REMOTE', confidentialityAcknowledged: true };
    const sign = (token: string, input: Record<string, unknown>) =>
      app.gql<{ signAgreement: { mentorship: { agreement: { fullySigned: boolean; signedByMentorAt: string | null; signedByMenteeAt: string | null; cadenceDays: number } } | null; userErrors: { code: string }[] } }>(
        `mutation($i: SignAgreementInput!) { signAgreement(input: $i) { mentorship { agreement { fullySigned signedByMentorAt signedByMenteeAt cadenceDays } } userErrors { code } } }`,
        { i: input },
        token,
      );
    expect((await sign(p.mentee, terms)).data!.signAgreement.mentorship!.agreement.signedByMenteeAt).not.toBeNull();
    expect((await sign(p.mentee, terms)).data!.signAgreement.userErrors.map((e) => e.code)).toEqual(['ILLEGAL_TRANSITION']);
    const changed = await sign(p.mentor, { ...terms, cadenceDays: 21 });
    expect(changed.data!.signAgreement.mentorship!.agreement).toMatchObject({ cadenceDays: 21, fullySigned: false, signedByMenteeAt: null });
    expect(changed.data!.signAgreement.mentorship!.agreement.signedByMentorAt).not.toBeNull();
    const agreed = await sign(p.mentee, { ...terms, cadenceDays: 21 });
    expect(agreed.data!.signAgreement.mentorship!.agreement.fullySigned).toBe(true);
  });

  it('lets a coordinator end a relationship, with a reason code the outcomes count', async () => {
    const p = await pair();
    const coordinator = await app.token(acme.demoUsers.coordinator, acme.organizationId, Role.COORDINATOR);
    expect(await endEarly(p, coordinator, { reason: 'LEFT_ORGANISATION', note: 'Left the company' })).toMatchObject({ status: 'ENDED_EARLY', codes: [] });
  });
});

async function submitReflection(p: Pair, token: string): Promise<Result> {
  return mutate('submitClosingReflection', 'SubmitClosingReflectionInput', { mentorshipId: p.id, reflection: 'Thoughts' }, token);
}

describe('concurrent edits', () => {
  it('a stale expectedVersion is refused with CONFLICT and changes nothing', async () => {
    const p = await pair();
    expect((await pause(p, p.mentor, 1)).codes).toEqual([]);
    const stale = await resume(p, p.mentee, 1);
    expect(stale.codes).toEqual(['CONFLICT']);
    expect(stale.fields).toEqual([['input', 'expectedVersion']]);
    expect((await app.orm.em.fork().findOneOrFail(Mentorship, { id: p.uuid })).status).toBe(MentorshipStatus.PAUSED);
  });

  it('a write based on a row someone else changed meanwhile fails the version check and maps to CONFLICT', async () => {
    const p = await pair();
    const [a, b] = [app.orm.em.fork(), app.orm.em.fork()];
    const mine = await a.findOneOrFail(Mentorship, { id: p.uuid });
    const theirs = await b.findOneOrFail(Mentorship, { id: p.uuid });
    theirs.status = MentorshipStatus.PAUSED;
    await b.flush();
    mine.status = MentorshipStatus.COMPLETED;
    const result = await runMutation(async () => {
      await a.flush();
      return { userErrors: [] };
    });
    expect(result).toEqual({ userErrors: [expect.objectContaining({ code: 'CONFLICT' })] });
    expect((await app.orm.em.fork().findOneOrFail(Mentorship, { id: p.uuid })).status).toBe(MentorshipStatus.PAUSED);
  });

  it('two people changing the same mentorship at once: one wins, the other is told', async () => {
    const p = await pair();
    const [x, y] = await Promise.all([complete(p, p.mentor), endEarly(p, p.mentee)]);
    const winners = [x, y].filter((r) => r.codes.length === 0);
    expect(winners).toHaveLength(1);
    const loser = [x, y].find((r) => r.codes.length > 0)!;
    expect(['CONFLICT', 'ILLEGAL_TRANSITION']).toContain(loser.codes[0]);
    const row = await app.orm.em.fork().findOneOrFail(Mentorship, { id: p.uuid });
    expect(row.status).toBe(winners[0]!.status);
    const events = await app.orm.em.getKnex()('audit_event').where({ subject_id: p.uuid }).whereIn('action', ['mentorship.completed', 'mentorship.ended_early']).count<{ count: string }[]>('* as count');
    expect(Number(events[0]!.count)).toBe(1);
  });
});

describe('validation', () => {
  it('checks the agreement: confidentiality, cadence and the mentee\'s own goals', async () => {
    const p = await pair();
    const someoneElsesGoal: string = (await app.orm.em.getKnex()('development_goal').where({ organization_id: acme.organizationId }).whereNot({ person_id: p.menteeId }).first('id')).id;
    const res = await app.gql<{ signAgreement: { userErrors: { code: string; field: string[] }[] } }>(
      `mutation($i: SignAgreementInput!) { signAgreement(input: $i) { userErrors { code field } } }`,
      { i: { mentorshipId: p.id, goalIds: [toGlobalId('DevelopmentGoal', someoneElsesGoal)], cadenceDays: 0, format: 'REMOTE', confidentialityAcknowledged: false } },
      p.mentee,
    );
    const errors = res.data!.signAgreement.userErrors.map((e) => `${e.code}:${e.field.join('.')}`);
    expect(errors).toEqual(expect.arrayContaining(['INVALID_INPUT:input.confidentialityAcknowledged', 'INVALID_INPUT:input.cadenceDays']));
    expect(errors).toContain('NOT_FOUND:input.goalIds');
  });

  it('checks check-ins: not in the future, not before the start, sensible length and topics', async () => {
    const p = await pair();
    expect(await logCheckIn(p, p.mentee, { heldAt: daysAfter(app.clock.now, 1).toISOString() })).toEqual(['INVALID_INPUT']);
    expect(await logCheckIn(p, p.mentee, { heldAt: daysAfter(T0, -1).toISOString() })).toEqual(['INVALID_INPUT']);
    expect(await logCheckIn(p, p.mentee, { durationMinutes: 0 })).toEqual(['INVALID_INPUT']);
    expect(await logCheckIn(p, p.mentee, { topics: Array(11).fill('x') })).toEqual(['INVALID_INPUT']);
    expect(await logCheckIn(p, p.mentee, { heldAt: daysAfter(T0, 2).toISOString(), topics: ['Negotiation'] })).toEqual([]);
  });

  it('checks pulses: rating 1–5, one a day, participants only', async () => {
    const p = await pair();
    const pulse = (token: string, rating: number) =>
      app.gql<{ submitPulse: { userErrors: { code: string }[] } }>(`mutation($i: SubmitPulseInput!) { submitPulse(input: $i) { userErrors { code } } }`, { i: { mentorshipId: p.id, rating } }, token);
    expect((await pulse(p.mentee, 6)).data!.submitPulse.userErrors.map((e) => e.code)).toEqual(['INVALID_INPUT']);
    expect((await pulse(p.mentee, 4)).data!.submitPulse.userErrors).toEqual([]);
    expect((await pulse(p.mentee, 3)).data!.submitPulse.userErrors.map((e) => e.code)).toEqual(['LIMIT_REACHED']);
    expect((await pulse(p.mentor, 3)).data!.submitPulse.userErrors).toEqual([]);
  });

  it('rejects a malformed mentorship ID as input, not as a crash', async () => {
    const p = await pair();
    const res = await mutate('pauseMentorship', 'MentorshipTransitionInput', { mentorshipId: toGlobalId('Programme', cast.programmeId) }, p.mentor);
    expect(res.codes).toEqual(['INVALID_INPUT']);
  });
});

describe('skill assessments', () => {
  const assess = (token: string, input: Record<string, unknown>) =>
    app.gql<{ recordSkillAssessment: { assessment: { level: number } | null; userErrors: { code: string }[] } }>(
      `mutation($i: RecordSkillAssessmentInput!) { recordSkillAssessment(input: $i) { assessment { level } userErrors { code } } }`,
      { i: input },
      token,
    );

  it('come from the person, someone in their chain of command, or their mentor — nobody else', async () => {
    const p = await pair();
    const skillId = toGlobalId('Skill', [...acme.skillIds.values()][0]!);
    const mentee = toGlobalId('Person', p.menteeId);
    const manager: { manager_id: string } = await app.orm.em.getKnex()('person').where({ id: p.menteeId }).first('manager_id');
    const managerToken = await app.token(manager.manager_id, acme.organizationId, Role.MEMBER);
    expect((await assess(p.mentee, { skillId, level: 2, source: 'SELF' })).data!.recordSkillAssessment.assessment).toEqual({ level: 2 });
    expect((await assess(p.mentor, { personId: mentee, skillId, level: 3, source: 'MENTOR' })).data!.recordSkillAssessment.userErrors).toEqual([]);
    expect((await assess(managerToken, { personId: mentee, skillId, level: 3, source: 'MANAGER' })).data!.recordSkillAssessment.userErrors).toEqual([]);
    const stranger = (await pair()).mentor;
    for (const [token, source] of [
      [stranger, 'MENTOR'],
      [stranger, 'MANAGER'],
      [p.mentor, 'SELF'],
      [p.mentor, 'MANAGER'],
    ] as const) {
      expect((await assess(token, { personId: mentee, skillId, level: 3, source })).data!.recordSkillAssessment.userErrors.map((e) => e.code), `${source}`).toEqual(['FORBIDDEN']);
    }
    expect((await assess(p.mentee, { skillId, level: 6, source: 'SELF' })).data!.recordSkillAssessment.userErrors.map((e) => e.code)).toEqual(['INVALID_INPUT']);
  });
});

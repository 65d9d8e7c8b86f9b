import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { futureStart, mentoringProgramme, setCapacity, start, type ProgrammeCast } from '../support/mentorship.js';
import type { SeedResult } from '../../src/db/seed.js';
import { DomainError } from '../../src/graphql/errors.js';
import { Programme } from '../../src/modules/programme/programme.entity.js';
import { startMentorship } from '../../src/modules/mentorship/mentorship.service.js';

/**
 * Approvals race: many coordinators (or a coordinator and a mentee request) at once. The database
 * has the last word: the mentor's enrolment row lock serialises capacity, the partial unique
 * index allows one live mentorship per mentee and programme.
 */

let app: TestApp;
let acme: SeedResult;
let cast: ProgrammeCast;
const T0 = futureStart(1);

beforeAll(async () => {
  app = await startTestApp();
  acme = await app.seed({ people: 400, seed: 3, slug: 'acme' });
  cast = await mentoringProgramme(app, acme);
});
afterAll(async () => app?.close());

type Outcome = { ok: true; id: string } | { ok: false; code: string };

async function attempt(mentorId: string, menteeId: string): Promise<Outcome> {
  try {
    const m = await start(app, { organizationId: acme.organizationId, programmeId: cast.programmeId, mentorId, menteeId, now: T0 });
    return { ok: true, id: m.id };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, code: err.code };
    throw err;
  }
}

async function liveCount(where: Record<string, string>): Promise<number> {
  const row = await app.orm.em.getKnex()('mentorship').where({ programme_id: cast.programmeId, ...where }).whereIn('status', ['ACTIVE', 'PAUSED']).count<{ count: string }[]>('* as count');
  return Number(row[0]!.count);
}

describe('capacity under concurrent approvals', () => {
  it('10 parallel approvals for the last slot of a mentor: exactly one wins, the rest get NO_CAPACITY', async () => {
    const mentor = cast.mentors[0]!.personId;
    await setCapacity(app, cast.programmeId, mentor, 3);
    const [a, b, ...rest] = cast.mentees.slice(0, 12);
    expect((await attempt(mentor, a!)).ok).toBe(true);
    expect((await attempt(mentor, b!)).ok).toBe(true);
    const outcomes = await Promise.all(rest.map((mentee) => attempt(mentor, mentee)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).map((o) => (o as { code: string }).code)).toEqual(Array(9).fill('NO_CAPACITY'));
    expect(await liveCount({ mentor_id: mentor })).toBe(3);
  });

  it('10 parallel approvals for a mentor with room for 4: exactly 4 win', async () => {
    const mentor = cast.mentors[1]!.personId;
    await setCapacity(app, cast.programmeId, mentor, 4);
    const outcomes = await Promise.all(cast.mentees.slice(20, 30).map((mentee) => attempt(mentor, mentee)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(4);
    expect(await liveCount({ mentor_id: mentor })).toBe(4);
  });

  it('a coordinator override goes over capacity, and the audit says so', async () => {
    const mentor = cast.mentors[1]!.personId;
    const mentee = cast.mentees[31]!;
    expect(await attempt(mentor, mentee)).toEqual({ ok: false, code: 'NO_CAPACITY' });
    const m = await start(app, { organizationId: acme.organizationId, programmeId: cast.programmeId, mentorId: mentor, menteeId: mentee, now: T0, allowOverCapacity: true, actorId: acme.demoUsers.coordinator });
    const audit: { after: { overCapacity: boolean }; actor_id: string } = await app.orm.em.getKnex()('audit_event').where({ subject_id: m.id, action: 'mentorship.started' }).first('after', 'actor_id');
    expect(audit).toEqual({ after: expect.objectContaining({ overCapacity: true }), actor_id: acme.demoUsers.coordinator });
    expect(await liveCount({ mentor_id: mentor })).toBe(5);
  });
});

describe('one live mentorship per mentee', () => {
  it('2 parallel approvals of the same mentee with different mentors: exactly one wins, the other is ALREADY_MATCHED', async () => {
    const mentee = cast.mentees[40]!;
    const [m1, m2] = [cast.mentors[5]!.personId, cast.mentors[6]!.personId];
    await setCapacity(app, cast.programmeId, m1, 5);
    await setCapacity(app, cast.programmeId, m2, 5);
    const outcomes = await Promise.all([attempt(m1, mentee), attempt(m2, mentee)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toEqual({ ok: false, code: 'ALREADY_MATCHED' });
    expect(await liveCount({ mentee_id: mentee })).toBe(1);
  });

  it('the unique index has the last word when the other approval has not committed yet, and the loser\'s transaction stays usable', async () => {
    const mentee = cast.mentees[41]!;
    const [m1, m2] = [cast.mentors[5]!.personId, cast.mentors[6]!.personId];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const firstInserted = new Promise<void>((resolve) => (inserted = resolve));
    // The first approval inserts, then holds its transaction open.
    const first = app.orm.em.fork().transactional(async (em) => {
      const programme = await em.findOneOrFail(Programme, { id: cast.programmeId });
      const m = await startMentorship(em, { organizationId: acme.organizationId, programme, mentorId: m1, menteeId: mentee, now: T0, allowOverCapacity: false, actorId: null });
      inserted();
      await held;
      return m;
    });
    await firstInserted;
    // The second cannot see the uncommitted row, so its own check passes; its insert waits on the index.
    const second = app.orm.em.fork().transactional(async (em) => {
      const programme = await em.findOneOrFail(Programme, { id: cast.programmeId });
      try {
        await startMentorship(em, { organizationId: acme.organizationId, programme, mentorId: m2, menteeId: mentee, now: T0, allowOverCapacity: false, actorId: null });
        return 'started';
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        // A caller may carry on in the same transaction after a refusal.
        const stillUsable = await em.getConnection().execute<{ one: number }>('select 1 as one', [], 'get', em.getTransactionContext());
        return `${err.code}:${stillUsable.one}`;
      }
    });
    const raced = await Promise.race([second.then(() => 'finished'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 300))]);
    expect(raced).toBe('waiting');
    release();
    await first;
    expect(await second).toBe('ALREADY_MATCHED:1');
    expect(await liveCount({ mentee_id: mentee })).toBe(1);
  });

  it('refuses the plain cases with their codes', async () => {
    const mentor = cast.mentors[7]!.personId;
    await setCapacity(app, cast.programmeId, mentor, 5);
    const mentee = cast.mentees[50]!;
    expect(await attempt(mentor, mentee)).toMatchObject({ ok: true });
    expect(await attempt(mentor, mentee)).toEqual({ ok: false, code: 'ALREADY_MATCHED' });
    expect(await attempt(mentor, mentor)).toEqual({ ok: false, code: 'SAME_PERSON' });
    expect(await attempt(cast.mentees[51]!, cast.mentees[52]!)).toEqual({ ok: false, code: 'NOT_ENROLLED' });
    expect(await attempt(mentor, cast.mentors[8]!.personId)).toEqual({ ok: false, code: 'NOT_ENROLLED' });
    const programme = await app.orm.em.fork().findOneOrFail(Programme, { id: cast.programmeId });
    await expect(
      startMentorship(app.orm.em.fork(), { organizationId: acme.organizationId, programme, mentorId: mentor, menteeId: cast.mentees[53]!, now: T0, allowOverCapacity: false, actorId: null }),
    ).rejects.toThrow(/inside a transaction/);
  });
});

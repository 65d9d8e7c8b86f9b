import { describe, expect, it } from 'vitest';
import {
  BLOCK_CODES,
  blockMask,
  blockMessage,
  blockingReasons,
  buildScoringContext,
  codesFromMask,
  defaultPolicy,
  isBlocked,
  scorePair,
  type MatchingPolicy,
  type PersonInput,
} from '../../../src/matching/index.js';

//   0 CEO [10] ─ 1 VP [8] ─ 2 director [6] ─ 3 manager [5] ─ 4 engineer [3]
//              └ 5 VP [8] ─ 6 director [6] ─ 7 engineer [3]
const LEVELS = [10, 8, 6, 5, 3, 8, 6, 3];
const MANAGERS = [-1, 0, 1, 2, 3, 0, 5, 6];

function company(patch: Record<number, Partial<PersonInput>> = {}): PersonInput[] {
  return LEVELS.map((level, i) => ({
    level,
    yearsExperience: 3 * level,
    division: i === 0 ? -1 : i < 5 ? 0 : 1,
    department: -1,
    location: 0,
    utcOffsetMinutes: 0,
    languages: [0],
    format: 'REMOTE',
    manager: MANAGERS[i]!,
    ...patch[i],
  }));
}

function context(opts: { policy?: MatchingPolicy; patch?: Record<number, Partial<PersonInput>>; capacity?: number; excluded?: { mentor: number; mentee: number }[] } = {}) {
  const everyone = LEVELS.map((_, i) => i);
  return buildScoringContext({
    people: company(opts.patch),
    skillParent: [],
    proficiencies: [],
    goals: [],
    policy: opts.policy ?? { ...defaultPolicy('MENTORING'), minLevelGap: 2 },
    enrolment: { mentors: everyone.map((person) => ({ person, capacityLeft: opts.capacity ?? 1 })), mentees: everyone },
    excluded: opts.excluded ?? [],
  });
}

const codes = (ctx: ReturnType<typeof context>, mentor: number, mentee: number) => blockingReasons(ctx, mentor, mentee).map((b) => b.code);

describe('hard rules', () => {
  it('have stable codes, in a stable order', () => {
    expect(BLOCK_CODES).toEqual(['SAME_PERSON', 'NOT_ENROLLED', 'NO_CAPACITY', 'CHAIN_OF_COMMAND', 'NOT_SENIOR_ENOUGH', 'NO_COMMON_LANGUAGE', 'EXCLUDED']);
  });

  it('allow a senior enough mentor from elsewhere in the organisation', () => {
    const ctx = context();
    expect(codes(ctx, 6, 4)).toEqual([]);
    expect(isBlocked(ctx, 6, 4)).toBe(false);
  });

  it('never pair someone with themselves, and say only that', () => {
    expect(codes(context(), 4, 4)).toEqual(['SAME_PERSON']);
  });

  it('block the chain of command at any depth, in either direction', () => {
    const ctx = context({ policy: { ...defaultPolicy('MENTORING'), minLevelGap: 0 } });
    expect(codes(ctx, 3, 4)).toEqual(['CHAIN_OF_COMMAND']); // direct manager
    expect(codes(ctx, 2, 4)).toEqual(['CHAIN_OF_COMMAND']); // manager's manager
    expect(codes(ctx, 0, 4)).toEqual(['CHAIN_OF_COMMAND']); // the CEO
    const reverse = context({ policy: defaultPolicy('REVERSE') });
    expect(codes(reverse, 4, 2)).toEqual(['CHAIN_OF_COMMAND']); // mentoring one's own skip-level manager
  });

  it('let coaching programmes that allow it coach inside the chain', () => {
    const ctx = context({ policy: { ...defaultPolicy('COACHING'), allowChainOfCommand: true } });
    expect(codes(ctx, 2, 4)).toEqual([]);
    expect(scorePair(ctx, 2, 4)).toBeGreaterThan(0);
  });

  it('require the programme’s level gap, in the programme’s direction', () => {
    const mentoring = context();
    expect(codes(mentoring, 6, 3)).toEqual(['NOT_SENIOR_ENOUGH']); // level 6 over level 5: one level short
    expect(codes(mentoring, 6, 4)).toEqual([]);
    const strict = context({ policy: { ...defaultPolicy('MENTORING'), minLevelGap: 4, idealLevelGap: 4 } });
    expect(codes(strict, 6, 4)).toEqual(['NOT_SENIOR_ENOUGH']);
    expect(blockingReasons(strict, 6, 4)[0]!.message).toBe('The mentor must be at least 4 levels above the mentee in this programme.');

    const reverse = context({ policy: defaultPolicy('REVERSE') });
    expect(codes(reverse, 4, 6)).toEqual([]); // a level-3 engineer mentoring a level-6 director
    expect(codes(reverse, 6, 4)).toEqual(['NOT_SENIOR_ENOUGH']);

    const peer = context({ policy: defaultPolicy('PEER') });
    expect(codes(peer, 1, 5)).toEqual([]);
    expect(codes(peer, 2, 5)).toEqual(['NOT_SENIOR_ENOUGH']);
    expect(blockingReasons(peer, 2, 5)[0]!.message).toBe('Peers in this programme must be within 1 level of each other.');
  });

  it('need room with the mentor and both people enrolled', () => {
    expect(codes(context({ capacity: 0 }), 6, 4)).toEqual(['NO_CAPACITY']);
    const partial = buildScoringContext({
      people: company(),
      skillParent: [],
      proficiencies: [],
      goals: [],
      policy: defaultPolicy('MENTORING'),
      enrolment: { mentors: [{ person: 6, capacityLeft: 1 }], mentees: [4] },
    });
    expect(codes(partial, 6, 4)).toEqual([]);
    expect(codes(partial, 2, 7)).toEqual(['NOT_ENROLLED']); // 2 is not a mentor, 7 not a mentee
    expect(codes(partial, 6, 3)).toEqual(['NOT_ENROLLED']); // 3 is not a mentee
  });

  it('need a language in common, unless someone did not say', () => {
    expect(codes(context({ patch: { 6: { languages: [3, 4] } } }), 6, 4)).toEqual(['NO_COMMON_LANGUAGE']);
    expect(codes(context({ patch: { 6: { languages: [3, 0] } } }), 6, 4)).toEqual([]);
    expect(codes(context({ patch: { 6: { languages: [] } } }), 6, 4)).toEqual([]);
  });

  it('honour coordinator bans and earlier pairs that did not work out', () => {
    const ctx = context({ excluded: [{ mentor: 6, mentee: 4 }] });
    expect(codes(ctx, 6, 4)).toEqual(['EXCLUDED']);
    expect(codes(ctx, 4, 6)).not.toContain('EXCLUDED'); // the ban is one pair, in one direction
  });

  it('list every rule a pair breaks, with its message', () => {
    const ctx = context({
      policy: { ...defaultPolicy('MENTORING'), minLevelGap: 3, idealLevelGap: 3 },
      patch: { 3: { languages: [5] } },
      excluded: [{ mentor: 3, mentee: 4 }],
    });
    const reasons = blockingReasons(ctx, 3, 4);
    expect(reasons.map((r) => r.code)).toEqual(['CHAIN_OF_COMMAND', 'NOT_SENIOR_ENOUGH', 'NO_COMMON_LANGUAGE', 'EXCLUDED']);
    expect(reasons.map((r) => r.message)).toEqual(reasons.map((r) => blockMessage(r.code, ctx.policy)));
    expect(codesFromMask(blockMask(ctx, 3, 4))).toEqual(reasons.map((r) => r.code));
  });

  it('agree between the fast check, the full list and the scorer on every pair', () => {
    for (const policy of [defaultPolicy('MENTORING'), defaultPolicy('REVERSE'), defaultPolicy('PEER'), { ...defaultPolicy('COACHING'), allowChainOfCommand: true }]) {
      const ctx = context({ policy, patch: { 7: { languages: [2] } }, excluded: [{ mentor: 1, mentee: 7 }] });
      for (let mentor = 0; mentor < LEVELS.length; mentor++) {
        for (let mentee = 0; mentee < LEVELS.length; mentee++) {
          const blocked = blockMask(ctx, mentor, mentee) !== 0;
          expect(isBlocked(ctx, mentor, mentee)).toBe(blocked);
          expect(scorePair(ctx, mentor, mentee) === -1).toBe(blocked);
        }
      }
    }
  });
});

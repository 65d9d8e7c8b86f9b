import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naiveScorer } from '../../../bench/support/naive-scorer.js';
import {
  blockMask,
  buildScoringContext,
  codesFromMask,
  explainPair,
  isBlocked,
  scoreComponentsInto,
  scoreMentorsInto,
  scorePair,
  validatePolicy,
  type MatchingPolicy,
  type MeetingFormat,
  type PersonInput,
  type ProgrammeKind,
  type ScoringInput,
} from '../../../src/matching/index.js';

const weight = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true }));

const policy: fc.Arbitrary<MatchingPolicy> = fc
  .record({
    kind: fc.constantFrom<ProgrammeKind>('MENTORING', 'REVERSE', 'PEER', 'COACHING'),
    weights: fc.record({ experience: weight, goals: weight, reach: weight, practical: weight }),
    low: fc.integer({ min: 0, max: 3 }),
    spread: fc.integer({ min: 0, max: 3 }),
    minScore: fc.integer({ min: 0, max: 100 }),
    allowChain: fc.boolean(),
  })
  .map(({ kind, weights, low, spread, minScore, allowChain }) => ({
    kind,
    weights,
    idealLevelGap: kind === 'PEER' ? low : low + spread,
    minLevelGap: low,
    peerMaxLevelGap: low + spread,
    minScore,
    allowChainOfCommand: kind === 'COACHING' && allowChain,
  }))
  .filter((p) => validatePolicy(p).length === 0);

/** Raw person plus how they report: to nobody, to the previous person (deep lines), or to anyone earlier. */
const rawPerson = fc.record({
  level: fc.integer({ min: 1, max: 10 }),
  yearsExperience: fc.double({ min: 0, max: 40, noNaN: true }),
  division: fc.integer({ min: -1, max: 3 }),
  department: fc.integer({ min: -1, max: 5 }),
  location: fc.integer({ min: -1, max: 3 }),
  utcOffsetMinutes: fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
  // Up to 41 distinct languages: more than one 32-bit word of language bits.
  languages: fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 3 }),
  format: fc.constantFrom<MeetingFormat>('IN_PERSON', 'REMOTE', 'HYBRID'),
  reportsTo: fc.oneof(fc.constant('nobody' as const), fc.constant('previous' as const), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
});

const scenario: fc.Arbitrary<ScoringInput> = fc
  .tuple(fc.array(rawPerson, { minLength: 1, maxLength: 24 }), fc.integer({ min: 0, max: 10 }), policy)
  .chain(([raw, skillCount, pol]) => {
    const n = raw.length;
    const people: PersonInput[] = raw.map(({ reportsTo, ...p }, i) => ({
      ...p,
      manager: i === 0 || reportsTo === 'nobody' ? -1 : reportsTo === 'previous' ? i - 1 : Math.floor(reportsTo * i),
    }));
    const someone = fc.integer({ min: 0, max: n - 1 });
    const skill = fc.integer({ min: 0, max: Math.max(0, skillCount - 1) });
    const withSkills = <T,>(arb: fc.Arbitrary<T[]>): fc.Arbitrary<T[]> => (skillCount > 0 ? arb : fc.constant([]));
    return fc.record({
      people: fc.constant(people),
      skillParent: fc.tuple(...Array.from({ length: skillCount }, (_, s) => fc.integer({ min: -1, max: s - 1 }))),
      proficiencies: withSkills(
        fc.uniqueArray(fc.record({ person: someone, skill, proficiency: fc.integer({ min: 1, max: 5 }), wantsToTeach: fc.boolean() }), {
          selector: (p) => `${p.person}:${p.skill}`,
          maxLength: 40,
        }),
      ),
      goals: withSkills(
        fc.array(fc.record({ person: someone, skills: fc.array(skill, { maxLength: 3 }), priority: fc.integer({ min: 1, max: 3 }), active: fc.boolean() }), {
          maxLength: 30,
        }),
      ),
      policy: fc.constant(pol),
      enrolment: fc.record({
        mentors: fc.uniqueArray(fc.record({ person: someone, capacityLeft: fc.integer({ min: 0, max: 3 }) }), { selector: (m) => m.person, maxLength: n }),
        mentees: fc.uniqueArray(someone, { maxLength: n }),
      }),
      excluded: fc.array(fc.record({ mentor: someone, mentee: someone }), { maxLength: 8 }),
    });
  });

function everyPair(input: ScoringInput, visit: (mentor: number, mentee: number) => void): void {
  for (let mentor = 0; mentor < input.people.length; mentor++) for (let mentee = 0; mentee < input.people.length; mentee++) visit(mentor, mentee);
}

describe('scoring, on random programmes', () => {
  it('keeps every component in [0,1] and every total in [0,100]', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const ctx = buildScoringContext(input);
        const out = new Float64Array(4);
        everyPair(input, (mentor, mentee) => {
          const total = scoreComponentsInto(ctx, mentor, mentee, out);
          for (const value of out) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(1);
          }
          expect(total).toBeGreaterThanOrEqual(0);
          expect(total).toBeLessThanOrEqual(100);
          const score = scorePair(ctx, mentor, mentee);
          expect(score).toBe(isBlocked(ctx, mentor, mentee) ? -1 : total);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('blocks exactly the pairs the hard rules list, however they are asked', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const ctx = buildScoringContext(input);
        const row = new Float64Array(ctx.mentors.length);
        const rowOf = new Map<number, Float64Array>();
        for (const mentee of ctx.mentees) {
          scoreMentorsInto(ctx, mentee, row);
          rowOf.set(mentee, row.slice());
        }
        everyPair(input, (mentor, mentee) => {
          const mask = blockMask(ctx, mentor, mentee);
          expect(isBlocked(ctx, mentor, mentee)).toBe(mask !== 0);
          const score = scorePair(ctx, mentor, mentee);
          expect(score === -1).toBe(mask !== 0);
          const slot = ctx.mentorSlot[mentor]!;
          if (slot >= 0 && rowOf.has(mentee)) expect(rowOf.get(mentee)![slot]).toBe(score);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('explains with the same numbers and the same rules it scores with', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), fc.nat(), (input, x, y) => {
        const ctx = buildScoringContext(input);
        const mentor = x % input.people.length;
        const mentee = y % input.people.length;
        const explained = explainPair(ctx, mentor, mentee);
        const score = scorePair(ctx, mentor, mentee);
        expect(explained.score).toBe(score < 0 ? null : score);
        expect(explained.blocked.map((b) => b.code)).toEqual(codesFromMask(blockMask(ctx, mentor, mentee)));
        const out = new Float64Array(4);
        scoreComponentsInto(ctx, mentor, mentee, out);
        expect(Object.values(explained.breakdown)).toEqual([...out]);
        expect(explained.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with the obvious objects-and-maps implementation of the same model', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const ctx = buildScoringContext(input);
        const naive = naiveScorer(input);
        everyPair(input, (mentor, mentee) => {
          const reference = naive(mentor, mentee);
          const score = scorePair(ctx, mentor, mentee);
          expect(score === -1, `blocked ${mentor}→${mentee}`).toBe(reference.blocked);
          // Mentor strengths are stored as float32.
          if (score !== -1) expect(Math.abs(score - reference.total)).toBeLessThan(1e-4);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('finds the common manager of people deeper than the stored reporting lines', () => {
    // A 40-deep line forking at depth 25: pairs across the fork meet below the stored prefix.
    const people: PersonInput[] = Array.from({ length: 60 }, (_, i) => ({
      level: 10 - Math.min(9, Math.floor(i / 6)),
      yearsExperience: 40 - i / 2,
      division: 0,
      department: 0,
      location: 0,
      utcOffsetMinutes: 0,
      languages: [],
      format: 'REMOTE',
      manager: i === 0 ? -1 : i === 40 ? 25 : i - 1,
    }));
    const input: ScoringInput = {
      people,
      skillParent: [],
      proficiencies: [],
      goals: [],
      policy: { kind: 'MENTORING', weights: { experience: 0, goals: 0, reach: 1, practical: 0 }, idealLevelGap: 0, minLevelGap: 0, minScore: 0, allowChainOfCommand: false },
      enrolment: { mentors: people.map((_, person) => ({ person, capacityLeft: 1 })), mentees: people.map((_, i) => i) },
    };
    const ctx = buildScoringContext(input);
    const naive = naiveScorer(input);
    let crossings = 0;
    everyPair(input, (mentor, mentee) => {
      const reference = naive(mentor, mentee);
      const score = scorePair(ctx, mentor, mentee);
      expect(score === -1).toBe(reference.blocked);
      if (score !== -1) {
        crossings++;
        expect(score).toBeCloseTo(reference.total, 9);
      }
    });
    expect(crossings).toBeGreaterThan(0);
  });
});

/**
 * fast-check arbitraries for assignment problems. Small ones (≤ 7 mentees, ≤ 4 mentors) are built
 * pair by pair so that shrinking yields minimal counterexamples; medium ones come from a seeded
 * generator (shrinking a seed is meaningless, but the seed reproduces the failure).
 */
import fc from 'fast-check';
import type { AssignmentProblem, Pair } from '../../../../src/matching/assignment/types.js';
import { buildProblem, randomProblem, seededRandom, type EdgeSpec } from './instances.js';

/** Scores with plenty of ties (0, 50 and 100 points are common) as well as arbitrary values. */
const scoreArb = fc.oneof(fc.constantFrom(0, 5000, 10_000), fc.integer({ min: 0, max: 10_000 }));

export interface SmallOptions {
  readonly maxMentees?: number;
  readonly maxMentors?: number;
  readonly maxCapacity?: number;
  /** Allow pins (default true). */
  readonly pins?: boolean;
  /** Allow bans (default true). */
  readonly bans?: boolean;
}

/**
 * Small problems covering the corners: empty graph, no mentees / no mentors, zero capacities,
 * ties, mentees banned from everything, pins (valid by construction), mentors' lists unsorted.
 */
export function smallProblem(options: SmallOptions = {}): fc.Arbitrary<AssignmentProblem> {
  const maxMentees = options.maxMentees ?? 7;
  const maxMentors = options.maxMentors ?? 4;
  const maxCapacity = options.maxCapacity ?? 3;
  return fc
    .record({ mentees: fc.integer({ min: 0, max: maxMentees }), mentors: fc.integer({ min: 0, max: maxMentors }) })
    .chain(({ mentees, mentors }) =>
      fc.record({
        mentees: fc.constant(mentees),
        mentors: fc.constant(mentors),
        // Per pair: null = not allowed, else the score. Density varies from empty to complete.
        pairs: fc.array(fc.option(scoreArb, { freq: 2 }), { minLength: mentees * mentors, maxLength: mentees * mentors }),
        capacity: fc.array(fc.integer({ min: 0, max: maxCapacity }), { minLength: mentors, maxLength: mentors }),
        banMask: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: mentees * mentors, maxLength: mentees * mentors }),
        banAllOf: fc.array(fc.boolean(), { minLength: mentees, maxLength: mentees }),
        pinWish: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: mentees, maxLength: mentees }),
        reverse: fc.boolean(),
      }),
    )
    .map(({ mentees, mentors, pairs, capacity, banMask, banAllOf, pinWish, reverse }) => {
      const edges: EdgeSpec[] = [];
      for (let i = 0; i < mentees; i++) {
        const row: EdgeSpec[] = [];
        for (let j = 0; j < mentors; j++) {
          const score = pairs[i * mentors + j];
          if (score !== null && score !== undefined) row.push({ mentee: i, mentor: j, score });
        }
        edges.push(...(reverse ? row.reverse() : row));
      }
      const bans: Pair[] = [];
      const pins: Pair[] = [];
      const room = capacity.slice();
      for (let i = 0; i < mentees; i++) {
        const mine = edges.filter((e) => e.mentee === i);
        const allBanned = options.bans !== false && banAllOf[i] === true && mentees > 1 && i % 3 === 0;
        const banned = new Set<number>();
        for (const e of mine) {
          if (options.bans !== false && (allBanned || banMask[i * mentors + e.mentor] === 0)) {
            banned.add(e.mentor);
            bans.push({ mentee: i, mentor: e.mentor });
          }
        }
        // A pin must be an allowed, non-banned pair with capacity left.
        const wish = pinWish[i]!;
        const eligible = mine.filter((e) => !banned.has(e.mentor));
        if (options.pins !== false && wish >= 0 && wish < eligible.length) {
          const target = eligible[wish]!.mentor;
          if (room[target]! > 0) {
            room[target]!--;
            pins.push({ mentee: i, mentor: target });
          }
        }
      }
      // Occasionally ban a pair that is not a candidate at all (must be harmless).
      const absent = mentees > 0 && mentors > 0 && !edges.some((e) => e.mentee === 0 && e.mentor === mentors - 1);
      if (options.bans !== false && absent && banMask[0] === 6) bans.push({ mentee: 0, mentor: mentors - 1 });
      return buildProblem({ mentees, mentors, edges, capacity, pins, bans });
    });
}

export interface MediumOptions {
  readonly popular: boolean;
  /** Upper bound on mentees + mentors. */
  readonly maxPeople?: number;
  readonly pins?: boolean;
}

/** Seeded medium problems (up to ~300 people), uniform or with Zipf-popular mentors. */
export function mediumProblem(options: MediumOptions): fc.Arbitrary<AssignmentProblem> {
  const maxPeople = options.maxPeople ?? 300;
  return fc
    .record({
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      menteeShare: fc.double({ min: 0.4, max: 0.85, noNaN: true }),
      people: fc.integer({ min: 8, max: maxPeople }),
      density: fc.double({ min: 0.03, max: 0.35, noNaN: true }),
      maxCapacity: fc.integer({ min: 1, max: 5 }),
      scoreStep: fc.constantFrom(1, 1, 100, 1000),
    })
    .map(({ seed, menteeShare, people, density, maxCapacity, scoreStep }) => {
      const mentees = Math.max(1, Math.round(people * menteeShare));
      return randomProblem(seededRandom(seed), {
        mentees,
        mentors: Math.max(1, people - mentees),
        density,
        minCapacity: 0,
        maxCapacity,
        popular: options.popular,
        scoreStep,
        pinRate: options.pins === false ? 0 : 0.03,
        banRate: options.pins === false ? 0 : 0.03,
      });
    });
}

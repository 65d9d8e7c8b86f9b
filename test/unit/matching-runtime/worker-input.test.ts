/**
 * Worker threads receive the scoring input by structured clone. What the database layer hands the
 * engine carries a prebuilt org tree (a class instance, whose methods a clone would lose), so the
 * driver must send only plain data from which the worker builds the very same context.
 */
import { describe, expect, it } from 'vitest';
import { generateProgramme } from '../../../bench/scoring.bench.js';
import { OrgTree, buildScoringContext, defaultPolicy, scorePair } from '../../../src/matching/index.js';
import { workerInput } from '../../../src/matching-runtime/parallel-candidates.js';

describe('the input a candidate worker thread receives', () => {
  it('survives structured cloning when the caller prebuilt the org tree, and scores every pair the same', () => {
    const base = generateProgramme({ people: 120, mentees: 40, mentors: 15, skills: 20, seed: 7, policy: defaultPolicy('MENTORING') });
    const input = { ...base, orgTree: OrgTree.fromParents(base.people.map((p) => p.manager)), names: { skills: ['a'] } };
    const here = buildScoringContext(input);
    const sent = structuredClone(workerInput(input));
    expect(sent.orgTree).toBeUndefined();
    const there = buildScoringContext(sent);
    for (const mentor of here.mentors) for (const mentee of here.mentees) expect(scorePair(there, mentor, mentee)).toBe(scorePair(here, mentor, mentee));
  });

  it('a cloned prebuilt tree would not do: it arrives without its methods', () => {
    const base = generateProgramme({ people: 30, mentees: 10, mentors: 5, skills: 8, seed: 1, policy: defaultPolicy('MENTORING') });
    const cloned = structuredClone({ ...base, orgTree: OrgTree.fromParents(base.people.map((p) => p.manager)) });
    expect(() => buildScoringContext(cloned)).toThrow();
  });
});

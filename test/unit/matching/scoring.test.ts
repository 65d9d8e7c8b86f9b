import { describe, expect, it } from 'vitest';
import {
  Component,
  ScoringInputError,
  buildScoringContext,
  defaultPolicy,
  explainPair,
  isBlocked,
  rankMentors,
  scoreComponentsInto,
  scoreMentorsInto,
  scorePair,
  validatePolicy,
  type GoalInput,
  type MatchingPolicy,
  type PersonInput,
  type ProficiencyInput,
  type ScoringInput,
} from '../../../src/matching/index.js';

// A small company. Levels in brackets; divisions Engineering (0) and Sales (1).
//
//   0 CEO [10]
//   ├─ 1 VP Engineering [8]
//   │  ├─ 3 Director Data [7] ── 6 Data lead [6] ─┬─ 7 Engineer [4]
//   │  │                                           └─ 8 Engineer [3]
//   │  └─ 4 Director Web [7] ── 9 Web lead [6] ──── 10 Engineer [4]
//   └─ 2 VP Sales [8]
//      └─ 5 Director EMEA [7] ── 11 Sales lead [6] ── 12 Account exec [4]
const SKILLS = ['Data', 'Data Engineering', 'Machine Learning', 'Leadership', 'Public Speaking', 'Spark'];
const SKILL_PARENT = [-1, 0, 0, -1, 3, 1];
const [DATA, DATA_ENG, ML, LEADERSHIP, SPEAKING, SPARK] = [0, 1, 2, 3, 4, 5];

function person(p: Partial<PersonInput> & Pick<PersonInput, 'level' | 'manager'>): PersonInput {
  return {
    yearsExperience: 2.5 * p.level,
    division: 0,
    department: -1,
    location: 0,
    utcOffsetMinutes: 60,
    languages: [0],
    format: 'HYBRID',
    ...p,
  };
}

const COMPANY: PersonInput[] = [
  person({ level: 10, manager: -1, division: -1 }),
  person({ level: 8, manager: 0 }),
  person({ level: 8, manager: 0, division: 1, location: 1 }),
  person({ level: 7, manager: 1, department: 0 }),
  person({ level: 7, manager: 1, department: 1 }),
  person({ level: 7, manager: 2, division: 1, department: 2, location: 1 }),
  person({ level: 6, manager: 3, department: 0 }),
  person({ level: 4, manager: 6, department: 0 }),
  person({ level: 3, manager: 6, department: 0 }),
  person({ level: 6, manager: 4, department: 1 }),
  person({ level: 4, manager: 9, department: 1 }),
  person({ level: 6, manager: 5, division: 1, department: 2, location: 1 }),
  person({ level: 4, manager: 11, division: 1, department: 2, location: 1 }),
];

interface Setup {
  people?: PersonInput[];
  policy?: MatchingPolicy;
  mentors?: number[];
  capacity?: number;
  mentees?: number[];
  proficiencies?: ProficiencyInput[];
  goals?: GoalInput[];
  excluded?: ScoringInput['excluded'];
}

function setup(s: Setup = {}) {
  const people = s.people ?? COMPANY;
  return buildScoringContext({
    people,
    skillParent: SKILL_PARENT,
    proficiencies: s.proficiencies ?? [],
    goals: s.goals ?? [],
    policy: s.policy ?? defaultPolicy('MENTORING'),
    enrolment: {
      mentors: (s.mentors ?? [1, 2, 3, 4, 5, 6, 9, 11]).map((p) => ({ person: p, capacityLeft: s.capacity ?? 2 })),
      mentees: s.mentees ?? [7, 8, 10, 12],
    },
    excluded: s.excluded ?? [],
    names: { skills: SKILLS, divisions: ['Engineering', 'Sales'], departments: ['Data', 'Web', 'EMEA'], locations: ['Berlin', 'London'], languages: ['English', 'German'] },
  });
}

/** Everyone reports straight to a CEO (index 0), so nobody but the CEO is in anyone's chain. */
function flat(others: Partial<PersonInput>[]): PersonInput[] {
  return [person({ level: 10, manager: -1, division: -1 }), ...others.map((o) => person({ level: 5, manager: 0, ...o }))];
}

function components(ctx: ReturnType<typeof setup>, mentor: number, mentee: number) {
  const out = new Float64Array(4);
  const total = scoreComponentsInto(ctx, mentor, mentee, out);
  return {
    total,
    experience: out[Component.experience]!,
    goals: out[Component.goals]!,
    reach: out[Component.reach]!,
    practical: out[Component.practical]!,
  };
}

describe('validatePolicy', () => {
  it('accepts the defaults of every kind of programme', () => {
    for (const kind of ['MENTORING', 'REVERSE', 'PEER', 'COACHING'] as const) expect(validatePolicy(defaultPolicy(kind))).toEqual([]);
  });

  it('rejects negative weights and weights that are all zero', () => {
    const negative = { ...defaultPolicy('MENTORING'), weights: { experience: 1, goals: -1, reach: 1, practical: 1 } };
    expect(validatePolicy(negative)).toEqual([{ field: 'weights.goals', message: 'Weight cannot be negative.' }]);
    const zero = { ...defaultPolicy('MENTORING'), weights: { experience: 0, goals: 0, reach: 0, practical: 0 } };
    expect(validatePolicy(zero)).toEqual([{ field: 'weights', message: 'At least one weight must be above zero.' }]);
    const nan = { ...defaultPolicy('MENTORING'), weights: { experience: Number.NaN, goals: 1, reach: 1, practical: 1 } };
    expect(validatePolicy(nan).map((e) => e.field)).toEqual(['weights.experience']);
  });

  it('reports every bad field at once, by name', () => {
    const policy: MatchingPolicy = {
      kind: 'MENTORING',
      weights: { experience: 1, goals: 1, reach: 1, practical: 1 },
      idealLevelGap: 1.5,
      minLevelGap: 12,
      minScore: 101,
      allowChainOfCommand: true,
    };
    expect(validatePolicy(policy).map((e) => e.field)).toEqual(['idealLevelGap', 'minLevelGap', 'minScore', 'allowChainOfCommand']);
    expect(validatePolicy({ ...defaultPolicy('MENTORING'), idealLevelGap: 0, minLevelGap: 1 }).map((e) => e.field)).toEqual(['idealLevelGap']);
    expect(validatePolicy({ ...defaultPolicy('PEER'), idealLevelGap: 2 }).map((e) => e.field)).toEqual(['idealLevelGap']);
  });

  it('lets only coaching pair people in the same chain of command', () => {
    expect(validatePolicy({ ...defaultPolicy('COACHING'), allowChainOfCommand: true })).toEqual([]);
    expect(validatePolicy({ ...defaultPolicy('PEER'), allowChainOfCommand: true })[0]?.field).toBe('allowChainOfCommand');
  });

  it('is enforced when a context is built, as is the rest of the input', () => {
    expect(() => setup({ policy: { ...defaultPolicy('MENTORING'), minScore: -1 } })).toThrow(ScoringInputError);
    expect(() => setup({ people: [person({ level: 11, manager: -1 })], mentors: [], mentees: [] })).toThrow(/people\[0\]\.level/);
    expect(() => setup({ mentees: [7, 7] })).toThrow(/enrolled as a mentee twice/);
    expect(() => setup({ goals: [{ person: 7, skills: [99], priority: 1, active: true }] })).toThrow(/goals\[0\]\.skills\[0\]/);
  });
});

describe('experience', () => {
  it('peaks at the ideal level gap and falls off on both sides', () => {
    // Mentee at level 3; mentors at levels 3..10 with the same years, side by side under the CEO.
    const levels = [3, 4, 5, 6, 7, 8, 9, 10];
    const people = flat([{ level: 3, yearsExperience: 10 }, ...levels.map((level) => ({ level, yearsExperience: 10 }))]);
    const mentors = levels.map((_, i) => i + 2);
    const ctx = setup({ people, mentors, mentees: [1], policy: { ...defaultPolicy('MENTORING'), minLevelGap: 0, idealLevelGap: 3 } });
    const experience = mentors.map((m) => components(ctx, m, 1).experience);
    const peak = experience.indexOf(Math.max(...experience));
    expect(levels[peak]! - 3).toBe(3);
    for (let i = 1; i <= peak; i++) expect(experience[i]!).toBeGreaterThan(experience[i - 1]!);
    for (let i = peak + 1; i < levels.length; i++) expect(experience[i]!).toBeLessThan(experience[i - 1]!);
  });

  it('uses years only as a secondary signal', () => {
    const people = flat([{ level: 3, yearsExperience: 4 }, { level: 5, yearsExperience: 6 }, { level: 5, yearsExperience: 12 }, { level: 8, yearsExperience: 30 }]);
    const ctx = setup({ people, mentors: [2, 3, 4], mentees: [1] });
    const [few, more, tooSenior] = [2, 3, 4].map((m) => components(ctx, m, 1).experience);
    expect(more).toBeGreaterThan(few!);
    expect(more).toBeGreaterThan(tooSenior!);
  });

  it('flips seniority in reverse mentoring: the mentor must be junior', () => {
    const people = flat([{ level: 7 }, { level: 4 }, { level: 9 }, { level: 7 }]);
    const ctx = setup({ people, mentors: [2, 3, 4], mentees: [1], policy: defaultPolicy('REVERSE') });
    expect(scorePair(ctx, 2, 1)).toBeGreaterThan(0);
    expect(scorePair(ctx, 3, 1)).toBe(-1);
    expect(scorePair(ctx, 4, 1)).toBe(-1);
    expect(explainPair(ctx, 3, 1).blocked.map((b) => b.message)).toEqual(['In reverse mentoring the mentor must be at least 1 level junior to the mentee.']);
    expect(explainPair(ctx, 2, 1).reasons.some((r) => r.text.startsWith('3 levels junior to you — the ideal gap'))).toBe(true);
  });

  it('keeps peers within the allowed level distance, either way', () => {
    const people = flat([{ level: 5 }, { level: 4 }, { level: 6 }, { level: 5 }, { level: 7 }]);
    const ctx = setup({ people, mentors: [2, 3, 4, 5], mentees: [1], policy: defaultPolicy('PEER') });
    expect([2, 3, 4, 5].map((m) => scorePair(ctx, m, 1) >= 0)).toEqual([true, true, true, false]);
    expect(components(ctx, 4, 1).experience).toBeGreaterThan(components(ctx, 3, 1).experience);
  });
});

describe('goals', () => {
  const dataGoal: GoalInput = { person: 7, skills: [DATA_ENG], priority: 2, active: true, title: 'Own the ingestion pipeline' };

  it('grows with the mentor’s proficiency in what the mentee wants to learn', () => {
    const fits = [1, 2, 3, 4, 5].map((proficiency) => {
      const ctx = setup({ goals: [dataGoal], proficiencies: [{ person: 11, skill: DATA_ENG, proficiency, wantsToTeach: true }] });
      return components(ctx, 11, 7).goals;
    });
    for (let i = 1; i < fits.length; i++) expect(fits[i]!).toBeGreaterThan(fits[i - 1]!);
    expect(fits[4]).toBe(1);
  });

  it('gives partial credit through the skill taxonomy, less than the skill itself', () => {
    const fitVia = (skill: number): number =>
      components(setup({ goals: [dataGoal], proficiencies: [{ person: 11, skill, proficiency: 5, wantsToTeach: true }] }), 11, 7).goals;
    const direct = fitVia(DATA_ENG);
    const broader = fitVia(DATA);
    const narrower = fitVia(SPARK);
    const sibling = fitVia(ML);
    expect(direct).toBe(1);
    expect(broader).toBeCloseTo(0.5);
    expect(narrower).toBeCloseTo(0.5);
    expect(sibling).toBeLessThan(broader);
    expect(sibling).toBeGreaterThan(0);
    expect(fitVia(SPEAKING)).toBe(0);
  });

  it('weighs goals by priority and ignores goals that are no longer active', () => {
    const goals: GoalInput[] = [
      { person: 7, skills: [DATA_ENG], priority: 3, active: true },
      { person: 7, skills: [LEADERSHIP], priority: 1, active: true },
      { person: 7, skills: [SPEAKING], priority: 3, active: false },
    ];
    const proficiencies: ProficiencyInput[] = [
      { person: 11, skill: DATA_ENG, proficiency: 5, wantsToTeach: true },
      { person: 9, skill: LEADERSHIP, proficiency: 5, wantsToTeach: true },
      { person: 5, skill: SPEAKING, proficiency: 5, wantsToTeach: true },
    ];
    const ctx = setup({ goals, proficiencies });
    expect(components(ctx, 11, 7).goals).toBeCloseTo(0.75);
    expect(components(ctx, 9, 7).goals).toBeCloseTo(0.25);
    const withoutInactive = setup({ goals: goals.slice(0, 2), proficiencies });
    expect(components(ctx, 5, 7).goals).toBe(components(withoutInactive, 5, 7).goals);
  });

  it('is neutral for a mentee without active goals, and says so', () => {
    const ctx = setup({ goals: [{ ...dataGoal, active: false }], proficiencies: [{ person: 11, skill: DATA_ENG, proficiency: 5, wantsToTeach: true }] });
    expect(components(ctx, 11, 7).goals).toBe(0.5);
    expect(explainPair(ctx, 11, 7).reasons).toContainEqual({
      component: 'goals',
      text: 'You have no active development goals yet, so goals count as neutral',
      weight: 0,
    });
  });
});

describe('reach', () => {
  it('is larger for a mentor in another division than in another department, and least next door', () => {
    // Mentee 6 sits in department 0; three level-6 mentors without reports differ only in where they sit.
    const people = [
      person({ level: 10, manager: -1, division: -1 }),
      person({ level: 9, manager: 0, division: 0 }),
      person({ level: 9, manager: 0, division: 1 }),
      person({ level: 8, manager: 1, division: 0, department: 0 }),
      person({ level: 8, manager: 1, division: 0, department: 1 }),
      person({ level: 8, manager: 2, division: 1, department: 2 }),
      person({ level: 4, manager: 3, division: 0, department: 0 }),
      person({ level: 6, manager: 3, division: 0, department: 0 }),
      person({ level: 6, manager: 4, division: 0, department: 1 }),
      person({ level: 6, manager: 5, division: 1, department: 2 }),
    ];
    const ctx = setup({ people, mentors: [7, 8, 9], mentees: [6] });
    const [sameDepartment, otherDepartment, otherDivision] = [7, 8, 9].map((m) => components(ctx, m, 6).reach);
    expect(otherDivision).toBeGreaterThan(otherDepartment!);
    expect(otherDepartment).toBeGreaterThan(sameDepartment!);
  });

  it('counts a different location, and not an unknown one', () => {
    const base = COMPANY.map((p) => ({ ...p, location: 0 }));
    const apart = base.map((p, i) => (i === 11 ? { ...p, location: 1 } : p));
    const unknown = base.map((p, i) => (i === 11 ? { ...p, location: -1 } : p));
    const reach = (people: PersonInput[]) => components(setup({ people }), 11, 7).reach;
    expect(reach(apart)).toBeGreaterThan(reach(base));
    expect(reach(unknown)).toBe(reach(base));
  });

  it('values mentors whose position opens more of the organisation', () => {
    // A VP of Sales against a sales lead, for an engineer: both far away, the VP opens more.
    const ctx = setup();
    expect(components(ctx, 2, 10).reach).toBeGreaterThan(components(ctx, 11, 10).reach);
  });
});

describe('practical fit', () => {
  it('follows the working hours two people share', () => {
    const people = flat([{ utcOffsetMinutes: 0 }, { level: 7, utcOffsetMinutes: 120 }, { level: 7, utcOffsetMinutes: 540 }, { level: 7, utcOffsetMinutes: 0 }]);
    const ctx = setup({ people, mentors: [2, 3, 4], mentees: [1] });
    const [twoHours, nineHours, same] = [2, 3, 4].map((m) => components(ctx, m, 1).practical);
    expect(same).toBeGreaterThan(twoHours!);
    expect(twoHours).toBeGreaterThan(nineHours!);
    expect(explainPair(ctx, 2, 1).reasons.map((r) => r.text)).toContain('Overlapping working hours: 6 of 8');
    expect(explainPair(ctx, 3, 1).reasons.map((r) => r.text)).toContain('No overlap in working hours');
  });

  it('treats time zones as a circle: UTC+12 and UTC−12 keep the same hours', () => {
    const people = flat([{ utcOffsetMinutes: 720 }, { level: 7, utcOffsetMinutes: -720 }]);
    const ctx = setup({ people, mentors: [2], mentees: [1] });
    expect(explainPair(ctx, 2, 1).reasons.map((r) => r.text)).toContain('Same working hours');
  });

  it('prefers the mentee’s primary language, and never guesses an unknown one', () => {
    const people = flat([
      { languages: [1, 0] },
      { level: 7, languages: [1] },
      { level: 7, languages: [0] },
      { level: 7, languages: [] },
      { level: 7, languages: [2] },
    ]);
    const ctx = setup({ people, mentors: [2, 3, 4, 5], mentees: [1] });
    const [primary, other, unknown] = [2, 3, 4].map((m) => components(ctx, m, 1).practical);
    expect(primary).toBeGreaterThan(other!);
    expect(other).toBeGreaterThan(unknown!);
    expect(scorePair(ctx, 4, 1)).toBeGreaterThan(0);
    expect(scorePair(ctx, 5, 1)).toBe(-1);
    expect(explainPair(ctx, 2, 1).reasons.map((r) => r.text)).toContain('Speaks your primary language (German)');
  });

  it('marks down in-person preferences across locations', () => {
    const people = flat([
      { format: 'IN_PERSON', location: 0 },
      { level: 7, format: 'IN_PERSON', location: 0 },
      { level: 7, format: 'IN_PERSON', location: 1 },
      { level: 7, format: 'REMOTE', location: 0 },
    ]);
    const ctx = setup({ people, mentors: [2, 3, 4], mentees: [1] });
    const [together, apart, remote] = [2, 3, 4].map((m) => components(ctx, m, 1).practical);
    expect(together).toBeGreaterThan(apart!);
    expect(together).toBeGreaterThan(remote!);
    expect(explainPair(ctx, 3, 1).reasons.map((r) => r.text)).toContain('Meeting in person is wanted, but you are in different locations');
  });
});

describe('total score', () => {
  it('normalises weights by their sum, so they need not add up to 1', () => {
    const policy = defaultPolicy('MENTORING');
    const scaled = { ...policy, weights: { experience: 3, goals: 3.5, reach: 2.5, practical: 1 } };
    const a = setup({ policy });
    const b = setup({ policy: scaled });
    expect(scorePair(b, 11, 7)).toBeCloseTo(scorePair(a, 11, 7), 10);
  });

  it('is one component × 100 when only that component has weight', () => {
    const ctx = setup({ policy: { ...defaultPolicy('MENTORING'), weights: { experience: 0, goals: 0, reach: 5, practical: 0 } } });
    expect(scorePair(ctx, 11, 7)).toBeCloseTo(100 * components(ctx, 11, 7).reach, 10);
  });

  it('is the same whether scored pair by pair or a whole row at once', () => {
    const ctx = setup({ goals: [{ person: 12, skills: [DATA, SPARK], priority: 2, active: true }], proficiencies: [{ person: 3, skill: DATA, proficiency: 4, wantsToTeach: false }] });
    const row = new Float64Array(ctx.mentors.length);
    for (const mentee of ctx.mentees) {
      scoreMentorsInto(ctx, mentee, row);
      ctx.mentors.forEach((mentor, slot) => expect(row[slot]).toBe(scorePair(ctx, mentor, mentee)));
    }
  });
});

describe('rankMentors', () => {
  it('never suggests a mentor two levels above in the same chain', () => {
    const ctx = setup({ policy: { ...defaultPolicy('MENTORING'), minScore: 0 } });
    const suggested = rankMentors(ctx, 7, { limit: 100 }).map((r) => r.mentor);
    expect(suggested).not.toContain(6); // the engineer's own lead, two levels up
    expect(suggested).not.toContain(3); // the lead's director
    expect(suggested).not.toContain(1); // the VP above both
    expect(suggested).toEqual(expect.arrayContaining([2, 4, 5, 9, 11]));
  });

  it('returns the best first and breaks ties by person index, every time', () => {
    const twin = (): Partial<PersonInput> => ({ level: 7, yearsExperience: 20, division: 1 });
    const people = flat([{ level: 4 }, twin(), { level: 7, yearsExperience: 40, division: 1 }, twin(), twin()]);
    const ctx = setup({ people, mentors: [5, 3, 4, 2], mentees: [1], policy: { ...defaultPolicy('MENTORING'), minScore: 0 } });
    const ranked = rankMentors(ctx, 1);
    expect(ranked.map((r) => r.mentor)).toEqual([2, 4, 5, 3]);
    expect(ranked[0]!.score).toBe(ranked[2]!.score);
    expect(ranked[2]!.score).toBeGreaterThan(ranked[3]!.score);
    expect(rankMentors(ctx, 1)).toEqual(ranked);
  });

  it('leaves out full mentors, weak matches, filtered mentors, and stops at the limit', () => {
    const ctx = setup({ policy: { ...defaultPolicy('MENTORING'), minScore: 0 }, capacity: 1 });
    const all = rankMentors(ctx, 7, { limit: 100 });
    expect(all.length).toBeGreaterThan(3);
    expect(rankMentors(ctx, 7, { limit: 2 })).toEqual(all.slice(0, 2));
    const floor = all[2]!.score;
    expect(rankMentors(ctx, 7, { limit: 100, minScore: floor }).every((r) => r.score >= floor)).toBe(true);
    expect(rankMentors(ctx, 7, { limit: 100, filter: (m) => m !== all[0]!.mentor })).toEqual(all.slice(1));
    const full = setup({ policy: { ...defaultPolicy('MENTORING'), minScore: 0 }, capacity: 0 });
    expect(rankMentors(full, 7)).toEqual([]);
  });
});

describe('explainPair', () => {
  const goals: GoalInput[] = [
    { person: 7, skills: [DATA_ENG], priority: 3, active: true },
    { person: 7, skills: [SPARK, DATA_ENG], priority: 2, active: true },
    { person: 7, skills: [SPEAKING], priority: 1, active: true },
  ];
  const proficiencies: ProficiencyInput[] = [
    { person: 11, skill: DATA_ENG, proficiency: 4, wantsToTeach: true },
    { person: 11, skill: SPARK, proficiency: 4, wantsToTeach: true },
  ];

  it('tells the mentee why, in plain language, strongest reasons first', () => {
    const ctx = setup({ goals, proficiencies });
    const { reasons, blocked, score } = explainPair(ctx, 11, 7);
    expect(blocked).toEqual([]);
    expect(score).toBe(scorePair(ctx, 11, 7));
    const texts = reasons.map((r) => r.text);
    expect(texts).toContain('Strong in Data Engineering — covers 2 of your 3 goals');
    expect(texts).toContain('Different division (Sales), 7 steps apart in the org chart');
    expect(texts).toContain('Based in London, a different location');
    expect(texts).toContain('2 levels above you — the ideal gap for this programme');
    const magnitudes = reasons.map((r) => Math.abs(r.weight));
    expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
  });

  it('names a related skill when that is where the credit comes from', () => {
    const ctx = setup({ goals: [{ person: 7, skills: [SPARK], priority: 1, active: true }], proficiencies: [{ person: 11, skill: DATA_ENG, proficiency: 5, wantsToTeach: true }] });
    expect(explainPair(ctx, 11, 7).reasons.map((r) => r.text)).toContain('Expert in Data Engineering, the wider field of Spark — covers your goal');
  });

  it('explains a blocked pair: every rule it breaks, no score, and what it would have brought', () => {
    const ctx = setup({ goals, proficiencies, excluded: [{ mentor: 6, mentee: 7 }] });
    const explained = explainPair(ctx, 6, 7);
    expect(explained.score).toBeNull();
    expect(explained.blocked.map((b) => b.code)).toEqual(['CHAIN_OF_COMMAND', 'EXCLUDED']);
    expect(isBlocked(ctx, 6, 7)).toBe(true);
    expect(scorePair(ctx, 6, 7)).toBe(-1);
    const out = new Float64Array(4);
    scoreComponentsInto(ctx, 6, 7, out);
    expect(explained.breakdown).toEqual({ experience: out[0], goals: out[1], reach: out[2], practical: out[3] });
    expect(explained.reasons.map((r) => r.text)).toContain('In your chain of command, 1 step apart in the org chart');
  });

  it('explains a mentor who is not enrolled, with the same numbers as if they were', () => {
    const enrolled = setup({ goals, proficiencies });
    const notEnrolled = setup({ goals, proficiencies, mentors: [1, 2, 3] });
    const a = explainPair(enrolled, 11, 7);
    const b = explainPair(notEnrolled, 11, 7);
    expect(b.blocked.map((x) => x.code)).toEqual(['NOT_ENROLLED']);
    expect(b.breakdown).toEqual(a.breakdown);
    expect(b.reasons).toEqual(a.reasons);
  });

  it('rejects indices that are not people', () => {
    const ctx = setup();
    expect(() => explainPair(ctx, 99, 7)).toThrow(RangeError);
    expect(() => scorePair(ctx, 1.5, 7)).toThrow(RangeError);
    expect(() => rankMentors(ctx, -1)).toThrow(RangeError);
  });
});

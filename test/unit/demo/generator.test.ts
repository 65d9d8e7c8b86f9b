import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOCATIONS } from '../../../src/db/demo/catalog.js';
import {
  DEFAULT_BASE_DATE,
  DEMO_PROGRAMME_KEYS,
  generateDemoOrg,
  MAX_PEOPLE,
  MIN_PEOPLE,
} from '../../../src/db/demo/generator.js';
import type { DemoOrgData, DemoPerson } from '../../../src/db/demo/types.js';
import { demoOrgStats, depths, validateDemoOrg } from '../../../src/db/demo/validate.js';

const cache = new Map<string, DemoOrgData>();
function org(people: number, seed = 42): DemoOrgData {
  const id = `${people}/${seed}`;
  let data = cache.get(id);
  if (!data) {
    data = generateDemoOrg({ people, seed });
    cache.set(id, data);
  }
  return data;
}

const digest = (data: DemoOrgData): string => createHash('sha256').update(JSON.stringify(data)).digest('hex');
const byKey = (data: DemoOrgData): Map<string, DemoPerson> => new Map(data.people.map((p) => [p.key, p]));
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const enrolled = (data: DemoOrgData, programmeKey: string, role: 'MENTOR' | 'MENTEE') =>
  data.enrollments.filter((e) => e.programmeKey === programmeKey && e.role === role);

describe('determinism', () => {
  it('the same seed and size give byte-identical output', () => {
    for (const people of [20, 2_000]) {
      const a = JSON.stringify(generateDemoOrg({ people, seed: 7 }));
      const b = JSON.stringify(generateDemoOrg({ people, seed: 7 }));
      expect(a).toBe(b);
    }
  });

  it('different seeds give different organisations', () => {
    const a = org(1_000, 1);
    const b = org(1_000, 2);
    expect(digest(a)).not.toBe(digest(b));
    expect(a.people.map((p) => p.name)).not.toEqual(b.people.map((p) => p.name));
    expect(a.people.map((p) => p.managerKey)).not.toEqual(b.people.map((p) => p.managerKey));
  });

  it('due dates are relative to baseDate (never the clock) and baseDate changes nothing else', () => {
    const a = generateDemoOrg({ people: 300, seed: 5 });
    const b = generateDemoOrg({ people: 300, seed: 5, baseDate: '2030-06-15' });
    expect(b.people).toEqual(a.people);
    expect(b.goals.map((g) => g.title)).toEqual(a.goals.map((g) => g.title));
    const day = 86_400_000;
    for (const [data, base] of [[a, DEFAULT_BASE_DATE], [b, '2030-06-15']] as const) {
      for (const g of data.goals) {
        const days = (Date.parse(g.dueDate) - Date.parse(base)) / day;
        expect(days).toBeGreaterThanOrEqual(90);
        expect(days).toBeLessThanOrEqual(366);
      }
    }
  });

  it('results do not share mutable objects between calls', () => {
    const a = generateDemoOrg({ people: 20, seed: 1 });
    const firstSkill = a.skills[0];
    if (firstSkill) firstSkill.name = 'mutated';
    a.organization.name = 'mutated';
    const b = generateDemoOrg({ people: 20, seed: 1 });
    expect(b.skills[0]?.name).not.toBe('mutated');
    expect(b.organization.name).not.toBe('mutated');
  });

  it('rejects sizes outside the supported range and malformed base dates', () => {
    expect(() => generateDemoOrg({ people: MIN_PEOPLE - 1, seed: 1 })).toThrow(RangeError);
    expect(() => generateDemoOrg({ people: MAX_PEOPLE + 1, seed: 1 })).toThrow(RangeError);
    expect(() => generateDemoOrg({ people: 100.5, seed: 1 })).toThrow(RangeError);
    expect(() => generateDemoOrg({ people: 100, seed: 1, baseDate: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateDemoOrg({ people: 100, seed: 1, baseDate: 'tomorrow' })).toThrow(RangeError);
  });
});

describe('every invariant holds across sizes and seeds', () => {
  const cases: [number, number][] = [[20, 1], [21, 2], [23, 3], [37, 4], [59, 5], [150, 6], [401, 7], [999, 8], [1_000, 9], [2_500, 10], [10_000, 11]];
  it.each(cases)('%i people, seed %i', (people, seed) => {
    const data = org(people, seed);
    expect(data.people).toHaveLength(people);
    expect(validateDemoOrg(data)).toEqual([]);
  });
});

describe('org tree', () => {
  it('has a single CEO root listed first, and every manager precedes and outranks their reports', () => {
    const data = org(3_000);
    const index = new Map(data.people.map((p, i) => [p.key, i]));
    const people = byKey(data);
    expect(data.people.filter((p) => p.managerKey === null).map((p) => p.key)).toEqual([data.people[0]?.key]);
    expect(data.people[0]?.title).toBe('Chief Executive Officer');
    data.people.forEach((p, i) => {
      if (p.managerKey === null) return;
      expect(index.get(p.managerKey)).toBeLessThan(i);
      expect(people.get(p.managerKey)?.level).toBeGreaterThan(p.level);
    });
  });

  it('is 5–9 levels deep from 1,000 people, with every manager having 3–12 direct reports', () => {
    for (const people of [1_000, 4_000, 20_000]) {
      const stats = demoOrgStats(org(people));
      expect(stats.depth).toBeGreaterThanOrEqual(5);
      expect(stats.depth).toBeLessThanOrEqual(9);
      expect(stats.minSpan).toBeGreaterThanOrEqual(3);
      expect(stats.maxSpan).toBeLessThanOrEqual(12);
    }
  });

  it('stays within depth 9 and spans 3–12 at 100,000 people', () => {
    const data = generateDemoOrg({ people: 100_000, seed: 3 });
    const stats = demoOrgStats(data);
    expect(stats.people).toBe(100_000);
    expect(stats.depth).toBeGreaterThanOrEqual(6);
    expect(stats.depth).toBeLessThanOrEqual(9);
    expect(stats.minSpan).toBeGreaterThanOrEqual(3);
    expect(stats.maxSpan).toBeLessThanOrEqual(12);
    expect(new Set(data.people.map((p) => p.email)).size).toBe(100_000);
    expect(new Set(data.people.map((p) => p.name)).size).toBe(100_000);
  });

  it('small organisations are shallow but still well-formed (CEO → division heads → teams)', () => {
    const stats = demoOrgStats(org(20));
    expect(stats.depth).toBeGreaterThanOrEqual(2);
    expect(stats.depth).toBeLessThanOrEqual(4);
    const divisions = new Set(org(20).people.map((p) => p.division));
    for (const d of ['Executive', 'Engineering', 'Sales', 'People']) expect(divisions).toContain(d);
  });

  it('uses all ten divisions in large organisations, with departments and teams named consistently', () => {
    const data = org(10_000);
    const divisions = new Set(data.people.map((p) => p.division));
    for (const d of ['Engineering', 'Product', 'Data', 'Sales', 'Marketing', 'Operations', 'Finance', 'People', 'Legal', 'Customer Success']) {
      expect(divisions).toContain(d);
    }
    const people = byKey(data);
    for (const p of data.people) {
      if (p.managerKey === null) continue;
      const m = people.get(p.managerKey);
      if (!m) throw new Error('missing manager');
      // Below the CEO, everyone stays in their manager's division; below division heads, in the department.
      if (m.level < 10) expect(p.division).toBe(m.division);
      if (m.level < 9) expect(p.department).toBe(m.department);
    }
    // Members of a team share it with their manager.
    const ics = data.people.filter((p) => p.level <= 4 && p.managerKey !== null);
    const sameTeam = ics.filter((p) => people.get(p.managerKey ?? '')?.team === p.team).length;
    expect(sameTeam / ics.length).toBeGreaterThan(0.99);
  });

  it('titles follow level and division', () => {
    const data = org(10_000);
    const titlesAt = (level: number): string[] => data.people.filter((p) => p.level === level).map((p) => p.title);
    expect(titlesAt(10)).toEqual(['Chief Executive Officer']);
    expect(new Set(titlesAt(9))).toEqual(
      new Set(['Chief Technology Officer', 'Chief Revenue Officer', 'Chief People Officer', 'Chief Product Officer', 'Chief Customer Officer', 'Chief Marketing Officer', 'Chief Data Officer', 'Chief Operating Officer', 'Chief Financial Officer', 'General Counsel']),
    );
    const titles = new Set(data.people.map((p) => p.title));
    for (const t of ['Staff Engineer', 'Account Executive', 'Senior Software Engineer', 'Chief of Staff to the CEO']) expect(titles).toContain(t);
    // Department heads are VPs (level 8) of large departments and Directors (7) of smaller ones.
    expect([...titles].filter((t) => /^(VP|Director) of Data Platform$/.test(t))).toHaveLength(1);
    expect(new Set(org(1_000).people.map((p) => p.title))).toContain('Director of Data Platform');
    for (const p of data.people) {
      if (p.title.startsWith('VP of ')) expect(p.level).toBe(8);
      if (p.title.startsWith('Director of ')) expect(p.level).toBe(7);
      if (p.title.startsWith('Staff ')) expect(p.level).toBe(5);
      if (p.title.startsWith('Senior Staff ')) expect(p.level).toBe(6);
      if (p.title.startsWith('Associate ')) expect(p.level).toBe(1);
      if (/Engineer|Engineering Manager/.test(p.title) && p.division === 'Sales') expect(p.department).toBe('Solutions Engineering');
    }
  });

  it('years of experience grow with level, with noise', () => {
    const data = org(10_000);
    const byLevel = [1, 2, 3, 4, 5, 6, 7].map((l) => mean(data.people.filter((p) => p.level === l).map((p) => p.yearsExperience)));
    for (let i = 1; i < byLevel.length; i++) expect(byLevel[i]).toBeGreaterThan(byLevel[i - 1] ?? 0);
    const l4 = new Set(data.people.filter((p) => p.level === 4).map((p) => p.yearsExperience));
    expect(l4.size).toBeGreaterThan(4);
  });
});

describe('locations and languages', () => {
  it('uses the office’s IANA zone and standard offset, and teams are mostly co-located', () => {
    const data = org(10_000);
    const zones = new Map(LOCATIONS.map((l) => [l.name, [l.timezone, l.utcOffsetMinutes] as const]));
    for (const p of data.people) expect([p.timezone, p.utcOffsetMinutes]).toEqual(zones.get(p.location));
    expect(new Set(data.people.map((p) => p.location)).size).toBeGreaterThanOrEqual(10);
    const teams = new Map<string, Map<string, number>>();
    for (const p of data.people) {
      const id = `${p.division}/${p.department}/${p.team}`;
      const t = teams.get(id) ?? new Map<string, number>();
      t.set(p.location, (t.get(p.location) ?? 0) + 1);
      teams.set(id, t);
    }
    const modalShare = [...teams.values()].map((t) => Math.max(...t.values()) / [...t.values()].reduce((a, b) => a + b, 0));
    expect(mean(modalShare)).toBeGreaterThan(0.75);
  });

  it('most people speak English, primary language follows the office, some are multilingual', () => {
    const data = org(10_000);
    const english = data.people.filter((p) => p.languages.includes('en')).length / data.people.length;
    expect(english).toBeGreaterThan(0.9);
    expect(english).toBeLessThan(1);
    for (const p of data.people.filter((x) => x.location === 'Berlin')) expect(p.languages[0]).toBe('de');
    const multilingual = data.people.filter((p) => p.languages.length >= 3).length / data.people.length;
    expect(multilingual).toBeGreaterThan(0.03);
    expect(new Set(data.people.map((p) => p.formatPreference))).toEqual(new Set(['IN_PERSON', 'REMOTE', 'HYBRID']));
  });

  it('e-mails are unique, ASCII and follow firstname[.m].lastname{n}@acme.example', () => {
    const data = org(10_000);
    for (const p of data.people) expect(p.email).toMatch(/^[a-z0-9-]+\.([a-z]\.)?[a-z0-9-]+\d*@acme\.example$/);
    expect(new Set(data.people.map((p) => p.email)).size).toBe(data.people.length);
  });
});

describe('skills', () => {
  it('has a ~150-skill taxonomy with unique keys, parents first, three levels deep', () => {
    const { skills } = org(20);
    const keys = new Set<string>();
    for (const s of skills) {
      expect(keys.has(s.key)).toBe(false);
      if (s.parentKey !== null) expect(keys.has(s.parentKey)).toBe(true);
      keys.add(s.key);
    }
    const parents = new Set(skills.map((s) => s.parentKey));
    const leaves = skills.filter((s) => !parents.has(s.key));
    expect(leaves.length).toBeGreaterThanOrEqual(130);
    expect(leaves.length).toBeLessThanOrEqual(180);
    const byName = new Map(skills.map((s) => [s.name, s]));
    const chain = (name: string): string[] => {
      const out: string[] = [];
      for (let s = byName.get(name); s; s = s.parentKey === null ? undefined : skills.find((x) => x.key === s?.parentKey)) out.unshift(s.name);
      return out;
    };
    expect(chain('Distributed Systems')).toEqual(['Engineering', 'Backend Development', 'Distributed Systems']);
    expect(chain('Giving Feedback')).toEqual(['Leadership', 'People Leadership', 'Giving Feedback']);
    expect(chain('Deep Learning')).toEqual(['Data', 'Machine Learning', 'Deep Learning']);
  });

  it('each person has 4–12 skills relevant to their division, with proficiency rising with level', () => {
    const data = org(10_000);
    const people = byKey(data);
    const skillsByKey = new Map(data.skills.map((s) => [s.key, s]));
    const category = (key: string): string => {
      let s = skillsByKey.get(key);
      while (s?.parentKey) s = skillsByKey.get(s.parentKey);
      return s?.name ?? '';
    };
    const eng = data.personSkills.filter((ps) => people.get(ps.personKey)?.division === 'Engineering');
    const engShare = eng.filter((ps) => ['Engineering', 'Leadership', 'Communication', 'Professional Effectiveness'].includes(category(ps.skillKey))).length / eng.length;
    expect(engShare).toBeGreaterThan(0.85);
    const sales = data.personSkills.filter((ps) => people.get(ps.personKey)?.division === 'Sales');
    expect(sales.filter((ps) => category(ps.skillKey) === 'Sales').length / sales.length).toBeGreaterThan(0.4);

    const profAt = (lo: number, hi: number): number =>
      mean(data.personSkills.filter((ps) => { const l = people.get(ps.personKey)?.level ?? 0; return l >= lo && l <= hi; }).map((ps) => ps.proficiency));
    expect(profAt(7, 10)).toBeGreaterThan(profAt(1, 2) + 1.5);
    expect(profAt(4, 6)).toBeGreaterThan(profAt(1, 2));
    const teachers = data.personSkills.filter((ps) => ps.wantsToTeach);
    expect(teachers.length).toBeGreaterThan(0);
    for (const t of teachers) expect(people.get(t.personKey)?.level).toBeGreaterThanOrEqual(4);
  });
});

describe('goals', () => {
  it('every mentee has 1–3 goals including an active one; other people sometimes have goals', () => {
    const data = org(5_000);
    const goalsOf = new Map<string, typeof data.goals>();
    for (const g of data.goals) goalsOf.set(g.personKey, [...(goalsOf.get(g.personKey) ?? []), g]);
    for (const e of data.enrollments.filter((x) => x.role === 'MENTEE')) {
      const goals = goalsOf.get(e.personKey) ?? [];
      expect(goals.length).toBeGreaterThanOrEqual(1);
      expect(goals.length).toBeLessThanOrEqual(3);
      expect(goals.some((g) => g.status === 'ACTIVE')).toBe(true);
    }
    const mentees = new Set(data.enrollments.filter((x) => x.role === 'MENTEE').map((e) => e.personKey));
    expect(data.goals.filter((g) => !mentees.has(g.personKey)).length).toBeGreaterThan(0);
    const active = data.goals.filter((g) => g.status === 'ACTIVE').length / data.goals.length;
    expect(active).toBeGreaterThan(0.75);
    expect(new Set(data.goals.map((g) => g.status))).toEqual(new Set(['ACTIVE', 'ACHIEVED', 'ABANDONED']));
    expect(new Set(data.goals.map((g) => g.priority))).toEqual(new Set([1, 2, 3]));
    expect(data.goals.map((g) => g.title)).toContain('Lead a cross-team design review');
  });

  it('goals are SMART: a measure, a baseline and a different target, skills that exist', () => {
    const data = org(2_500, 10);
    const skillKeys = new Set(data.skills.map((s) => s.key));
    for (const g of data.goals) {
      expect(g.measure.length).toBeGreaterThan(0);
      expect(g.target).not.toBe(g.baseline);
      expect(g.skillKeys.length).toBeGreaterThanOrEqual(1);
      expect(g.skillKeys.length).toBeLessThanOrEqual(3);
      for (const k of g.skillKeys) expect(skillKeys.has(k)).toBe(true);
      expect(g.title).not.toContain('{skill}');
    }
  });
});

describe('programmes and enrolments', () => {
  it('Growth Mentoring 2026 enrols ~15–20 % mentors (level ≥ 5, capacity 1–4) and 30–40 % mentees', () => {
    for (const [people, seed] of [[200, 1], [5_000, 2], [20_000, 3]] as const) {
      const data = org(people, seed);
      const prog = data.programmes.find((p) => p.key === DEMO_PROGRAMME_KEYS.growth);
      expect(prog).toMatchObject({ name: 'Growth Mentoring 2026', kind: 'MENTORING', expectedDurationMonths: 9, checkInCadenceDays: 14 });
      const mentors = enrolled(data, DEMO_PROGRAMME_KEYS.growth, 'MENTOR');
      const mentees = enrolled(data, DEMO_PROGRAMME_KEYS.growth, 'MENTEE');
      expect(mentors.length / people).toBeGreaterThanOrEqual(0.145);
      expect(mentors.length / people).toBeLessThanOrEqual(0.205);
      expect(mentees.length / people).toBeGreaterThanOrEqual(0.295);
      expect(mentees.length / people).toBeLessThanOrEqual(0.405);
      const persons = byKey(data);
      for (const m of mentors) {
        expect(persons.get(m.personKey)?.level).toBeGreaterThanOrEqual(5);
        expect(m.capacity).toBeGreaterThanOrEqual(1);
        expect(m.capacity).toBeLessThanOrEqual(4);
      }
      // Capacity is enough for most mentees.
      expect(mentors.reduce((a, m) => a + m.capacity, 0)).toBeGreaterThan(mentees.length);
    }
  });

  it('nobody is both mentor and mentee in one programme; REVERSE and COACHING have a few enrolments', () => {
    const data = org(5_000, 2);
    for (const prog of data.programmes) {
      const mentors = new Set(enrolled(data, prog.key, 'MENTOR').map((e) => e.personKey));
      for (const e of enrolled(data, prog.key, 'MENTEE')) expect(mentors.has(e.personKey)).toBe(false);
    }
    expect(data.programmes.map((p) => p.kind)).toEqual(['MENTORING', 'REVERSE', 'COACHING']);
    const persons = byKey(data);
    const reverseMentors = enrolled(data, DEMO_PROGRAMME_KEYS.reverse, 'MENTOR');
    const reverseMentees = enrolled(data, DEMO_PROGRAMME_KEYS.reverse, 'MENTEE');
    expect(reverseMentors.length).toBeGreaterThan(0);
    expect(reverseMentors.length).toBeLessThan(50);
    // In reverse mentoring the mentor is the junior one.
    for (const m of reverseMentors) expect(persons.get(m.personKey)?.level).toBeLessThanOrEqual(4);
    for (const m of reverseMentees) expect(persons.get(m.personKey)?.level).toBeGreaterThanOrEqual(7);
    expect(enrolled(data, DEMO_PROGRAMME_KEYS.coaching, 'MENTEE').length).toBeGreaterThan(0);
  });

  it('a handful of popular mentors (≈0.5 % of mentors, at least 3): very senior, expert in in-demand skills', () => {
    for (const [people, seed] of [[20, 1], [1_000, 2], [20_000, 3]] as const) {
      const data = org(people, seed);
      const mentors = enrolled(data, DEMO_PROGRAMME_KEYS.growth, 'MENTOR');
      const mentorKeys = new Set(mentors.map((m) => m.personKey));
      expect(data.popularMentorKeys.length).toBe(Math.min(mentors.length, Math.max(3, Math.round(mentors.length * 0.005))));
      for (const k of data.popularMentorKeys) expect(mentorKeys.has(k)).toBe(true);
      if (people < 1_000) continue;
      // Demand: skills in active mentee goals, weighted by priority.
      const mentees = new Set(enrolled(data, DEMO_PROGRAMME_KEYS.growth, 'MENTEE').map((e) => e.personKey));
      const demand = new Map<string, number>();
      for (const g of data.goals) if (g.status === 'ACTIVE' && mentees.has(g.personKey)) for (const k of g.skillKeys) demand.set(k, (demand.get(k) ?? 0) + g.priority);
      const top = new Set([...demand.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k]) => k));
      const persons = byKey(data);
      for (const k of data.popularMentorKeys) {
        expect(persons.get(k)?.level).toBeGreaterThanOrEqual(7);
        const expert = data.personSkills.filter((ps) => ps.personKey === k && ps.proficiency === 5 && ps.wantsToTeach);
        expect(expert.length).toBeGreaterThanOrEqual(6);
        expect(expert.filter((ps) => top.has(ps.skillKey)).length).toBeGreaterThanOrEqual(4);
      }
    }
  });

  it('every enrolled mentor is willing to teach at least one skill', () => {
    const data = org(2_500, 10);
    const teaches = new Set(data.personSkills.filter((ps) => ps.wantsToTeach).map((ps) => ps.personKey));
    for (const m of enrolled(data, DEMO_PROGRAMME_KEYS.growth, 'MENTOR')) expect(teaches.has(m.personKey)).toBe(true);
  });
});

describe('demo users', () => {
  it.each([[20, 1], [100, 2], [10_000, 11]])('exist with the right roles (%i people)', (people, seed) => {
    const data = org(people, seed);
    const persons = byKey(data);
    const { adminKey, coordinatorKey, mentorKey, menteeKey } = data.demoUsers;
    expect(persons.get(adminKey)?.title).toBe('Chief People Officer');
    expect(persons.get(coordinatorKey)?.division).toBe('People');
    expect(coordinatorKey).not.toBe(adminKey);
    expect(enrolled(data, DEMO_PROGRAMME_KEYS.growth, 'MENTOR').map((e) => e.personKey)).toContain(mentorKey);
    expect(enrolled(data, DEMO_PROGRAMME_KEYS.growth, 'MENTEE').map((e) => e.personKey)).toContain(menteeKey);
    expect(data.goals.filter((g) => g.personKey === menteeKey && g.status === 'ACTIVE').length).toBeGreaterThanOrEqual(1);
    if (people >= 100) {
      expect(new Set([adminKey, coordinatorKey, mentorKey, menteeKey]).size).toBe(4);
      // The demo pair is a sensible match: outside the mentee's chain of command.
      const d = depths(data);
      expect(d.length).toBe(people);
      for (let p = persons.get(menteeKey); p?.managerKey; p = persons.get(p.managerKey)) expect(p.managerKey).not.toBe(mentorKey);
    }
  });
});

describe('progress and speed', () => {
  it('reports progress about every 1,000 people and finishes at (total, total)', () => {
    const calls: [number, number][] = [];
    generateDemoOrg({ people: 3_500, seed: 1, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([[1_000, 3_500], [2_000, 3_500], [3_000, 3_500], [3_500, 3_500]]);
  });

  it('generates 10,000 people well under a second and 50,000 in a few seconds', () => {
    generateDemoOrg({ people: 2_000, seed: 99 }); // warm up the JIT
    let t = performance.now();
    const ten = generateDemoOrg({ people: 10_000, seed: 99 });
    const tenMs = performance.now() - t;
    t = performance.now();
    const fifty = generateDemoOrg({ people: 50_000, seed: 99 });
    const fiftyMs = performance.now() - t;
    console.info(`demo generator: 10k people in ${tenMs.toFixed(0)} ms, 50k in ${fiftyMs.toFixed(0)} ms`);
    expect(ten.people).toHaveLength(10_000);
    expect(fifty.people).toHaveLength(50_000);
    // Generous bounds: shared CI machines are noisy.
    expect(tenMs).toBeLessThan(1_500);
    expect(fiftyMs).toBeLessThan(8_000);
  });
});

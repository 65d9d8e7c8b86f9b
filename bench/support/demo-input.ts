/**
 * Turns a generated demo organisation into the engine's plain input, the same mapping the database
 * layer does (src/modules/matching/programme-data.ts) but without a database: benchmarks measure
 * the engine, and the seeding cost stays out of the figure.
 */
import type { DemoOrgData } from '../../src/db/demo/types.js';
import type { GoalInput, PersonInput, ProficiencyInput, ScoringInput, MatchingPolicy } from '../../src/matching/index.js';

export interface EngineWorkload {
  input: ScoringInput;
  mentees: number[];
  mentors: number[];
}

/**
 * `mentorCount` mentors are the most senior enrolled-or-eligible people (level ≥ 5), `menteeCount`
 * mentees the next people with goals; the org tree, skills and goals are the generator's.
 */
export function engineWorkload(data: DemoOrgData, opts: { mentees: number; mentors: number; policy: MatchingPolicy }): EngineWorkload {
  const index = new Map(data.people.map((p, i) => [p.key, i]));
  const dict = () => {
    const m = new Map<string, number>();
    return (s: string) => {
      let v = m.get(s);
      if (v === undefined) m.set(s, (v = m.size));
      return v;
    };
  };
  const division = dict();
  const department = dict();
  const location = dict();
  const language = dict();
  const people: PersonInput[] = data.people.map((p) => ({
    level: p.level,
    yearsExperience: p.yearsExperience,
    division: division(p.division),
    department: department(p.department),
    location: location(p.location),
    utcOffsetMinutes: p.utcOffsetMinutes,
    languages: p.languages.map(language),
    format: p.formatPreference,
    manager: p.managerKey ? index.get(p.managerKey)! : -1,
  }));
  const skillIndex = new Map(data.skills.map((s, i) => [s.key, i]));
  const skillParent = data.skills.map((s) => (s.parentKey ? skillIndex.get(s.parentKey)! : -1));
  const byLevel = data.people.map((p, i) => ({ i, level: p.level })).sort((a, b) => b.level - a.level || a.i - b.i);
  const mentors = byLevel.filter((p) => p.level >= 5).slice(0, opts.mentors).map((p) => p.i);
  const mentorSet = new Set(mentors);
  const withGoals = new Set(data.goals.map((g) => index.get(g.personKey)!));
  const mentees = data.people.map((_, i) => i).filter((i) => !mentorSet.has(i) && withGoals.has(i)).slice(0, opts.mentees);
  const proficiencies: ProficiencyInput[] = data.personSkills
    .filter((ps) => mentorSet.has(index.get(ps.personKey)!))
    .map((ps) => ({ person: index.get(ps.personKey)!, skill: skillIndex.get(ps.skillKey)!, proficiency: ps.proficiency, wantsToTeach: ps.wantsToTeach }));
  const goals: GoalInput[] = data.goals.map((g) => ({ person: index.get(g.personKey)!, skills: g.skillKeys.map((k) => skillIndex.get(k)!), priority: g.priority, active: g.status === 'ACTIVE' }));
  const capacityOf = (i: number) => 1 + ((i * 2654435761) >>> 0) % 5; // 1–5, deterministic
  return {
    input: {
      people,
      skillParent,
      proficiencies,
      goals,
      policy: opts.policy,
      enrolment: { mentors: mentors.map((m) => ({ person: m, capacityLeft: capacityOf(m) })), mentees },
    },
    mentees,
    mentors,
  };
}

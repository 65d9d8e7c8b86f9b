/**
 * Structural checks and summary statistics for generated demo organisations. Pure; used by the
 * generator's tests and usable by the seed loader or benchmarks as a cheap sanity check.
 */
import type { DemoOrgData } from './types.js';

export const MIN_SPAN = 3;
export const MAX_SPAN = 12;
export const MAX_DEPTH = 9;

export interface DemoOrgStats {
  people: number;
  /** Levels of the org chart, CEO = 1. */
  depth: number;
  managers: number;
  minSpan: number;
  maxSpan: number;
  /** Index = level (0 unused). */
  peopleByLevel: number[];
  /** programme key → { mentors, mentees }. */
  enrollmentsByProgramme: Record<string, { mentors: number; mentees: number }>;
}

/** Depth of every person (CEO = 1), by index in `people`; -1 where the manager chain is broken. */
export function depths(data: DemoOrgData): number[] {
  const index = new Map<string, number>();
  data.people.forEach((p, i) => index.set(p.key, i));
  const out: number[] = [];
  data.people.forEach((p, i) => {
    if (p.managerKey === null) {
      out.push(1);
      return;
    }
    const m = index.get(p.managerKey);
    const md = m === undefined || m >= i ? -1 : (out[m] ?? -1);
    out.push(md < 0 ? -1 : md + 1);
  });
  return out;
}

export function demoOrgStats(data: DemoOrgData): DemoOrgStats {
  const reports = new Map<string, number>();
  for (const p of data.people) if (p.managerKey !== null) reports.set(p.managerKey, (reports.get(p.managerKey) ?? 0) + 1);
  const spans = [...reports.values()];
  const peopleByLevel = new Array<number>(11).fill(0);
  for (const p of data.people) peopleByLevel[p.level] = (peopleByLevel[p.level] ?? 0) + 1;
  const enrollmentsByProgramme: Record<string, { mentors: number; mentees: number }> = {};
  for (const prog of data.programmes) enrollmentsByProgramme[prog.key] = { mentors: 0, mentees: 0 };
  for (const e of data.enrollments) {
    const entry = enrollmentsByProgramme[e.programmeKey];
    if (!entry) continue;
    if (e.role === 'MENTOR') entry.mentors++;
    else entry.mentees++;
  }
  return {
    people: data.people.length,
    depth: extreme(depths(data), Math.max, 0),
    managers: spans.length,
    minSpan: extreme(spans, Math.min, 0),
    maxSpan: extreme(spans, Math.max, 0),
    peopleByLevel,
    enrollmentsByProgramme,
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Math.max/min over large arrays without spreading them onto the call stack. */
function extreme(xs: Iterable<number>, pick: (a: number, b: number) => number, empty: number): number {
  let out: number | undefined;
  for (const x of xs) out = out === undefined ? x : pick(out, x);
  return out ?? empty;
}

/**
 * Every invariant the generator promises; returns human-readable violations (empty = valid),
 * at most `limit` of them.
 */
export function validateDemoOrg(data: DemoOrgData, limit = 50): string[] {
  const problems: string[] = [];
  const fail = (msg: string): void => {
    if (problems.length < limit) problems.push(msg);
  };

  // People and the tree.
  const personIndex = new Map<string, number>();
  const emails = new Set<string>();
  const names = new Set<string>();
  data.people.forEach((p, i) => {
    if (personIndex.has(p.key)) fail(`duplicate person key ${p.key}`);
    personIndex.set(p.key, i);
    if (emails.has(p.email)) fail(`duplicate email ${p.email}`);
    emails.add(p.email);
    if (names.has(p.name)) fail(`duplicate name ${p.name}`);
    names.add(p.name);
    if (!/^[a-z0-9.-]+@[a-z0-9.-]+$/.test(p.email)) fail(`malformed email ${p.email}`);
    if (!Number.isInteger(p.level) || p.level < 1 || p.level > 10) fail(`${p.key}: level ${p.level} out of 1..10`);
    if (!Number.isInteger(p.yearsExperience) || p.yearsExperience < 0) fail(`${p.key}: bad yearsExperience ${p.yearsExperience}`);
    if (p.languages.length === 0 || new Set(p.languages).size !== p.languages.length) fail(`${p.key}: bad languages ${p.languages.join(',')}`);
    if (!p.title || !p.division || !p.department || !p.team || !p.location || !p.timezone) fail(`${p.key}: empty descriptive field`);
  });
  const roots = data.people.filter((p) => p.managerKey === null);
  if (roots.length !== 1) fail(`expected exactly one root, found ${roots.length}`);
  else if (data.people[0]?.managerKey !== null) fail('the root must be the first person');
  else if (roots[0]?.level !== 10) fail('the root must be level 10');
  const reports = new Map<string, number>();
  data.people.forEach((p, i) => {
    if (p.managerKey === null) return;
    const m = personIndex.get(p.managerKey);
    if (m === undefined) return fail(`${p.key}: unknown manager ${p.managerKey}`);
    if (m >= i) fail(`${p.key}: manager ${p.managerKey} does not precede the report`);
    const manager = data.people[m];
    if (manager && manager.level <= p.level) fail(`${p.key} (level ${p.level}) is not junior to manager ${manager.key} (level ${manager.level})`);
    reports.set(p.managerKey, (reports.get(p.managerKey) ?? 0) + 1);
  });
  for (const [key, n] of reports) if (n < MIN_SPAN || n > MAX_SPAN) fail(`${key}: span ${n} outside ${MIN_SPAN}..${MAX_SPAN}`);
  const ds = depths(data);
  const depth = extreme(ds, Math.max, 0);
  if (ds.includes(-1)) fail('broken manager chain');
  if (depth > MAX_DEPTH) fail(`depth ${depth} > ${MAX_DEPTH}`);
  const zones = new Map<string, string>();
  for (const p of data.people) {
    const z = `${p.timezone}|${p.utcOffsetMinutes}`;
    const seen = zones.get(p.location);
    if (seen === undefined) zones.set(p.location, z);
    else if (seen !== z) fail(`${p.location} has two time zones: ${seen} and ${z}`);
  }

  // Skills.
  const skillKeys = new Set<string>();
  for (const s of data.skills) {
    if (skillKeys.has(s.key)) fail(`duplicate skill key ${s.key}`);
    if (s.parentKey !== null && !skillKeys.has(s.parentKey)) fail(`skill ${s.key}: parent ${s.parentKey} does not precede it`);
    skillKeys.add(s.key);
  }
  const perPerson = new Map<string, Set<string>>();
  for (const ps of data.personSkills) {
    if (!personIndex.has(ps.personKey)) fail(`personSkill: unknown person ${ps.personKey}`);
    if (!skillKeys.has(ps.skillKey)) fail(`personSkill: unknown skill ${ps.skillKey}`);
    if (!Number.isInteger(ps.proficiency) || ps.proficiency < 1 || ps.proficiency > 5) fail(`personSkill ${ps.personKey}/${ps.skillKey}: proficiency ${ps.proficiency}`);
    let set = perPerson.get(ps.personKey);
    if (!set) perPerson.set(ps.personKey, (set = new Set()));
    if (set.has(ps.skillKey)) fail(`personSkill ${ps.personKey}/${ps.skillKey} duplicated`);
    set.add(ps.skillKey);
  }
  for (const p of data.people) {
    const n = perPerson.get(p.key)?.size ?? 0;
    if (n < 4 || n > 12) fail(`${p.key} has ${n} skills (expected 4..12)`);
  }

  // Goals.
  const goalKeys = new Set<string>();
  const activeGoalOwners = new Set<string>();
  for (const g of data.goals) {
    if (goalKeys.has(g.key)) fail(`duplicate goal key ${g.key}`);
    goalKeys.add(g.key);
    if (!personIndex.has(g.personKey)) fail(`goal ${g.key}: unknown person ${g.personKey}`);
    if (g.skillKeys.length < 1 || g.skillKeys.length > 3) fail(`goal ${g.key}: ${g.skillKeys.length} skills`);
    for (const k of g.skillKeys) if (!skillKeys.has(k)) fail(`goal ${g.key}: unknown skill ${k}`);
    if (!Number.isInteger(g.priority) || g.priority < 1 || g.priority > 3) fail(`goal ${g.key}: priority ${g.priority}`);
    if (!ISO_DATE.test(g.dueDate) || Number.isNaN(Date.parse(g.dueDate))) fail(`goal ${g.key}: bad due date ${g.dueDate}`);
    if (g.baseline === g.target) fail(`goal ${g.key}: baseline equals target`);
    if (!g.title || !g.measure) fail(`goal ${g.key}: empty title or measure`);
    if (g.status === 'ACTIVE') activeGoalOwners.add(g.personKey);
  }

  // Programmes and enrolments.
  const programmeKeys = new Set<string>();
  for (const prog of data.programmes) {
    if (programmeKeys.has(prog.key)) fail(`duplicate programme key ${prog.key}`);
    programmeKeys.add(prog.key);
  }
  const enrolled = new Map<string, 'MENTOR' | 'MENTEE'>();
  for (const e of data.enrollments) {
    if (!programmeKeys.has(e.programmeKey)) fail(`enrollment: unknown programme ${e.programmeKey}`);
    if (!personIndex.has(e.personKey)) fail(`enrollment: unknown person ${e.personKey}`);
    const id = `${e.programmeKey}|${e.personKey}`;
    const prev = enrolled.get(id);
    if (prev !== undefined) fail(`${e.personKey} enrolled twice in ${e.programmeKey}${prev !== e.role ? ' as both mentor and mentee' : ''}`);
    enrolled.set(id, e.role);
    if (!Number.isInteger(e.capacity) || e.capacity < 1) fail(`enrollment ${id}: capacity ${e.capacity}`);
  }
  const roleIn = (personKey: string): Set<string> => {
    const roles = new Set<string>();
    for (const prog of data.programmes) {
      const r = enrolled.get(`${prog.key}|${personKey}`);
      if (r) roles.add(`${prog.kind}:${r}`);
    }
    return roles;
  };
  for (const k of data.popularMentorKeys) if (!roleIn(k).has('MENTORING:MENTOR')) fail(`popular mentor ${k} is not an enrolled MENTORING mentor`);
  const { adminKey, coordinatorKey, mentorKey, menteeKey } = data.demoUsers;
  for (const k of [adminKey, coordinatorKey, mentorKey, menteeKey]) if (!personIndex.has(k)) fail(`demo user ${k} does not exist`);
  if (!roleIn(mentorKey).has('MENTORING:MENTOR')) fail(`demo mentor ${mentorKey} is not an enrolled mentor`);
  if (!roleIn(menteeKey).has('MENTORING:MENTEE')) fail(`demo mentee ${menteeKey} is not an enrolled mentee`);
  if (!activeGoalOwners.has(menteeKey)) fail(`demo mentee ${menteeKey} has no active goals`);
  return problems;
}

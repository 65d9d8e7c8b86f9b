/**
 * A seeded synthetic programme for the scorer: an organisation shaped like a real one (CEO,
 * divisions, departments, teams of 3–9), people stored in shuffled order as a database would hand
 * them over, a skill taxonomy, and a programme with a few popular mentors. Used by the scoring
 * benchmark and by the scorer's unit tests.
 */
import { defaultPolicy, type MatchingPolicy } from '../../src/matching/policy.js';
import type { GoalInput, MeetingFormat, PersonInput, ProficiencyInput, ScoringInput } from '../../src/matching/types.js';
import { seededRandom } from './random.js';

export interface ProgrammeShape {
  people: number;
  mentees: number;
  mentors: number;
  skills?: number;
  seed: number;
  policy?: MatchingPolicy;
}

const LOCATIONS = 12;
const FORMAT_LIST: readonly MeetingFormat[] = ['IN_PERSON', 'REMOTE', 'HYBRID'];

export function generateProgramme(shape: ProgrammeShape): ScoringInput {
  const random = seededRandom(shape.seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const n = shape.people;

  // Breadth-first org chart in hierarchy order, then shuffled into storage order.
  const parentH = new Int32Array(n).fill(-1);
  const depthH = new Int32Array(n);
  for (let next = 1, boss = 0; next < n; boss++) {
    const reports = boss === 0 ? int(5, 8) : int(3, 9);
    for (let r = 0; r < reports && next < n; r++, next++) {
      parentH[next] = boss;
      depthH[next] = depthH[boss]! + 1;
    }
  }
  const unitH = new Int32Array(n);
  const deptH = new Int32Array(n);
  for (let v = 1; v < n; v++) {
    const p = parentH[v]!;
    unitH[v] = depthH[v] === 1 ? v : unitH[p]!;
    deptH[v] = depthH[v]! <= 2 ? v : deptH[p]!;
  }
  const storage = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = int(0, i);
    const t = storage[i]!;
    storage[i] = storage[j]!;
    storage[j] = t;
  }
  const divisionId = new Map<number, number>();
  const departmentId = new Map<number, number>();
  const dense = (map: Map<number, number>, key: number): number => {
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = map.size));
    return id;
  };

  const people: PersonInput[] = new Array<PersonInput>(n);
  for (let h = 0; h < n; h++) {
    const location = int(0, LOCATIONS - 1);
    const languages = [location % 6];
    if (languages[0] !== 0 && random() < 0.8) languages.push(0);
    if (random() < 0.15) languages.push(int(6, 9));
    people[storage[h]!] = {
      level: Math.max(1, Math.min(10, 10 - depthH[h]! - int(0, 1))),
      yearsExperience: Math.max(0, (10 - depthH[h]!) * 2.5 + int(-4, 6)),
      division: h === 0 ? -1 : dense(divisionId, unitH[h]!),
      department: depthH[h]! < 2 ? -1 : dense(departmentId, deptH[h]!),
      location,
      utcOffsetMinutes: [-480, -300, 0, 60, 120, 330, 480, 540, 600, -180, 60, 0][location]!,
      languages,
      format: FORMAT_LIST[int(0, 2)]!,
      manager: parentH[h]! < 0 ? -1 : storage[parentH[h]!]!,
    };
  }

  const skillCount = shape.skills ?? 200;
  const roots = Math.max(1, Math.floor(skillCount / 10));
  const skillParent = Int32Array.from({ length: skillCount }, (_, s) => (s < roots ? -1 : s % roots));

  // Mentors: people senior enough for the programme's rule, a handful made popular.
  const policy = shape.policy ?? defaultPolicy('MENTORING');
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => people[b]!.level - people[a]!.level || a - b);
  const mentorPool = order.slice(0, Math.min(n, shape.mentors * 3));
  const chosen = new Uint8Array(n);
  const mentors: { person: number; capacityLeft: number }[] = [];
  while (mentors.length < shape.mentors) {
    const p = mentorPool[int(0, mentorPool.length - 1)]!;
    if (chosen[p]) continue;
    chosen[p] = 1;
    mentors.push({ person: p, capacityLeft: int(1, 3) });
  }
  const mentees: number[] = [];
  while (mentees.length < shape.mentees) {
    const p = int(0, n - 1);
    if (chosen[p]) continue;
    chosen[p] = 2;
    mentees.push(p);
  }

  const proficiencies: ProficiencyInput[] = [];
  const popular = new Set(mentors.slice(0, Math.max(1, Math.floor(mentors.length / 100))).map((m) => m.person));
  for (const { person } of mentors) {
    const count = popular.has(person) ? 15 : int(3, 8);
    const seen = new Set<number>();
    for (let i = 0; i < count; i++) {
      const skill = int(0, skillCount - 1);
      if (seen.has(skill)) continue;
      seen.add(skill);
      proficiencies.push({ person, skill, proficiency: popular.has(person) ? int(4, 5) : int(1, 5), wantsToTeach: random() < 0.7 });
    }
  }
  const goals: GoalInput[] = [];
  for (const person of mentees) {
    const count = int(0, 4);
    for (let g = 0; g < count; g++) {
      const skills = Array.from({ length: int(1, 3) }, () => int(0, skillCount - 1));
      goals.push({ person, skills, priority: int(1, 3), active: random() < 0.85, title: `Goal ${g + 1}` });
    }
  }
  const excluded = Array.from({ length: Math.floor(mentees.length / 50) }, () => ({
    mentor: mentors[int(0, mentors.length - 1)]!.person,
    mentee: mentees[int(0, mentees.length - 1)]!,
  }));

  return { people, skillParent, proficiencies, goals, policy, enrolment: { mentors, mentees }, excluded };
}

/**
 * Scoring throughput: the typed-array scorer against the obvious implementation of the same model
 * (person objects, Maps, a Set per pair for the chain of command), both run in this process on the
 * same generated programme. Also checks that the two agree, so the speed is not bought with a
 * different answer.
 *
 *   npx tsc --outDir /tmp/benchout --rootDir . --module NodeNext --moduleResolution NodeNext \
 *     --target ES2022 --strict --skipLibCheck bench/scoring.bench.ts && node /tmp/benchout/bench/scoring.bench.js
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildCandidateGraph } from '../src/matching/candidates.js';
import { buildScoringContext } from '../src/matching/context.js';
import {
  EXPERIENCE,
  FORMAT_FIT,
  FORMAT_CODE,
  GOALS,
  PRACTICAL,
  REACH,
  levelGapFit,
  proficiencyStrength,
  workingHoursOverlap,
  yearsGapFit,
} from '../src/matching/model.js';
import { DEFAULT_PEER_MAX_LEVEL_GAP, defaultPolicy, type MatchingPolicy } from '../src/matching/policy.js';
import { scoreMentorsInto, scorePair } from '../src/matching/scoring.js';
import type { GoalInput, MeetingFormat, PersonInput, ProficiencyInput, ScoringInput } from '../src/matching/types.js';

// ---------------------------------------------------------------------------------------------
// Seeded generator: an organisation shaped like a real one (CEO, divisions, departments, teams of
// 3–9), people stored in shuffled order as a database would hand them over, a skill taxonomy, and
// a programme with a few popular mentors.

/** mulberry32: tiny, fast, good enough for synthetic data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  const random = rng(shape.seed);
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

// ---------------------------------------------------------------------------------------------
// The obvious implementation of the same model: objects, Maps and strings, no precomputed columns.

export interface NaiveResult {
  blocked: boolean;
  total: number;
  breakdown: { experience: number; goals: number; reach: number; practical: number };
}

export function naiveScorer(input: ScoringInput): (mentor: number, mentee: number) => NaiveResult {
  const { people, policy } = input;
  const skillsOf = new Map<number, Map<number, ProficiencyInput>>();
  for (const p of input.proficiencies) {
    if (!skillsOf.has(p.person)) skillsOf.set(p.person, new Map());
    skillsOf.get(p.person)!.set(p.skill, p);
  }
  const listOf = <T>(map: Map<number, T[]>, key: number): T[] => {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    return list;
  };
  const goalsOf = new Map<number, GoalInput[]>();
  for (const g of input.goals) listOf(goalsOf, g.person).push(g);
  const childrenOf = new Map<number, number[]>();
  const parentOf = (s: number): number => input.skillParent[s]!;
  for (let s = 0; s < input.skillParent.length; s++) listOf(childrenOf, parentOf(s)).push(s);
  const reportsOf = new Map<number, number[]>();
  people.forEach((p, i) => listOf(reportsOf, p.manager).push(i));
  const teamSize = new Map<number, number>();
  const sizeOf = (v: number): number => {
    // Iterative post-order; deep trees must not overflow the stack.
    const stack = [v];
    const post: number[] = [];
    while (stack.length) {
      const x = stack.pop()!;
      post.push(x);
      stack.push(...(reportsOf.get(x) ?? []));
    }
    for (const x of post.reverse()) teamSize.set(x, 1 + (reportsOf.get(x) ?? []).reduce((s, c) => s + teamSize.get(c)!, 0));
    return teamSize.get(v)!;
  };
  for (const root of reportsOf.get(-1) ?? []) sizeOf(root);
  const mentees = new Set(input.enrolment.mentees);
  const capacity = new Map(input.enrolment.mentors.map((m) => [m.person, m.capacityLeft]));
  const excluded = new Set((input.excluded ?? []).map((p) => `${p.mentor}:${p.mentee}`));
  const ancestors = (v: number): number[] => {
    const out: number[] = [];
    for (let x = people[v]!.manager; x >= 0; x = people[x]!.manager) out.push(x);
    return out;
  };
  const w = policy.weights;
  const weightSum = w.experience + w.goals + w.reach + w.practical;
  const differ = (a: number, b: number): boolean => a !== b && a >= 0 && b >= 0;

  return (mentorIdx, menteeIdx) => {
    const mentor = people[mentorIdx]!;
    const mentee = people[menteeIdx]!;
    const diff = mentor.level - mentee.level;
    const gap = policy.kind === 'PEER' ? Math.abs(diff) : policy.kind === 'REVERSE' ? -diff : diff;
    const mentorLine = ancestors(mentorIdx);
    const menteeLine = new Set(ancestors(menteeIdx));
    const inChain = menteeLine.has(mentorIdx) || mentorLine.includes(menteeIdx);
    const shared = mentor.languages.filter((l) => mentee.languages.includes(l));
    const blocked =
      mentorIdx === menteeIdx ||
      !capacity.has(mentorIdx) ||
      !mentees.has(menteeIdx) ||
      capacity.get(mentorIdx)! <= 0 ||
      (policy.kind === 'PEER' ? gap > (policy.peerMaxLevelGap ?? DEFAULT_PEER_MAX_LEVEL_GAP) : gap < policy.minLevelGap) ||
      (inChain && !policy.allowChainOfCommand) ||
      (mentor.languages.length > 0 && mentee.languages.length > 0 && shared.length === 0) ||
      excluded.has(`${mentorIdx}:${menteeIdx}`);

    const yd = mentor.yearsExperience - mentee.yearsExperience;
    const yearsGap = policy.kind === 'PEER' ? Math.abs(yd) : policy.kind === 'REVERSE' ? -yd : yd;
    const experience =
      EXPERIENCE.levelShare * levelGapFit(gap, policy.idealLevelGap) +
      EXPERIENCE.yearsShare * yearsGapFit(yearsGap, policy.idealLevelGap * EXPERIENCE.yearsPerLevel);

    const mine = skillsOf.get(mentorIdx) ?? new Map<number, ProficiencyInput>();
    const strengthIn = (skill: number): number => {
      const credit = (s: number, factor: number): number => {
        const p = mine.get(s);
        return p ? factor * proficiencyStrength(p.proficiency, p.wantsToTeach) : 0;
      };
      let best = credit(skill, 1);
      for (const child of childrenOf.get(skill) ?? []) best = Math.max(best, credit(child, GOALS.narrowerCredit));
      const parent = parentOf(skill);
      if (parent >= 0) {
        best = Math.max(best, credit(parent, GOALS.broaderCredit));
        for (const sibling of childrenOf.get(parent) ?? []) if (sibling !== skill) best = Math.max(best, credit(sibling, GOALS.siblingCredit));
      }
      return best;
    };
    const active = (goalsOf.get(menteeIdx) ?? []).filter((g) => g.active && g.skills.length > 0);
    let goals: number = GOALS.neutral;
    if (active.length > 0) {
      const totalPriority = active.reduce((s, g) => s + g.priority, 0);
      goals = Math.min(1, active.reduce((s, g) => {
        const skills = [...new Set(g.skills)];
        return s + (g.priority / totalPriority) * (skills.reduce((t, k) => t + strengthIn(k), 0) / skills.length);
      }, 0));
    }

    const common = menteeLine.has(mentorIdx) ? mentorIdx : mentorLine.find((a) => a === menteeIdx || menteeLine.has(a));
    const depthOf = (v: number): number => ancestors(v).length;
    const depthSum = mentorLine.length + menteeLine.size;
    const apart = common === undefined ? 1 : depthSum === 0 ? 0 : (depthSum - 2 * depthOf(common)) / depthSum;
    const opening = 0.5 * ((mentor.level - 1) / 9) + 0.5 * (Math.log1p(teamSize.get(mentorIdx)! - 1) / Math.log1p(Math.max(1, people.length - 1)));
    const reach =
      REACH.distance * apart +
      REACH.opening * opening +
      (differ(mentor.division, mentee.division) ? REACH.division : 0) +
      (differ(mentor.division, mentee.division) || differ(mentor.department, mentee.department) ? REACH.department : 0) +
      (differ(mentor.location, mentee.location) ? REACH.location : 0);

    const overlap = workingHoursOverlap(mentor.utcOffsetMinutes, mentee.utcOffsetMinutes) / PRACTICAL.workdayMinutes;
    const language =
      mentor.languages.length === 0 || mentee.languages.length === 0
        ? PRACTICAL.unknownLanguage
        : mentor.languages.includes(mentee.languages[0]!)
          ? PRACTICAL.primaryLanguage
          : shared.length > 0
            ? PRACTICAL.otherLanguage
            : 0;
    const inPerson = mentor.format === 'IN_PERSON' || mentee.format === 'IN_PERSON';
    const format =
      FORMAT_FIT[FORMAT_CODE[mentor.format] * 3 + FORMAT_CODE[mentee.format]]! *
      (inPerson && differ(mentor.location, mentee.location) ? PRACTICAL.inPersonApart : 1);
    const practical = PRACTICAL.timeZone * overlap + PRACTICAL.language * language + PRACTICAL.format * format;

    const total =
      100 * ((w.experience / weightSum) * experience + (w.goals / weightSum) * goals + (w.reach / weightSum) * reach + (w.practical / weightSum) * practical);
    return { blocked, total: Math.min(100, total), breakdown: { experience, goals, reach, practical } };
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * Wall time and the process's CPU time. The figure that matters is pairs per CPU-second — "per
 * core" — which stays honest when other processes share the machine; wall time is shown beside it.
 */
function time<T>(run: () => T): { result: T; wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = run();
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpuStart);
  return { result, wall, cpu: (used.user + used.system) / 1e6 };
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
const rate = (pairs: number, seconds: number): string => `${(pairs / seconds / 1e6).toFixed(1).padStart(6)} M pairs/s`;
const line = (label: string, pairs: number, t: { wall: number; cpu: number }, note = ''): void => {
  console.log(`  ${label.padEnd(26)}${rate(pairs, t.cpu)} per core  (wall ${t.wall.toFixed(2)} s${note})`);
};

function benchOne(label: string, shape: ProgrammeShape): void {
  const input = generateProgramme(shape);
  const build = time(() => buildScoringContext(input));
  const ctx = build.result;
  const { mentees, mentors } = ctx;
  const pairs = mentees.length * mentors.length;
  console.log(
    `\n${label}: ${fmt(shape.people)} people, ${fmt(mentees.length)} mentees × ${fmt(mentors.length)} mentors = ${fmt(pairs)} pairs, ${shape.skills ?? 200} skills`,
  );
  console.log(`  ${'context build'.padEnd(26)}${(build.wall * 1000).toFixed(0)} ms`);

  // Warm-up, so the JIT has settled before anything is timed.
  const row = new Float64Array(mentors.length);
  let sink = 0;
  for (let i = 0; i < Math.min(300, mentees.length); i++) {
    scoreMentorsInto(ctx, mentees[i]!, row);
    for (let j = 0; j < mentors.length; j++) sink += scorePair(ctx, mentors[j]!, mentees[i]!) + row[j]!;
  }

  // Best of three: the sweep is the figure that matters, and one run on a shared machine is noisy.
  const sweeps = [1, 2, 3].map(() =>
    time(() => {
      let sum = 0;
      for (let i = 0; i < mentees.length; i++) {
        scoreMentorsInto(ctx, mentees[i]!, row);
        sum += row[i % mentors.length]!;
      }
      return sum;
    }),
  );
  const sweep = sweeps.reduce((best, t) => (t.cpu < best.cpu ? t : best));
  const single = time(() => {
    let sum = 0;
    for (let i = 0; i < mentees.length; i++) {
      const mentee = mentees[i]!;
      for (let j = 0; j < mentors.length; j++) sum += scorePair(ctx, mentors[j]!, mentee);
    }
    return sum;
  });
  sink += sweep.result + single.result;
  const full = time(() => buildCandidateGraph(ctx, mentees, mentors));
  const pruned = time(() => buildCandidateGraph(ctx, mentees, mentors, { topK: 20 }));
  line('scoring sweep', pairs, sweep, ', scoreMentorsInto, best of 3');
  line('scorePair, pair by pair', pairs, single);
  line('candidate graph, full', pairs, full, `, ${fmt(full.result.stats.edges)} edges, ${fmt(full.result.stats.blocked)} pairs blocked`);
  line('candidate graph, top-20', pairs, pruned, `, ${fmt(pruned.result.stats.edges)} edges`);

  // The naive scorer is slow; time it on a slice of mentees against every mentor.
  const naive = naiveScorer(input);
  const sampleMentees = Math.max(1, Math.min(mentees.length, Math.floor(300_000 / mentors.length)));
  for (let j = 0; j < Math.min(mentors.length, 2000); j++) naive(mentors[j]!, mentees[0]!);
  const slow = time(() => {
    let sum = 0;
    for (let i = 0; i < sampleMentees; i++) {
      for (let j = 0; j < mentors.length; j++) {
        const r = naive(mentors[j]!, mentees[i]!);
        sum += r.blocked ? -1 : r.total;
      }
    }
    return sum;
  });
  sink += slow.result;
  const slowPairs = sampleMentees * mentors.length;
  line('naive baseline', slowPairs, slow, `, ${fmt(slowPairs)} pairs sampled`);
  console.log(`  ${'speed-up'.padEnd(26)}${(pairs / sweep.cpu / (slowPairs / slow.cpu)).toFixed(1).padStart(6)}× the naive scorer (sweep), ${(pairs / single.cpu / (slowPairs / slow.cpu)).toFixed(1)}× (scorePair)`);

  let maxDiff = 0;
  let disagreements = 0;
  for (let i = 0; i < sampleMentees; i++) {
    scoreMentorsInto(ctx, mentees[i]!, row);
    for (let j = 0; j < mentors.length; j++) {
      const fast = row[j]!;
      const r = naive(mentors[j]!, mentees[i]!);
      if (fast < 0 !== r.blocked) disagreements++;
      else if (fast >= 0) maxDiff = Math.max(maxDiff, Math.abs(fast - r.total));
    }
  }
  console.log(`  ${'agreement with naive'.padEnd(26)}${disagreements} blocking disagreements, max score difference ${maxDiff.toExponential(1)} (float32 strengths)`);
  if (Number.isNaN(sink)) console.log('unreachable');
}

export async function runScoringBench(): Promise<void> {
  console.log(`Scoring benchmark — node ${process.version}, one thread; rates are pairs per CPU-second`);
  benchOne('Programme', { people: 20_000, mentees: 5_000, mentors: 2_000, seed: 42 });
  benchOne('Large programme', { people: 60_000, mentees: 20_000, mentors: 5_000, skills: 400, seed: 7 });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runScoringBench();
}

/**
 * The obvious implementation of the scoring model — objects, Maps and strings, no precomputed
 * columns — written apart from src/matching/scoring.ts. The scoring benchmark measures the real
 * scorer against it, and the scorer's property tests check that the two agree.
 */
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
} from '../../src/matching/model.js';
import { DEFAULT_PEER_MAX_LEVEL_GAP } from '../../src/matching/policy.js';
import type { GoalInput, ProficiencyInput, ScoringInput } from '../../src/matching/types.js';


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


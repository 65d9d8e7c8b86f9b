/**
 * The scoring model's shape: how each component is put together and the curves behind it. Kept in
 * one place so the fast scorer, the explanations and any reference implementation agree by
 * construction. Every share table sums to 1, which with sub-scores in [0,1] keeps each component
 * in [0,1].
 */
import type { MeetingFormat } from './types.js';

export const COMPONENTS = ['experience', 'goals', 'reach', 'practical'] as const;
export type ComponentName = (typeof COMPONENTS)[number];

/** Slot of each component in a breakdown buffer (see `scoreComponentsInto`). */
export const Component = { experience: 0, goals: 1, reach: 2, practical: 3 } as const;

/**
 * What the scoring loop records per pair for explanations, after the four components at their
 * `Component` slots: the sub-scores and facts the reasons are written from, so the words can never
 * tell a different story from the number.
 */
export const Detail = {
  levelFit: 4,
  yearsFit: 5,
  /** Share of the org-chart path above the lowest common manager (see `orgApart`). */
  orgApart: 6,
  /** Depth of the lowest common manager, -1 when there is none. */
  commonManagerDepth: 7,
  overlapMinutes: 8,
  language: 9,
  format: 10,
} as const;
export const DETAIL_WIDTH = 11;

export const EXPERIENCE = {
  /** Level is the programme's own currency; years only nudge between people at the same levels. */
  levelShare: 0.75,
  yearsShare: 0.25,
  /**
   * Spreads of the peak around the ideal gap. Narrower below: a mentor barely ahead teaches little.
   * Wider above: a big gap costs relatability, but slowly.
   */
  levelSpreadBelow: 1.5,
  levelSpreadAbove: 3,
  /** Years of experience one level is worth when turning the ideal level gap into years. */
  yearsPerLevel: 2.5,
  yearsSpreadBelow: 3,
  yearsSpreadAbove: 8,
} as const;

export const GOALS = {
  /** Goals fit of a mentee without active goals: nothing to reward, nothing to hold against. */
  neutral: 0.5,
  /** An expert who would rather not teach a skill is still worth most of their expertise. */
  reluctantTeacher: 0.8,
  /**
   * Credit for a related skill, as a share of the mentor's strength in it: the wider field the goal
   * skill belongs to (its parent), a speciality within it (a child), or a neighbour under the same
   * parent. One step only — two steps away is a different subject.
   */
  broaderCredit: 0.5,
  narrowerCredit: 0.5,
  siblingCredit: 0.3,
  /** A goal counts as "covered" in reasons from this coverage on. */
  coveredFrom: 0.5,
} as const;

export const REACH = {
  /** How far up the org chart the two reporting lines meet (see `orgApart`). */
  distance: 0.4,
  /** Another division; it also counts as another department, even for a VP who has none. */
  division: 0.2,
  department: 0.15,
  location: 0.1,
  /** The mentor's seniority and span: how many doors their position opens. */
  opening: 0.15,
} as const;

export const PRACTICAL = {
  timeZone: 0.5,
  language: 0.25,
  format: 0.25,
  /** Both work 9:00–17:00 local time; overlap is what is left after the offset shift. */
  workdayMinutes: 8 * 60,
  /** Sharing the mentee's primary language beats sharing another; unknown is neutral. */
  primaryLanguage: 1,
  otherLanguage: 0.75,
  unknownLanguage: 0.5,
  /** In-person meetings across locations are hard, so any in-person preference is halved then. */
  inPersonApart: 0.5,
} as const;

export const FORMAT_CODE: Readonly<Record<MeetingFormat, number>> = { IN_PERSON: 0, REMOTE: 1, HYBRID: 2 };
export const FORMATS: readonly MeetingFormat[] = ['IN_PERSON', 'REMOTE', 'HYBRID'];
export const IN_PERSON = 0;

/** Fit of two format preferences, row = mentor, column = mentee, by FORMAT_CODE. */
export const FORMAT_FIT: readonly number[] = [
  /* IN_PERSON */ 1, 0.25, 0.75,
  /* REMOTE    */ 0.25, 1, 0.75,
  /* HYBRID    */ 0.75, 0.75, 1,
];

/** Mentor strength in a skill: proficiency 1–5 scaled into (0,1], discounted if they'd rather not teach it. */
export function proficiencyStrength(proficiency: number, wantsToTeach: boolean): number {
  return (proficiency / 5) * (wantsToTeach ? 1 : GOALS.reluctantTeacher);
}

/** Peak of 1 at the ideal gap, asymmetric Gaussian fall-off either side. */
export function levelGapFit(gap: number, idealGap: number): number {
  const off = gap - idealGap;
  const t = off / (off < 0 ? EXPERIENCE.levelSpreadBelow : EXPERIENCE.levelSpreadAbove);
  return Math.exp(-t * t);
}

/** Same idea for years, with a Cauchy curve: cheap per pair and forgiving far from the ideal. */
export function yearsGapFit(yearsGap: number, idealYearsGap: number): number {
  const off = yearsGap - idealYearsGap;
  const t = off / (off < 0 ? EXPERIENCE.yearsSpreadBelow : EXPERIENCE.yearsSpreadAbove);
  return 1 / (1 + t * t);
}

/** Minutes of a 9–17 working day two people share, from their UTC offsets. */
export function workingHoursOverlap(offsetA: number, offsetB: number): number {
  let d = Math.abs(offsetA - offsetB) % 1440;
  if (d > 720) d = 1440 - d;
  return d >= PRACTICAL.workdayMinutes ? 0 : PRACTICAL.workdayMinutes - d;
}

/**
 * Turns a programme's plain input into the flat, typed columns the per-pair scorer reads. All the
 * expensive or allocating work — taxonomy propagation, goal flattening, language bitsets, policy
 * tables — happens once here, so scoring a pair is a handful of array reads.
 *
 * The context is a snapshot: capacity and exclusions as of the build. Rebuild (cheap next to a
 * match run) when they change.
 */
import { OrgTree } from './org-tree.js';
import {
  EXPERIENCE,
  FORMAT_CODE,
  GOALS,
  levelGapFit,
  proficiencyStrength,
} from './model.js';
import { DEFAULT_PEER_MAX_LEVEL_GAP, validatePolicy, type MatchingPolicy } from './policy.js';
import type { GoalInput, NameLookup, ScoringInput } from './types.js';

/** Thrown for input the database layer should never have produced; `field` points at it. */
export class ScoringInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'ScoringInputError';
    this.field = field;
  }
}

/** Level differences run -9..9; tables indexed by `mentor level − mentee level + LEVEL_OFFSET`. */
export const LEVEL_OFFSET = 9;
const LEVEL_SPAN = 2 * LEVEL_OFFSET + 1;

/**
 * Per-row attributes the scorer reads. The context holds two tables of this one shape: `people`
 * (row = person index) and `mentorRows` (row = mentor slot, the same values gathered in enrolment
 * order). Sweeping mentors for a mentee then reads every mentor attribute as a sequential stream
 * instead of hopping around the organisation, and one formula serves both tables.
 */
export interface Columns {
  readonly rows: number;
  /** Person index of each row. */
  readonly person: Int32Array;
  /** Mentees the row can still take in this programme; 0 for anyone not enrolled as a mentor. */
  readonly capacity: Int32Array;
  readonly level: Int32Array;
  readonly years: Float64Array;
  readonly division: Int32Array;
  readonly department: Int32Array;
  readonly location: Int32Array;
  /** UTC offset folded into [0, 1440) so a difference never needs more than one fold. */
  readonly utcOffset: Int32Array;
  readonly format: Uint8Array;
  /** `languageWords` words per row; languages are renumbered to bits 0..k-1. */
  readonly languageMask: Int32Array;
  /** Bit of the primary language, -1 when the person listed none. */
  readonly primaryLanguageBit: Int32Array;
  /** How much of the organisation the person's position opens to a mentee, in [0,1]. */
  readonly opening: Float64Array;
  /** Org-tree preorder interval and depth (see OrgTree). */
  readonly tin: Int32Array;
  readonly tout: Int32Array;
  readonly depth: Int32Array;
  /**
   * The first `pathWidth` people of the reporting line from the top down (`pathWidth` per row).
   * Two people's lowest common manager sits where their paths part, which for most pairs is at
   * depth 0 or 1: a couple of comparisons on one cache line, where the sparse-table LCA costs a
   * random read into an n·log n table.
   */
  readonly path: Int32Array;
}

/** Fields are public so hot loops can read them; treat them as read-only. */
export interface ScoringContext {
  readonly personCount: number;
  readonly skillCount: number;
  readonly policy: Readonly<MatchingPolicy>;
  readonly tree: OrgTree;
  readonly names: NameLookup;
  readonly goals: readonly GoalInput[];

  readonly people: Columns;
  readonly mentorRows: Columns;
  readonly languageWords: number;
  readonly pathWidth: number;
  /** Original language id of each bit, for names. */
  readonly languageOfBit: Int32Array;

  readonly isMentee: Uint8Array;
  readonly mentees: Int32Array;
  /** Slot of each person among the programme's mentors, -1 for non-mentors. */
  readonly mentorSlot: Int32Array;
  /** Person of each mentor slot (same array as `mentorRows.person`). */
  readonly mentors: Int32Array;

  /**
   * Mentor strength per skill after taxonomy credit, skill-major: `strength[skill * stride + slot]`.
   * Skill-major because the hot loops fix a mentee (a few goal skills) and sweep mentors, which
   * turns each goal skill into one sequential stream. Slot `stride - 1` is a scratch column for
   * explaining a pair whose mentor is not enrolled.
   */
  readonly strength: Float32Array;
  readonly strengthStride: number;
  /** One-score output for single-pair calls, so they need not allocate. */
  readonly scratchScore: Float64Array;

  /** Each person's active goal demand, flattened to (skill, weight) with weights summing to 1. */
  readonly demandStart: Int32Array;
  readonly demandSkill: Int32Array;
  readonly demandWeight: Float64Array;
  /** Indices into `goals`, grouped by person (active or not). */
  readonly goalStart: Int32Array;
  readonly goalIndex: Int32Array;

  /** Declared proficiencies per person, for explanations and the scratch column. */
  readonly proficiencyStart: Int32Array;
  readonly proficiencySkill: Int32Array;
  readonly proficiencyLevel: Uint8Array;
  readonly proficiencyStrength: Float32Array;

  readonly skillParent: Int32Array;
  readonly skillChildStart: Int32Array;
  readonly skillChildren: Int32Array;

  /** Excluded mentors per mentee (CSR); almost always empty, so the check is one comparison. */
  readonly excludedStart: Int32Array;
  readonly excludedMentor: Int32Array;

  /** Policy, compiled into tables over the level difference. */
  readonly levelGapAllowed: Uint8Array;
  readonly levelFit: Float64Array;
  /** +1 when the mentor should be the senior one, -1 for REVERSE; PEER compares magnitudes. */
  readonly direction: number;
  readonly peer: boolean;
  readonly idealYearsGap: number;
  readonly allowChainOfCommand: boolean;
  /** Component weights normalised to sum to 100, by `Component` slot. */
  readonly weight: Float64Array;
}

/** Reporting-line prefix kept per row; deeper common managers fall back to the OrgTree's LCA. */
const MAX_PATH_WIDTH = 16;

export function buildScoringContext(input: ScoringInput): ScoringContext {
  const policyErrors = validatePolicy(input.policy);
  if (policyErrors.length > 0) {
    const first = policyErrors[0]!;
    throw new ScoringInputError(`policy.${first.field}`, policyErrors.map((e) => `${e.field}: ${e.message}`).join(' '));
  }
  const policy: MatchingPolicy = { ...input.policy, weights: { ...input.policy.weights } };
  const n = input.people.length;
  const skillCount = input.skillParent.length;

  const tree = input.orgTree ?? OrgTree.fromParents(input.people.map((p) => p.manager));
  if (tree.size !== n) throw new ScoringInputError('orgTree', `has ${tree.size} people, the input ${n}.`);

  const level = new Int32Array(n);
  const years = new Float64Array(n);
  const division = new Int32Array(n);
  const department = new Int32Array(n);
  const location = new Int32Array(n);
  const utcOffset = new Int32Array(n);
  const format = new Uint8Array(n);

  const bitOfLanguage = new Map<number, number>();
  const languageOfBitList: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = input.people[i]!;
    const at = `people[${i}]`;
    if (!Number.isInteger(p.level) || p.level < 1 || p.level > 10) throw new ScoringInputError(`${at}.level`, 'must be a whole number from 1 to 10.');
    if (!Number.isFinite(p.yearsExperience) || p.yearsExperience < 0) throw new ScoringInputError(`${at}.yearsExperience`, 'must be a non-negative number.');
    if (!Number.isInteger(p.utcOffsetMinutes) || Math.abs(p.utcOffsetMinutes) > 18 * 60) throw new ScoringInputError(`${at}.utcOffsetMinutes`, 'must be whole minutes within ±18 hours.');
    const fmt = FORMAT_CODE[p.format];
    if (fmt === undefined) throw new ScoringInputError(`${at}.format`, `unknown format ${String(p.format)}.`);
    level[i] = p.level;
    years[i] = p.yearsExperience;
    division[i] = denseIdOrUnknown(p.division, `${at}.division`);
    department[i] = denseIdOrUnknown(p.department, `${at}.department`);
    location[i] = denseIdOrUnknown(p.location, `${at}.location`);
    utcOffset[i] = (p.utcOffsetMinutes + 1440) % 1440;
    format[i] = fmt;
    for (const lang of p.languages) {
      if (!Number.isInteger(lang) || lang < 0) throw new ScoringInputError(`${at}.languages`, 'language ids must be non-negative integers.');
      if (!bitOfLanguage.has(lang)) {
        bitOfLanguage.set(lang, languageOfBitList.length);
        languageOfBitList.push(lang);
      }
    }
  }

  const languageWords = Math.max(1, Math.ceil(languageOfBitList.length / 32));
  const languageMask = new Int32Array(n * languageWords);
  const primaryLanguageBit = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const langs = input.people[i]!.languages;
    for (let j = 0; j < langs.length; j++) {
      const bit = bitOfLanguage.get(langs[j]!)!;
      if (j === 0) primaryLanguageBit[i] = bit;
      languageMask[i * languageWords + (bit >>> 5)]! |= 1 << (bit & 31);
    }
  }

  // Seniority and span are both "how much of the organisation this person can open doors to".
  // Span is logarithmic: heading 400 people is not forty times more useful than heading 10.
  const opening = new Float64Array(n);
  const logOrg = Math.log1p(Math.max(1, n - 1));
  for (let i = 0; i < n; i++) {
    const seniority = (level[i]! - 1) / 9;
    const span = Math.log1p(tree.subtreeSize(i) - 1) / logOrg;
    opening[i] = 0.5 * seniority + 0.5 * span;
  }

  const pathWidth = Math.min(tree.maxDepth + 1, MAX_PATH_WIDTH);
  const path = new Int32Array(n * pathWidth).fill(-1);
  for (let i = 0; i < n; i++) {
    // Preorder: a manager's path is complete before any report copies it.
    const v = tree.order[i]!;
    const d = tree.depth[v]!;
    const p = tree.parent[v]!;
    if (p >= 0) path.copyWithin(v * pathWidth, p * pathWidth, p * pathWidth + Math.min(d, pathWidth));
    if (d < pathWidth) path[v * pathWidth + d] = v;
  }

  // Filled in with the enrolment below.
  const capacity = new Int32Array(n);
  const people = columnTable({
    rows: n,
    person: Int32Array.from({ length: n }, (_, i) => i),
    capacity,
    level,
    years,
    division,
    department,
    location,
    utcOffset,
    format,
    languageMask,
    primaryLanguageBit,
    opening,
    tin: tree.tin,
    tout: tree.tout,
    depth: tree.depth,
    path,
  });

  // Skill taxonomy.
  const skillParent = new Int32Array(skillCount);
  const skillChildStart = new Int32Array(skillCount + 1);
  for (let s = 0; s < skillCount; s++) {
    const p = input.skillParent[s]!;
    if (!Number.isInteger(p) || p < -1 || p >= skillCount || p === s) throw new ScoringInputError(`skillParent[${s}]`, `${p} is not another skill or -1.`);
    skillParent[s] = p;
    if (p >= 0) skillChildStart[p + 1]!++;
  }
  for (let s = 0; s < skillCount; s++) skillChildStart[s + 1]! += skillChildStart[s]!;
  const skillChildren = new Int32Array(skillChildStart[skillCount]!);
  {
    const fill = skillChildStart.slice(0, skillCount);
    for (let s = 0; s < skillCount; s++) {
      const p = skillParent[s]!;
      if (p >= 0) skillChildren[fill[p]!++] = s;
    }
  }

  // Proficiencies grouped by person.
  const proficiencyStart = new Int32Array(n + 1);
  input.proficiencies.forEach((pr, i) => {
    const at = `proficiencies[${i}]`;
    checkIndex(pr.person, n, `${at}.person`);
    checkIndex(pr.skill, skillCount, `${at}.skill`);
    if (!Number.isInteger(pr.proficiency) || pr.proficiency < 1 || pr.proficiency > 5) throw new ScoringInputError(`${at}.proficiency`, 'must be a whole number from 1 to 5.');
    proficiencyStart[pr.person + 1]!++;
  });
  for (let i = 0; i < n; i++) proficiencyStart[i + 1]! += proficiencyStart[i]!;
  const profCount = input.proficiencies.length;
  const proficiencySkill = new Int32Array(profCount);
  const proficiencyLevel = new Uint8Array(profCount);
  const proficiencyStrengthArr = new Float32Array(profCount);
  {
    const fill = proficiencyStart.slice(0, n);
    for (const pr of input.proficiencies) {
      const at = fill[pr.person]!++;
      proficiencySkill[at] = pr.skill;
      proficiencyLevel[at] = pr.proficiency;
      proficiencyStrengthArr[at] = proficiencyStrength(pr.proficiency, pr.wantsToTeach);
    }
  }

  // Enrolment.
  const isMentee = new Uint8Array(n);
  const mentees = new Int32Array(input.enrolment.mentees.length);
  input.enrolment.mentees.forEach((p, i) => {
    checkIndex(p, n, `enrolment.mentees[${i}]`);
    if (isMentee[p]) throw new ScoringInputError(`enrolment.mentees[${i}]`, `person ${p} is enrolled as a mentee twice.`);
    isMentee[p] = 1;
    mentees[i] = p;
  });
  const mentorCount = input.enrolment.mentors.length;
  const mentorSlot = new Int32Array(n).fill(-1);
  const mentors = new Int32Array(mentorCount);
  input.enrolment.mentors.forEach((m, slot) => {
    const at = `enrolment.mentors[${slot}]`;
    checkIndex(m.person, n, `${at}.person`);
    if (mentorSlot[m.person]! >= 0) throw new ScoringInputError(`${at}.person`, `person ${m.person} is enrolled as a mentor twice.`);
    if (!Number.isInteger(m.capacityLeft) || m.capacityLeft < 0) throw new ScoringInputError(`${at}.capacityLeft`, 'must be a non-negative whole number.');
    mentorSlot[m.person] = slot;
    mentors[slot] = m.person;
    capacity[m.person] = m.capacityLeft;
  });

  const mentorRows = gatherRows(people, mentors, languageWords, pathWidth);
  const strengthStride = mentorCount + 1;
  const strength = new Float32Array(skillCount * strengthStride);

  // Goals: grouped per person, and active ones flattened into demand.
  const goalStart = new Int32Array(n + 1);
  input.goals.forEach((g, i) => {
    const at = `goals[${i}]`;
    checkIndex(g.person, n, `${at}.person`);
    if (!Number.isInteger(g.priority) || g.priority < 1 || g.priority > 3) throw new ScoringInputError(`${at}.priority`, 'must be 1, 2 or 3.');
    g.skills.forEach((s, j) => checkIndex(s, skillCount, `${at}.skills[${j}]`));
    goalStart[g.person + 1]!++;
  });
  for (let i = 0; i < n; i++) goalStart[i + 1]! += goalStart[i]!;
  const goalIndex = new Int32Array(input.goals.length);
  {
    const fill = goalStart.slice(0, n);
    input.goals.forEach((g, i) => {
      goalIndex[fill[g.person]!++] = i;
    });
  }
  const { demandStart, demandSkill, demandWeight } = flattenDemand(input.goals, goalStart, goalIndex, skillCount);

  // Exclusions grouped by mentee.
  const excluded = input.excluded ?? [];
  const excludedStart = new Int32Array(n + 1);
  excluded.forEach((pair, i) => {
    checkIndex(pair.mentor, n, `excluded[${i}].mentor`);
    checkIndex(pair.mentee, n, `excluded[${i}].mentee`);
    excludedStart[pair.mentee + 1]!++;
  });
  for (let i = 0; i < n; i++) excludedStart[i + 1]! += excludedStart[i]!;
  const excludedMentor = new Int32Array(excluded.length);
  {
    const fill = excludedStart.slice(0, n);
    for (const pair of excluded) excludedMentor[fill[pair.mentee]!++] = pair.mentor;
  }

  // Policy tables over the raw level difference (mentor − mentee).
  const peer = policy.kind === 'PEER';
  const direction = policy.kind === 'REVERSE' ? -1 : 1;
  const peerMax = policy.peerMaxLevelGap ?? DEFAULT_PEER_MAX_LEVEL_GAP;
  const levelGapAllowed = new Uint8Array(LEVEL_SPAN);
  const levelFit = new Float64Array(LEVEL_SPAN);
  for (let diff = -LEVEL_OFFSET; diff <= LEVEL_OFFSET; diff++) {
    const gap = peer ? Math.abs(diff) : direction * diff;
    levelGapAllowed[diff + LEVEL_OFFSET] = (peer ? gap <= peerMax : gap >= policy.minLevelGap) ? 1 : 0;
    levelFit[diff + LEVEL_OFFSET] = levelGapFit(gap, policy.idealLevelGap);
  }

  const w = policy.weights;
  const weightSum = w.experience + w.goals + w.reach + w.practical;
  const weight = Float64Array.of(w.experience, w.goals, w.reach, w.practical).map((x) => (100 * x) / weightSum);

  const ctx: ScoringContext = {
    personCount: n,
    skillCount,
    policy,
    tree,
    names: input.names ?? {},
    goals: input.goals,
    people,
    mentorRows,
    languageWords,
    pathWidth,
    languageOfBit: Int32Array.from(languageOfBitList),
    isMentee,
    mentees,
    mentorSlot,
    mentors,
    strength,
    strengthStride,
    scratchScore: new Float64Array(1),
    demandStart,
    demandSkill,
    demandWeight,
    goalStart,
    goalIndex,
    proficiencyStart,
    proficiencySkill,
    proficiencyLevel,
    proficiencyStrength: proficiencyStrengthArr,
    skillParent,
    skillChildStart,
    skillChildren,
    excludedStart,
    excludedMentor,
    levelGapAllowed,
    levelFit,
    direction,
    peer,
    idealYearsGap: policy.idealLevelGap * EXPERIENCE.yearsPerLevel,
    allowChainOfCommand: policy.allowChainOfCommand,
    weight,
  };
  for (let slot = 0; slot < mentorCount; slot++) fillStrengthColumn(ctx, mentors[slot]!, slot);
  return ctx;
}

/**
 * Every column table comes out of this one object literal, so all share one hidden class with
 * exactly known field types. That lets V8 drop the per-access type checks in the scoring loop,
 * which otherwise outnumber the arithmetic.
 */
function columnTable(c: Columns): Columns {
  return {
    rows: c.rows,
    person: c.person,
    capacity: c.capacity,
    level: c.level,
    years: c.years,
    division: c.division,
    department: c.department,
    location: c.location,
    utcOffset: c.utcOffset,
    format: c.format,
    languageMask: c.languageMask,
    primaryLanguageBit: c.primaryLanguageBit,
    opening: c.opening,
    tin: c.tin,
    tout: c.tout,
    depth: c.depth,
    path: c.path,
  };
}

function gatherRows(from: Columns, rows: Int32Array, languageWords: number, pathWidth: number): Columns {
  const pick = <T extends Int32Array | Float64Array | Uint8Array>(column: T, make: (length: number) => T): T => {
    const out = make(rows.length);
    for (let r = 0; r < rows.length; r++) out[r] = column[rows[r]!]!;
    return out;
  };
  const int32 = (length: number): Int32Array => new Int32Array(length);
  const wide = (column: Int32Array, width: number): Int32Array => {
    const out = new Int32Array(rows.length * width);
    for (let r = 0; r < rows.length; r++) out.set(column.subarray(rows[r]! * width, (rows[r]! + 1) * width), r * width);
    return out;
  };
  return columnTable({
    rows: rows.length,
    person: rows,
    capacity: pick(from.capacity, int32),
    level: pick(from.level, int32),
    years: pick(from.years, (length) => new Float64Array(length)),
    division: pick(from.division, int32),
    department: pick(from.department, int32),
    location: pick(from.location, int32),
    utcOffset: pick(from.utcOffset, int32),
    format: pick(from.format, (length) => new Uint8Array(length)),
    languageMask: wide(from.languageMask, languageWords),
    primaryLanguageBit: pick(from.primaryLanguageBit, int32),
    opening: pick(from.opening, (length) => new Float64Array(length)),
    tin: pick(from.tin, int32),
    tout: pick(from.tout, int32),
    depth: pick(from.depth, int32),
    path: wide(from.path, pathWidth),
  });
}

/**
 * Writes a person's strength per skill into a column of `ctx.strength`: the declared strength, or
 * partial credit from the nearest related skill (broader, narrower, sibling), whichever is larger.
 * Max rather than sum, so ten shallow neighbours never outweigh one real expertise.
 */
export function fillStrengthColumn(ctx: ScoringContext, person: number, slot: number): void {
  const { strength, strengthStride: stride, skillParent, skillChildStart, skillChildren } = ctx;
  for (let s = 0; s < ctx.skillCount; s++) strength[s * stride + slot] = 0;
  const raise = (skill: number, value: number): void => {
    const at = skill * stride + slot;
    if (value > strength[at]!) strength[at] = value;
  };
  for (let i = ctx.proficiencyStart[person]!; i < ctx.proficiencyStart[person + 1]!; i++) {
    const skill = ctx.proficiencySkill[i]!;
    const own = ctx.proficiencyStrength[i]!;
    raise(skill, own);
    for (let c = skillChildStart[skill]!; c < skillChildStart[skill + 1]!; c++) raise(skillChildren[c]!, own * GOALS.broaderCredit);
    const parent = skillParent[skill]!;
    if (parent < 0) continue;
    raise(parent, own * GOALS.narrowerCredit);
    for (let c = skillChildStart[parent]!; c < skillChildStart[parent + 1]!; c++) {
      const sibling = skillChildren[c]!;
      if (sibling !== skill) raise(sibling, own * GOALS.siblingCredit);
    }
  }
}

/** The scratch column, used to explain pairs whose mentor is not enrolled. */
export function scratchSlot(ctx: ScoringContext): number {
  return ctx.strengthStride - 1;
}

/**
 * A goal's weight is its priority share; within a goal, its skills share equally, so a goal's
 * coverage is the mean over its skills. A skill in several goals accumulates weight.
 */
function flattenDemand(
  goals: readonly GoalInput[],
  goalStart: Int32Array,
  goalIndex: Int32Array,
  skillCount: number,
): { demandStart: Int32Array; demandSkill: Int32Array; demandWeight: Float64Array } {
  const n = goalStart.length - 1;
  const demandStart = new Int32Array(n + 1);
  const skills: number[] = [];
  const weights: number[] = [];
  const weightOfSkill = new Float64Array(skillCount);
  const touched: number[] = [];
  for (let person = 0; person < n; person++) {
    let prioritySum = 0;
    for (let j = goalStart[person]!; j < goalStart[person + 1]!; j++) {
      const g = goals[goalIndex[j]!]!;
      if (g.active && g.skills.length > 0) prioritySum += g.priority;
    }
    if (prioritySum > 0) {
      for (let j = goalStart[person]!; j < goalStart[person + 1]!; j++) {
        const g = goals[goalIndex[j]!]!;
        if (!g.active || g.skills.length === 0) continue;
        const distinct = [...new Set(g.skills)];
        const share = g.priority / prioritySum / distinct.length;
        for (const s of distinct) {
          if (weightOfSkill[s] === 0) touched.push(s);
          weightOfSkill[s]! += share;
        }
      }
      touched.sort((a, b) => a - b);
      for (const s of touched) {
        skills.push(s);
        weights.push(weightOfSkill[s]!);
        weightOfSkill[s] = 0;
      }
      touched.length = 0;
    }
    demandStart[person + 1] = skills.length;
  }
  return { demandStart, demandSkill: Int32Array.from(skills), demandWeight: Float64Array.from(weights) };
}

function denseIdOrUnknown(id: number, field: string): number {
  if (!Number.isInteger(id) || id < -1) throw new ScoringInputError(field, 'must be a dense id ≥ 0, or -1 when unknown.');
  return id;
}

function checkIndex(i: number, size: number, field: string): void {
  if (!Number.isInteger(i) || i < 0 || i >= size) throw new ScoringInputError(field, `${i} is out of range 0..${size - 1}.`);
}

/**
 * Turns a programme's plain input into the flat, typed data the per-pair scorer reads. All the
 * expensive or allocating work — taxonomy propagation, goal flattening, language bitsets, policy
 * tables — happens once here, so scoring a pair is a handful of array reads.
 *
 * The context is a snapshot: capacity and exclusions as of the build. Rebuild (cheap next to a
 * match run) when they change.
 */
import { OrgTree } from './org-tree.js';
import { DETAIL_WIDTH, EXPERIENCE, FORMAT_CODE, GOALS, levelGapFit, proficiencyStrength } from './model.js';
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

/** Level differences run -9..9; tables are indexed by `mentor level − mentee level + LEVEL_OFFSET`. */
export const LEVEL_OFFSET = 9;
const LEVEL_SPAN = 2 * LEVEL_OFFSET + 1;

/** Reporting-line prefix stored per person; deeper common managers are found by climbing the tree. */
const MAX_PATH_WIDTH = 16;

/** Per-person attributes, one typed array each, indexed by person. */
export interface PersonColumns {
  readonly level: Int32Array;
  readonly years: Float64Array;
  /** Dense ids, -1 when unknown. */
  readonly division: Int32Array;
  readonly department: Int32Array;
  readonly location: Int32Array;
  /** UTC offset folded into [0, 1440) so a difference needs at most one fold. */
  readonly utcOffset: Int32Array;
  /** FORMAT_CODE of the preferred meeting format. */
  readonly format: Uint8Array;
  /** `languageWords` words per person; languages are renumbered to bits 0..k-1. */
  readonly languageMask: Int32Array;
  /** Bit of the primary language, -1 when the person listed none. */
  readonly primaryLanguageBit: Int32Array;
  /** How much of the organisation the person's position opens to a mentee, in [0,1]. */
  readonly opening: Float64Array;
  /** Mentees the person can still take in this programme; 0 for anyone not enrolled as a mentor. */
  readonly capacity: Int32Array;
  /**
   * The first `pathWidth` people of the reporting line, from the top down. Two people's lowest
   * common manager sits where their paths part — for most pairs at depth 0 or 1, so a comparison
   * or two on one cache line rather than a random read into an LCA table.
   */
  readonly path: Int32Array;
}

/**
 * Layout of the mentor records the sweep reads: Int32 fields at these offsets, `recordWidth` per
 * mentor, then `languageWords` words of language bits at `languages` and the reporting-line path
 * after them (at `pathOffset`). Years and opening live in a Float64 record of FLOAT_RECORD_WIDTH.
 * One record per mentor rather than one array per attribute because V8 re-checks every typed
 * array a loop touches on every iteration: two arrays cost far less than sixteen.
 */
export const RECORD = {
  person: 0,
  capacity: 1,
  level: 2,
  division: 3,
  department: 4,
  location: 5,
  utcOffset: 6,
  format: 7,
  primaryLanguageBit: 8,
  tin: 9,
  tout: 10,
  depth: 11,
  languages: 12,
} as const;
export const FLOAT_RECORD = { years: 0, opening: 1 } as const;
export const FLOAT_RECORD_WIDTH = 2;

/** Fields are public so hot loops can read them; treat them as read-only. */
export interface ScoringContext {
  readonly personCount: number;
  readonly skillCount: number;
  readonly policy: Readonly<MatchingPolicy>;
  readonly tree: OrgTree;
  readonly names: NameLookup;
  readonly goals: readonly GoalInput[];

  readonly people: PersonColumns;
  readonly languageWords: number;
  /** Original language id of each bit, for names. */
  readonly languageOfBit: Int32Array;
  readonly pathWidth: number;

  readonly isMentee: Uint8Array;
  readonly mentees: Int32Array;
  /** Slot of each person among the programme's mentors (enrolment order), -1 for non-mentors. */
  readonly mentorSlot: Int32Array;
  /** Person of each mentor slot. */
  readonly mentors: Int32Array;
  /** One RECORD per mentor slot, and its Float64 companion. */
  readonly mentorRecords: Int32Array;
  readonly mentorFloats: Float64Array;
  readonly recordWidth: number;
  readonly pathOffset: number;

  /**
   * Mentor strength per skill after taxonomy credit, skill-major: `strength[skill * stride + slot]`.
   * Skill-major because the sweep fixes a mentee (a few goal skills) and runs over mentors, which
   * turns each goal skill into one sequential stream. Column `stride - 1` is scratch, for
   * explaining a pair whose mentor is not enrolled.
   */
  readonly strength: Float32Array;
  readonly strengthStride: number;

  /** Each person's active goal demand, flattened to (skill, weight) with weights summing to 1. */
  readonly demandStart: Int32Array;
  readonly demandSkill: Int32Array;
  readonly demandWeight: Float64Array;
  /** Indices into `goals`, grouped by person (active or not). */
  readonly goalStart: Int32Array;
  readonly goalIndex: Int32Array;

  /** Declared proficiencies grouped by person, for explanations and the scratch column. */
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

  /** The policy compiled into tables over the level difference. */
  readonly levelGapAllowed: Uint8Array;
  readonly levelFit: Float64Array;
  /** +1 when the mentor should be the senior one, -1 for REVERSE; PEER compares magnitudes. */
  readonly direction: number;
  readonly peer: boolean;
  readonly idealYearsGap: number;
  readonly allowChainOfCommand: boolean;
  /** Component weights normalised to sum to 100, by `Component` slot. */
  readonly weight: Float64Array;

  /** Single-row buffers, so one-pair calls need not allocate (the engine is synchronous). */
  readonly scratchRecord: Int32Array;
  readonly scratchFloats: Float64Array;
  readonly scratchScore: Float64Array;
  readonly scratchDetail: Float64Array;
}

export function buildScoringContext(input: ScoringInput): ScoringContext {
  const policyErrors = validatePolicy(input.policy);
  if (policyErrors.length > 0) throw new ScoringInputError('policy', policyErrors.map((e) => `${e.field}: ${e.message}`).join(' '));
  const policy: MatchingPolicy = { ...input.policy, weights: { ...input.policy.weights } };
  const n = input.people.length;
  const skillCount = input.skillParent.length;

  const tree = input.orgTree ?? OrgTree.fromParents(input.people.map((p) => p.manager));
  if (tree.size !== n) throw new ScoringInputError('orgTree', `has ${tree.size} people, the input ${n}.`);

  const { people, languageWords, languageOfBit, pathWidth } = buildPeople(input, tree);

  // Skill taxonomy.
  const skillParent = new Int32Array(skillCount);
  for (let s = 0; s < skillCount; s++) {
    const p = input.skillParent[s]!;
    if (!Number.isInteger(p) || p < -1 || p >= skillCount || p === s) {
      throw new ScoringInputError(`skillParent[${s}]`, `${p} is not another skill or -1.`);
    }
    skillParent[s] = p;
  }
  const { start: skillChildStart, order: skillChildren } = groupBy(skillParent, skillCount);

  // Proficiencies grouped by person.
  const proficiencies = input.proficiencies;
  const declared = new Set<number>();
  proficiencies.forEach((pr, i) => {
    checkIndex(pr.person, n, `proficiencies[${i}].person`);
    checkIndex(pr.skill, skillCount, `proficiencies[${i}].skill`);
    if (!Number.isInteger(pr.proficiency) || pr.proficiency < 1 || pr.proficiency > 5) {
      throw new ScoringInputError(`proficiencies[${i}].proficiency`, 'must be a whole number from 1 to 5.');
    }
    const key = pr.person * skillCount + pr.skill;
    if (declared.has(key)) throw new ScoringInputError(`proficiencies[${i}]`, `person ${pr.person} has skill ${pr.skill} twice.`);
    declared.add(key);
  });
  const byPerson = groupBy(proficiencies.map((pr) => pr.person), n);
  const ordered = Array.from(byPerson.order, (i) => proficiencies[i]!);

  // Enrolment.
  const isMentee = new Uint8Array(n);
  input.enrolment.mentees.forEach((p, i) => {
    checkIndex(p, n, `enrolment.mentees[${i}]`);
    if (isMentee[p]) throw new ScoringInputError(`enrolment.mentees[${i}]`, `person ${p} is enrolled as a mentee twice.`);
    isMentee[p] = 1;
  });
  const mentees = Int32Array.from(input.enrolment.mentees);
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
    people.capacity[m.person] = m.capacityLeft;
  });

  // Goals grouped by person; the active ones flattened into demand.
  input.goals.forEach((g, i) => {
    checkIndex(g.person, n, `goals[${i}].person`);
    if (!Number.isInteger(g.priority) || g.priority < 1 || g.priority > 3) throw new ScoringInputError(`goals[${i}].priority`, 'must be 1, 2 or 3.');
    g.skills.forEach((s, j) => checkIndex(s, skillCount, `goals[${i}].skills[${j}]`));
  });
  const { start: goalStart, order: goalIndex } = groupBy(input.goals.map((g) => g.person), n);
  const { demandStart, demandSkill, demandWeight } = flattenDemand(input.goals, goalStart, goalIndex, skillCount);

  // Exclusions grouped by mentee.
  const excluded = input.excluded ?? [];
  excluded.forEach((pair, i) => {
    checkIndex(pair.mentor, n, `excluded[${i}].mentor`);
    checkIndex(pair.mentee, n, `excluded[${i}].mentee`);
  });
  const { start: excludedStart, order: excludedOrder } = groupBy(excluded.map((pair) => pair.mentee), n);

  // The policy as tables over the raw level difference (mentor − mentee).
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

  const pathOffset = RECORD.languages + languageWords;
  const recordWidth = pathOffset + pathWidth;
  const strengthStride = mentorCount + 1;
  const ctx: ScoringContext = {
    personCount: n,
    skillCount,
    policy,
    tree,
    names: input.names ?? {},
    goals: input.goals,
    people,
    languageWords,
    languageOfBit,
    pathWidth,
    isMentee,
    mentees,
    mentorSlot,
    mentors,
    mentorRecords: new Int32Array(mentorCount * recordWidth),
    mentorFloats: new Float64Array(mentorCount * FLOAT_RECORD_WIDTH),
    recordWidth,
    pathOffset,
    strength: new Float32Array(skillCount * strengthStride),
    strengthStride,
    demandStart,
    demandSkill,
    demandWeight,
    goalStart,
    goalIndex,
    proficiencyStart: byPerson.start,
    proficiencySkill: Int32Array.from(ordered, (pr) => pr.skill),
    proficiencyLevel: Uint8Array.from(ordered, (pr) => pr.proficiency),
    proficiencyStrength: Float32Array.from(ordered, (pr) => proficiencyStrength(pr.proficiency, pr.wantsToTeach)),
    skillParent,
    skillChildStart,
    skillChildren,
    excludedStart,
    excludedMentor: Int32Array.from(excludedOrder, (i) => excluded[i]!.mentor),
    levelGapAllowed,
    levelFit,
    direction,
    peer,
    idealYearsGap: policy.idealLevelGap * EXPERIENCE.yearsPerLevel,
    allowChainOfCommand: policy.allowChainOfCommand,
    weight: Float64Array.of(w.experience, w.goals, w.reach, w.practical).map((x) => 100 * (x / weightSum)),
    scratchRecord: new Int32Array(recordWidth),
    scratchFloats: new Float64Array(FLOAT_RECORD_WIDTH),
    scratchScore: new Float64Array(1),
    scratchDetail: new Float64Array(DETAIL_WIDTH),
  };
  for (let slot = 0; slot < mentorCount; slot++) {
    writeRecord(ctx, mentors[slot]!, ctx.mentorRecords, ctx.mentorFloats, slot);
    fillStrengthColumn(ctx, mentors[slot]!, slot);
  }
  return ctx;
}

function buildPeople(
  input: ScoringInput,
  tree: OrgTree,
): { people: PersonColumns; languageWords: number; languageOfBit: Int32Array; pathWidth: number } {
  const n = input.people.length;
  const level = new Int32Array(n);
  const years = new Float64Array(n);
  const division = new Int32Array(n);
  const department = new Int32Array(n);
  const location = new Int32Array(n);
  const utcOffset = new Int32Array(n);
  const format = new Uint8Array(n);
  const bitOfLanguage = new Map<number, number>();
  input.people.forEach((p, i) => {
    const at = `people[${i}]`;
    if (!Number.isInteger(p.level) || p.level < 1 || p.level > 10) throw new ScoringInputError(`${at}.level`, 'must be a whole number from 1 to 10.');
    if (!Number.isFinite(p.yearsExperience) || p.yearsExperience < 0) throw new ScoringInputError(`${at}.yearsExperience`, 'must be a non-negative number.');
    if (!Number.isInteger(p.utcOffsetMinutes) || Math.abs(p.utcOffsetMinutes) > 18 * 60) {
      throw new ScoringInputError(`${at}.utcOffsetMinutes`, 'must be whole minutes within ±18 hours.');
    }
    const code = FORMAT_CODE[p.format];
    if (code === undefined) throw new ScoringInputError(`${at}.format`, `unknown format ${String(p.format)}.`);
    level[i] = p.level;
    years[i] = p.yearsExperience;
    division[i] = denseIdOrUnknown(p.division, `${at}.division`);
    department[i] = denseIdOrUnknown(p.department, `${at}.department`);
    location[i] = denseIdOrUnknown(p.location, `${at}.location`);
    utcOffset[i] = (p.utcOffsetMinutes + 1440) % 1440;
    format[i] = code;
    for (const lang of p.languages) {
      if (!Number.isInteger(lang) || lang < 0) throw new ScoringInputError(`${at}.languages`, 'language ids must be non-negative integers.');
      if (!bitOfLanguage.has(lang)) bitOfLanguage.set(lang, bitOfLanguage.size);
    }
  });

  const languageWords = Math.max(1, Math.ceil(bitOfLanguage.size / 32));
  const languageMask = new Int32Array(n * languageWords);
  const primaryLanguageBit = new Int32Array(n).fill(-1);
  input.people.forEach((p, i) => {
    p.languages.forEach((lang, j) => {
      const bit = bitOfLanguage.get(lang)!;
      if (j === 0) primaryLanguageBit[i] = bit;
      languageMask[i * languageWords + (bit >>> 5)]! |= 1 << (bit & 31);
    });
  });

  // Seniority and span are both "how much of the organisation this person can open doors to".
  // Span is logarithmic: heading 400 people is not forty times more useful than heading 10.
  const opening = new Float64Array(n);
  const logOrg = Math.log1p(Math.max(1, n - 1));
  for (let i = 0; i < n; i++) {
    opening[i] = 0.5 * ((level[i]! - 1) / 9) + 0.5 * (Math.log1p(tree.subtreeSize(i) - 1) / logOrg);
  }

  const pathWidth = Math.min(tree.maxDepth + 1, MAX_PATH_WIDTH);
  const path = new Int32Array(n * pathWidth).fill(-1);
  for (let i = 0; i < n; i++) {
    // In preorder a manager's path is complete before any report copies it.
    const v = tree.order[i]!;
    const d = tree.depth[v]!;
    const p = tree.parent[v]!;
    if (p >= 0) path.copyWithin(v * pathWidth, p * pathWidth, p * pathWidth + Math.min(d, pathWidth));
    if (d < pathWidth) path[v * pathWidth + d] = v;
  }

  return {
    people: {
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
      capacity: new Int32Array(n),
      path,
    },
    languageWords,
    languageOfBit: Int32Array.from(bitOfLanguage.keys()),
    pathWidth,
  };
}

/** Copies a person's attributes into record `row` of a RECORD table. */
export function writeRecord(ctx: ScoringContext, person: number, records: Int32Array, floats: Float64Array, row: number): void {
  const P = ctx.people;
  const r = row * ctx.recordWidth;
  records[r + RECORD.person] = person;
  records[r + RECORD.capacity] = P.capacity[person]!;
  records[r + RECORD.level] = P.level[person]!;
  records[r + RECORD.division] = P.division[person]!;
  records[r + RECORD.department] = P.department[person]!;
  records[r + RECORD.location] = P.location[person]!;
  records[r + RECORD.utcOffset] = P.utcOffset[person]!;
  records[r + RECORD.format] = P.format[person]!;
  records[r + RECORD.primaryLanguageBit] = P.primaryLanguageBit[person]!;
  records[r + RECORD.tin] = ctx.tree.tin[person]!;
  records[r + RECORD.tout] = ctx.tree.tout[person]!;
  records[r + RECORD.depth] = ctx.tree.depth[person]!;
  const words = ctx.languageWords;
  records.set(P.languageMask.subarray(person * words, (person + 1) * words), r + RECORD.languages);
  records.set(P.path.subarray(person * ctx.pathWidth, (person + 1) * ctx.pathWidth), r + ctx.pathOffset);
  floats[row * FLOAT_RECORD_WIDTH + FLOAT_RECORD.years] = P.years[person]!;
  floats[row * FLOAT_RECORD_WIDTH + FLOAT_RECORD.opening] = P.opening[person]!;
}

/**
 * Writes a person's strength per skill into column `slot` of `ctx.strength`: the declared strength,
 * or partial credit from the nearest related skill (broader, narrower, sibling), whichever is
 * larger. Max rather than sum, so ten shallow neighbours never outweigh one real expertise.
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

/** The scratch strength column, for pairs whose mentor is not enrolled. */
export function scratchSlot(ctx: ScoringContext): number {
  return ctx.strengthStride - 1;
}

/**
 * A goal's weight is its priority share; within a goal its skills share equally, so a goal's
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
  for (let person = 0; person < n; person++) {
    const counted: GoalInput[] = [];
    for (let j = goalStart[person]!; j < goalStart[person + 1]!; j++) {
      const g = goals[goalIndex[j]!]!;
      if (g.active && g.skills.length > 0) counted.push(g);
    }
    const prioritySum = counted.reduce((sum, g) => sum + g.priority, 0);
    const touched = new Set<number>();
    for (const g of counted) {
      const distinct = new Set(g.skills);
      for (const s of distinct) {
        weightOfSkill[s]! += g.priority / prioritySum / distinct.size;
        touched.add(s);
      }
    }
    for (const s of [...touched].sort((a, b) => a - b)) {
      skills.push(s);
      weights.push(weightOfSkill[s]!);
      weightOfSkill[s] = 0;
    }
    demandStart[person + 1] = skills.length;
  }
  return { demandStart, demandSkill: Int32Array.from(skills), demandWeight: Float64Array.from(weights) };
}

/**
 * Counting sort of item indices by key (0..buckets-1, -1 for none): items of key k are
 * order[start[k]..start[k+1]-1], in input order. The CSR shape every per-person list here uses.
 */
function groupBy(keys: ArrayLike<number>, buckets: number): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k >= 0) start[k + 1]!++;
  }
  for (let k = 0; k < buckets; k++) start[k + 1]! += start[k]!;
  const order = new Int32Array(start[buckets]!);
  const fill = start.slice(0, buckets);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k >= 0) order[fill[k]!++] = i;
  }
  return { start, order };
}

function denseIdOrUnknown(id: number, field: string): number {
  if (!Number.isInteger(id) || id < -1) throw new ScoringInputError(field, 'must be a dense id ≥ 0, or -1 when unknown.');
  return id;
}

function checkIndex(i: number, size: number, field: string): void {
  if (!Number.isInteger(i) || i < 0 || i >= size) throw new ScoringInputError(field, `${i} is out of range 0..${size - 1}.`);
}

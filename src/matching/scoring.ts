/**
 * The per-pair scorer. Four components, each in [0,1] (model.ts gives their shape), combined with
 * the programme's weights into a 0–100 total. It runs on every pair of a programme — 50,000
 * mentees × 10,000 mentors is half a billion pairs — so everything funnels into one allocation-free
 * loop over typed arrays, `scoreRows`.
 *
 * Public functions take person indices. Typed-array reads use `!`: indices are range-checked at
 * the public entry points, and `noUncheckedIndexedAccess` cannot see that.
 */
import {
  FLOAT_RECORD,
  FLOAT_RECORD_WIDTH,
  LEVEL_OFFSET,
  RECORD,
  fillStrengthColumn,
  scratchSlot,
  writeRecord,
  type ScoringContext,
} from './context.js';
import {
  COMPONENTS,
  Component,
  DETAIL_WIDTH,
  Detail,
  EXPERIENCE,
  FORMAT_FIT,
  GOALS,
  IN_PERSON,
  PRACTICAL,
  REACH,
  workingHoursOverlap,
  yearsGapFit,
} from './model.js';
import { offer } from './top-k.js';

// Layout and model constants as module-level bindings, which V8 compiles into the loop as
// constants; read through an import instead, each would cost a cell load, a hole check and a map
// check on every pair.
const { person: PERSON, capacity: CAPACITY, level: LEVEL, division: DIVISION, department: DEPARTMENT } = RECORD;
const { location: LOCATION, utcOffset: UTC_OFFSET, format: FORMAT, primaryLanguageBit: PRIMARY_LANGUAGE } = RECORD;
const { tin: TIN, tout: TOUT, depth: DEPTH, languages: LANGUAGES } = RECORD;
const { years: YEARS, opening: OPENING } = FLOAT_RECORD;
const FLOAT_WIDTH = FLOAT_RECORD_WIDTH;
const IN_PERSON_CODE = IN_PERSON;
const { levelShare, yearsShare } = EXPERIENCE;
const { neutral: neutralGoals } = GOALS;
const { distance: distanceShare, opening: openingShare, division: divisionShare } = REACH;
const { department: departmentShare, location: locationShare } = REACH;
const { timeZone: timeZoneShare, language: languageShare, format: formatShare, workdayMinutes, inPersonApart } = PRACTICAL;
const { primaryLanguage, otherLanguage, unknownLanguage } = PRACTICAL;
const FORMAT_FIT_TABLE = FORMAT_FIT;

/**
 * The one scoring loop: `mentee` against mentor records from..to-1 of `records`/`floats` (RECORD
 * layout), writing the total — or -1 when a hard rule blocks — to out[row - from]. With `detail`,
 * blocked rows are scored too and DETAIL_WIDTH values per row (`Component` and `Detail` slots) go
 * to detail from (row - from)·DETAIL_WIDTH. The strength column of record r is r + strengthShift.
 *
 * Every scoring function ends up here, so a suggestion, a breakdown and a candidate edge cannot
 * disagree. It is written the way V8 needs a hot loop: everything it reads hoisted into locals
 * (TurboFan does not move loads out of loops), no call left in the body (a call it does not inline
 * boxes the double it returns and invalidates what it knows about every array), the hard rules
 * inlined (tests hold them to constraints.ts), and blocked pairs leaving before any scoring work.
 */
function scoreRows(
  ctx: ScoringContext,
  records: Int32Array,
  floats: Float64Array,
  from: number,
  to: number,
  strengthShift: number,
  mentee: number,
  out: Float64Array,
  detail: Float64Array | null,
): void {
  const { levelFit, levelGapAllowed, peer, direction, idealYearsGap, allowChainOfCommand } = ctx;
  const { strength, strengthStride, demandSkill, demandWeight, excludedMentor } = ctx;
  const { recordWidth, pathWidth, pathOffset, languageWords } = ctx;
  const { depth: treeDepth, parent: treeParent } = ctx.tree;

  const P = ctx.people;
  const menteeEnrolled = ctx.isMentee[mentee] === 1;
  const menteeLevel = P.level[mentee]! - LEVEL_OFFSET;
  const menteeYears = P.years[mentee]!;
  const menteeDivision = P.division[mentee]!;
  const menteeDepartment = P.department[mentee]!;
  const menteeLocation = P.location[mentee]!;
  const menteeOffset = P.utcOffset[mentee]!;
  const menteeFormat = P.format[mentee]!;
  const menteeLanguages = P.languageMask;
  const menteeLanguagesAt = mentee * languageWords;
  const menteePrimary = P.primaryLanguageBit[mentee]!;
  const menteePrimaryWord = menteePrimary >>> 5;
  const menteePrimaryBit = 1 << (menteePrimary & 31);
  const menteeTin = ctx.tree.tin[mentee]!;
  const menteeTout = ctx.tree.tout[mentee]!;
  const menteeDepth = treeDepth[mentee]!;
  const menteePath = P.path;
  const menteePathAt = mentee * pathWidth;
  const demandStart = ctx.demandStart[mentee]!;
  const demandEnd = ctx.demandStart[mentee + 1]!;
  const excludedStart = ctx.excludedStart[mentee]!;
  const excludedEnd = ctx.excludedStart[mentee + 1]!;
  const w = ctx.weight;
  const experienceWeight = w[Component.experience]!;
  const goalsWeight = w[Component.goals]!;
  const reachWeight = w[Component.reach]!;
  const practicalWeight = w[Component.practical]!;

  for (let m = from; m < to; m++) {
    const r = m * recordWidth;
    const f = m * FLOAT_WIDTH;

    // Hard rules (constraints.ts). Capacity is 0 for anyone not enrolled as a mentor.
    const person = records[r + PERSON]!;
    const levelAt = records[r + LEVEL]! - menteeLevel;
    let blocked = !menteeEnrolled || records[r + CAPACITY]! <= 0 || person === mentee || levelGapAllowed[levelAt] === 0;
    if (!allowChainOfCommand) {
      const tin = records[r + TIN]!;
      blocked ||= tin < menteeTin ? menteeTin <= records[r + TOUT]! : menteeTin < tin && tin <= menteeTout;
    }
    if (blocked && detail === null) {
      out[m - from] = -1;
      continue;
    }
    // Someone who listed no language is unknown: neither blocked nor helped.
    let language: number = unknownLanguage;
    if (menteePrimary >= 0 && records[r + PRIMARY_LANGUAGE]! >= 0) {
      if ((records[r + LANGUAGES + menteePrimaryWord]! & menteePrimaryBit) !== 0) {
        language = primaryLanguage;
      } else {
        language = 0;
        for (let word = 0; word < languageWords; word++) {
          if ((records[r + LANGUAGES + word]! & menteeLanguages[menteeLanguagesAt + word]!) !== 0) {
            language = otherLanguage;
            break;
          }
        }
        blocked ||= language === 0;
      }
    }
    for (let i = excludedStart; i < excludedEnd; i++) blocked ||= excludedMentor[i] === person;
    if (blocked && detail === null) {
      out[m - from] = -1;
      continue;
    }

    const yearsDiff = floats[f + YEARS]! - menteeYears;
    const levelPart = levelFit[levelAt]!;
    const yearsPart = yearsGapFit(peer ? Math.abs(yearsDiff) : direction * yearsDiff, idealYearsGap);
    const experience = levelShare * levelPart + yearsShare * yearsPart;

    // Priority-weighted coverage of active goals: the mentee's sparse demand · the mentor's strengths.
    let goals: number = neutralGoals;
    if (demandStart !== demandEnd) {
      const column = m + strengthShift;
      let sum = 0;
      for (let i = demandStart; i < demandEnd; i++) sum += demandWeight[i]! * strength[demandSkill[i]! * strengthStride + column]!;
      // Demand weights sum to 1 only up to rounding.
      goals = sum < 1 ? sum : 1;
    }

    // Lowest common manager: where the two stored reporting lines part. Lines that agree as far
    // as they are stored (organisations deeper than MAX_PATH_WIDTH) finish by climbing the tree.
    const depth = records[r + DEPTH]!;
    const path = r + pathOffset;
    let meet = -1;
    if (records[path] === menteePath[menteePathAt]) {
      const shallower = depth < menteeDepth ? depth : menteeDepth;
      const last = shallower < pathWidth - 1 ? shallower : pathWidth - 1;
      meet = 0;
      while (meet < last && records[path + meet + 1] === menteePath[menteePathAt + meet + 1]) meet++;
      if (meet < shallower && meet === pathWidth - 1) {
        let x = person;
        let y = mentee;
        while (treeDepth[x]! > treeDepth[y]!) x = treeParent[x]!;
        while (treeDepth[y]! > treeDepth[x]!) y = treeParent[y]!;
        while (x !== y) {
          x = treeParent[x]!;
          y = treeParent[y]!;
        }
        meet = treeDepth[x]!;
      }
    }
    const apart = orgApart(meet, depth + menteeDepth);
    const location = records[r + LOCATION]!;
    const otherLocation = differs(location, menteeLocation);
    let reach = distanceShare * apart + openingShare * floats[f + OPENING]!;
    // Another division is another department too, even for a VP who belongs to none.
    if (differs(records[r + DIVISION]!, menteeDivision)) reach += divisionShare + departmentShare;
    else if (differs(records[r + DEPARTMENT]!, menteeDepartment)) reach += departmentShare;
    if (otherLocation) reach += locationShare;

    const overlap = workingHoursOverlap(records[r + UTC_OFFSET]!, menteeOffset);
    const format = records[r + FORMAT]!;
    let formatFit = FORMAT_FIT_TABLE[format * 3 + menteeFormat]!;
    if (otherLocation && (format === IN_PERSON_CODE || menteeFormat === IN_PERSON_CODE)) formatFit *= inPersonApart;
    const practical = timeZoneShare * (overlap / workdayMinutes) + languageShare * language + formatShare * formatFit;

    const total = experienceWeight * experience + goalsWeight * goals + reachWeight * reach + practicalWeight * practical;
    // Weights sum to 100 only up to rounding.
    out[m - from] = blocked ? -1 : total < 100 ? total : 100;
    if (detail !== null) {
      const d = (m - from) * DETAIL_WIDTH;
      detail[d + Component.experience] = experience;
      detail[d + Component.goals] = goals;
      detail[d + Component.reach] = reach;
      detail[d + Component.practical] = practical;
      detail[d + Detail.levelFit] = levelPart;
      detail[d + Detail.yearsFit] = yearsPart;
      detail[d + Detail.orgApart] = apart;
      detail[d + Detail.commonManagerDepth] = meet;
      detail[d + Detail.overlapMinutes] = overlap;
      detail[d + Detail.language] = language;
      detail[d + Detail.format] = formatFit;
    }
  }
}

/**
 * Org-chart distance against the longest path possible for these two depths, i.e. meeting only at
 * the top: 1 when their reporting lines join at the CEO (or never: depth -1), near 0 when they
 * share a manager. Relative to depth so a deep team lead and a shallow VP stay comparable without
 * knowing the organisation's shape.
 */
export function orgApart(commonManagerDepth: number, depthSum: number): number {
  if (commonManagerDepth < 0) return 1;
  return depthSum === 0 ? 0 : (depthSum - 2 * commonManagerDepth) / depthSum;
}

/** Unknown (-1) never counts as different: missing data must not earn a bonus. */
export function differs(x: number, y: number): boolean {
  return x !== y && x >= 0 && y >= 0;
}

/**
 * Scores a mentee against every enrolled mentor: out[slot] is the 0–100 total, or -1 when a hard
 * rule blocks the pair. The fast path for anything that looks at many mentors; `out` needs
 * `ctx.mentors.length` entries and is the only memory written.
 */
export function scoreMentorsInto(ctx: ScoringContext, mentee: number, out: Float64Array): void {
  checkPerson(ctx, mentee, 'mentee');
  if (out.length < ctx.mentors.length) throw new RangeError(`out holds ${out.length} scores; ${ctx.mentors.length} mentors need scoring.`);
  scoreRows(ctx, ctx.mentorRecords, ctx.mentorFloats, 0, ctx.mentors.length, 0, mentee, out, null);
}

/**
 * `scoreMentorsInto` for the mentor slots from..to-1 only: out[slot − from] is the total or -1.
 * With a context from `mentorView`, whose slots are any mentors in any order, this scores exactly
 * the mentors a caller picked — a certificate check that needs a few dozen pairs of a mentee out of
 * thousands pays for those.
 */
export function scoreMentorRangeInto(ctx: ScoringContext, mentee: number, from: number, to: number, out: Float64Array): void {
  checkPerson(ctx, mentee, 'mentee');
  if (!(from >= 0 && from <= to && to <= ctx.mentors.length)) throw new RangeError(`mentor slots ${from}..${to} are outside 0..${ctx.mentors.length}.`);
  if (out.length < to - from) throw new RangeError(`out holds ${out.length} scores; ${to - from} mentors need scoring.`);
  scoreRows(ctx, ctx.mentorRecords, ctx.mentorFloats, from, to, 0, mentee, out, null);
}

/**
 * Score 0–100 of a pair, or -1 when a hard rule blocks it. Allocates nothing. For many pairs with
 * the same mentee, `scoreMentorsInto` is about twice as fast: it sets the mentee up once.
 */
export function scorePair(ctx: ScoringContext, mentor: number, mentee: number): number {
  checkPerson(ctx, mentor, 'mentor');
  checkPerson(ctx, mentee, 'mentee');
  const slot = ctx.mentorSlot[mentor]!;
  if (slot < 0) return -1;
  scoreRows(ctx, ctx.mentorRecords, ctx.mentorFloats, slot, slot + 1, 0, mentee, ctx.scratchScore, null);
  return ctx.scratchScore[0]!;
}

/**
 * Fills the loop's detail record for one pair (components and sub-scores, see `Detail`) into
 * `ctx.scratchDetail` and returns the total, ignoring hard rules. Works for a mentor who is not
 * enrolled too, by scoring a scratch record and strength column.
 */
export function scoreDetail(ctx: ScoringContext, mentor: number, mentee: number): number {
  checkPerson(ctx, mentor, 'mentor');
  checkPerson(ctx, mentee, 'mentee');
  const slot = ctx.mentorSlot[mentor]!;
  const detail = ctx.scratchDetail;
  if (slot >= 0) {
    scoreRows(ctx, ctx.mentorRecords, ctx.mentorFloats, slot, slot + 1, 0, mentee, ctx.scratchScore, detail);
  } else {
    const column = scratchSlot(ctx);
    writeRecord(ctx, mentor, ctx.scratchRecord, ctx.scratchFloats, 0);
    fillStrengthColumn(ctx, mentor, column);
    scoreRows(ctx, ctx.scratchRecord, ctx.scratchFloats, 0, 1, column, mentee, ctx.scratchScore, detail);
  }
  // The same weighted sum as the kernel's, so it matches `scorePair` to the last bit.
  const w = ctx.weight;
  const total =
    w[Component.experience]! * detail[Component.experience]! +
    w[Component.goals]! * detail[Component.goals]! +
    w[Component.reach]! * detail[Component.reach]! +
    w[Component.practical]! * detail[Component.practical]!;
  return total < 100 ? total : 100;
}

/**
 * Writes the four components into `out` at the `Component` slots and returns their weighted total.
 * Ignores hard rules (check `isBlocked`), so a coordinator can see what a blocked pair would bring.
 * Allocates nothing.
 */
export function scoreComponentsInto(ctx: ScoringContext, mentor: number, mentee: number, out: Float64Array): number {
  if (out.length < COMPONENTS.length) throw new RangeError(`out holds ${out.length} values; there are ${COMPONENTS.length} components.`);
  const total = scoreDetail(ctx, mentor, mentee);
  for (let c = 0; c < COMPONENTS.length; c++) out[c] = ctx.scratchDetail[c]!;
  return total;
}

export interface RankOptions {
  /** How many mentors to return (default 10). */
  limit?: number;
  /** Minimum total, 0–100 (default: the policy's minScore). */
  minScore?: number;
  /** Extra condition on the mentor (person index), e.g. "has availability this quarter". */
  filter?: (mentor: number) => boolean;
}

export interface RankedMentor {
  mentor: number;
  score: number;
}

/**
 * The best enrolled mentors for a mentee, best first; equal scores in person-index order. Blocked
 * pairs (full mentors included) never appear.
 */
export function rankMentors(ctx: ScoringContext, mentee: number, opts: RankOptions = {}): RankedMentor[] {
  const minScore = opts.minScore ?? ctx.policy.minScore;
  const limit = Math.min(Math.max(0, Math.floor(opts.limit ?? 10)), ctx.mentors.length);
  const { filter } = opts;
  const row = new Float64Array(ctx.mentors.length);
  scoreMentorsInto(ctx, mentee, row);
  const scores = new Float64Array(limit);
  const ids = new Int32Array(limit);
  let size = 0;
  for (let slot = 0; slot < row.length; slot++) {
    const score = row[slot]!;
    if (score < 0 || score < minScore) continue;
    const mentor = ctx.mentors[slot]!;
    if (filter && !filter(mentor)) continue;
    size = offer(scores, ids, 0, size, limit, score, mentor);
  }
  const ranked: RankedMentor[] = [];
  for (let i = 0; i < size; i++) ranked.push({ mentor: ids[i]!, score: scores[i]! });
  return ranked.sort((a, b) => b.score - a.score || a.mentor - b.mentor);
}

export function checkPerson(ctx: ScoringContext, person: number, role: string): void {
  // `>>> 0` maps negatives, fractions and NaN to a different number, so one comparison checks all.
  if (person >>> 0 !== person || person >= ctx.personCount) {
    throw new RangeError(`${role} ${person} is not a person index (0..${ctx.personCount - 1}).`);
  }
}

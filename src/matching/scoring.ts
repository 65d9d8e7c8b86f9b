/**
 * The per-pair scorer. Four components, each in [0,1] (see model.ts for their shape), combined with
 * the programme's weights into a 0–100 total. Everything here reads the typed columns of a
 * ScoringContext and allocates nothing, because it runs on every pair of a programme: 50,000
 * mentees × 10,000 mentors is half a billion calls.
 *
 * Public functions take person indices. Typed-array reads use `!`: indices are range-checked at
 * the public entry points, and `noUncheckedIndexedAccess` cannot see that.
 */
import { LEVEL_OFFSET, fillStrengthColumn, scratchSlot, type Columns, type ScoringContext } from './context.js';
import {
  COMPONENTS,
  Component,
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

/**
 * The one scoring loop: `mentee` against rows from..to-1 of the column table `M`, writing the total
 * (or -1 when a hard rule blocks) to out[row - from], and the four components to
 * parts[4·(row - from) + Component.*] when `parts` is given (then blocked rows are scored too).
 * Mentor strength for row r is column r + strengthShift of `ctx.strength`.
 *
 * Every public scoring function ends up here, so a suggestion, a breakdown and a candidate edge
 * cannot disagree. It is written the way V8 needs a hot loop: every array and every mentee value
 * read into a local once (TurboFan does not hoist loads out of loops), no call left in the loop
 * body (one it does not inline boxes the double it returns and forces every array to be reloaded),
 * the hard rules inlined rather than delegated to `rowBlocked` (tests hold the two to the same
 * answers), and blocked pairs leaving before any scoring work. The curves live in model.ts.
 */
function scoreRows(
  ctx: ScoringContext,
  M: Columns,
  from: number,
  to: number,
  strengthShift: number,
  mentee: number,
  out: Float64Array,
  parts: Float64Array | null,
): void {
  const P = ctx.people;
  const { levelFit, levelGapAllowed, peer, direction, idealYearsGap, allowChainOfCommand, pathWidth, languageWords } = ctx;
  const { strength, strengthStride, demandSkill, demandWeight, excludedMentor } = ctx;
  const { depth: treeDepth, parent: treeParent } = ctx.tree;
  const mentorPerson = M.person;
  const mentorCapacity = M.capacity;
  const mentorLevel = M.level;
  const mentorYears = M.years;
  const mentorDivision = M.division;
  const mentorDepartment = M.department;
  const mentorLocation = M.location;
  const mentorOffset = M.utcOffset;
  const mentorFormat = M.format;
  const mentorLanguages = M.languageMask;
  const mentorPrimary = M.primaryLanguageBit;
  const mentorOpening = M.opening;
  const mentorTin = M.tin;
  const mentorTout = M.tout;
  const mentorDepth = M.depth;
  const mentorPath = M.path;

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
  const menteeTin = P.tin[mentee]!;
  const menteeTout = P.tout[mentee]!;
  const menteeDepth = P.depth[mentee]!;
  const menteePath = P.path;
  const menteePathAt = mentee * pathWidth;
  const menteeTop = menteePath[menteePathAt]!;
  const demandStart = ctx.demandStart[mentee]!;
  const demandEnd = ctx.demandStart[mentee + 1]!;
  const excludedStart = ctx.excludedStart[mentee]!;
  const excludedEnd = ctx.excludedStart[mentee + 1]!;
  const w = ctx.weight;
  const experienceWeight = w[Component.experience]!;
  const goalsWeight = w[Component.goals]!;
  const reachWeight = w[Component.reach]!;
  const practicalWeight = w[Component.practical]!;
  // Module constants as locals: read through an import, each would cost a cell load, a hole check
  // and a map check on every pair.
  const { levelShare, yearsShare } = EXPERIENCE;
  const { neutral: neutralGoals } = GOALS;
  const { distance: distanceShare, opening: openingShare, division: divisionShare, department: departmentShare, location: locationShare } = REACH;
  const { timeZone: timeZoneShare, language: languageShare, format: formatShare, workdayMinutes, inPersonApart } = PRACTICAL;
  const { primaryLanguage, otherLanguage, unknownLanguage } = PRACTICAL;
  const formatFitTable = FORMAT_FIT;

  for (let m = from; m < to; m++) {
    // Hard rules (see constraints.ts). Capacity is 0 for anyone not enrolled as a mentor.
    const person = mentorPerson[m]!;
    let blocked = !menteeEnrolled || mentorCapacity[m]! <= 0 || person === mentee;
    blocked ||= levelGapAllowed[mentorLevel[m]! - menteeLevel] === 0;
    if (!allowChainOfCommand) {
      const t = mentorTin[m]!;
      blocked ||= t < menteeTin ? menteeTin <= mentorTout[m]! : menteeTin < t && t <= menteeTout;
    }
    // A person who listed no language is unknown: neither blocked nor helped.
    let language: number = unknownLanguage;
    if (menteePrimary >= 0 && mentorPrimary[m]! >= 0) {
      const at = m * languageWords;
      if ((mentorLanguages[at + menteePrimaryWord]! & menteePrimaryBit) !== 0) {
        language = primaryLanguage;
      } else {
        language = 0;
        for (let word = 0; word < languageWords; word++) {
          if ((mentorLanguages[at + word]! & menteeLanguages[menteeLanguagesAt + word]!) !== 0) {
            language = otherLanguage;
            break;
          }
        }
        blocked ||= language === 0;
      }
    }
    for (let i = excludedStart; i < excludedEnd; i++) blocked ||= excludedMentor[i] === person;
    if (blocked && parts === null) {
      out[m - from] = -1;
      continue;
    }

    const yearsDiff = mentorYears[m]! - menteeYears;
    const experience =
      levelShare * levelFit[mentorLevel[m]! - menteeLevel]! +
      yearsShare * yearsGapFit(peer ? Math.abs(yearsDiff) : direction * yearsDiff, idealYearsGap);

    // Priority-weighted coverage of active goals: the mentee's sparse demand · the mentor's strengths.
    let goals: number = neutralGoals;
    if (demandStart !== demandEnd) {
      const column = m + strengthShift;
      let sum = 0;
      for (let i = demandStart; i < demandEnd; i++) sum += demandWeight[i]! * strength[demandSkill[i]! * strengthStride + column]!;
      // Demand weights sum to 1 only up to rounding.
      goals = sum < 1 ? sum : 1;
    }

    // Lowest common manager: where the two stored reporting lines part. Most pairs part at depth
    // 0 or 1, so this is a comparison or two on one cache line. Lines that agree as far as they
    // are stored (organisations deeper than the stored width) finish by climbing the tree.
    const depth = mentorDepth[m]!;
    let meet = -1;
    const at = m * pathWidth;
    if (mentorPath[at] === menteeTop) {
      const shallower = depth < menteeDepth ? depth : menteeDepth;
      const last = shallower < pathWidth - 1 ? shallower : pathWidth - 1;
      meet = 0;
      while (meet < last && mentorPath[at + meet + 1] === menteePath[menteePathAt + meet + 1]) meet++;
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
    const location = mentorLocation[m]!;
    const otherLocation = differs(location, menteeLocation);
    let reach = distanceShare * orgApart(meet, depth + menteeDepth) + openingShare * mentorOpening[m]!;
    if (differs(mentorDivision[m]!, menteeDivision)) reach += divisionShare;
    if (differs(mentorDepartment[m]!, menteeDepartment)) reach += departmentShare;
    if (otherLocation) reach += locationShare;

    const format = mentorFormat[m]!;
    let formatFit = formatFitTable[format * 3 + menteeFormat]!;
    if (otherLocation && (format === IN_PERSON || menteeFormat === IN_PERSON)) formatFit *= inPersonApart;
    const practical =
      timeZoneShare * (workingHoursOverlap(mentorOffset[m]!, menteeOffset) / workdayMinutes) +
      languageShare * language +
      formatShare * formatFit;

    const total = experienceWeight * experience + goalsWeight * goals + reachWeight * reach + practicalWeight * practical;
    // Weights sum to 100 only up to rounding.
    out[m - from] = blocked ? -1 : total < 100 ? total : 100;
    if (parts !== null) {
      const base = 4 * (m - from);
      parts[base + Component.experience] = experience;
      parts[base + Component.goals] = goals;
      parts[base + Component.reach] = reach;
      parts[base + Component.practical] = practical;
    }
  }
}

/**
 * Org-chart distance against the longest path possible for these two depths, i.e. meeting only at
 * the top: 1 when their reporting lines join at the CEO (or never, -1), near 0 when they share a
 * manager. Relative to depth so a deep team lead and a shallow VP stay comparable without knowing
 * the organisation's shape.
 */
export function orgApart(commonManagerDepth: number, depthSum: number): number {
  if (commonManagerDepth < 0) return 1;
  return depthSum === 0 ? 0 : (depthSum - 2 * commonManagerDepth) / depthSum;
}

/** Sharing the mentee's primary language beats sharing another; not knowing is neutral. */
export function languageFit(ctx: ScoringContext, M: Columns, m: number, mentee: number): number {
  const P = ctx.people;
  const primary = P.primaryLanguageBit[mentee]!;
  if (primary < 0 || M.primaryLanguageBit[m]! < 0) return PRACTICAL.unknownLanguage;
  const words = ctx.languageWords;
  const mm = M.languageMask;
  const a = m * words;
  if ((mm[a + (primary >>> 5)]! & (1 << (primary & 31))) !== 0) return PRACTICAL.primaryLanguage;
  const em = P.languageMask;
  for (let w = 0, b = mentee * words; w < words; w++) {
    if ((mm[a + w]! & em[b + w]!) !== 0) return PRACTICAL.otherLanguage;
  }
  return 0;
}

/** Unknown (-1) never counts as different: missing data must not earn a bonus. */
export function differs(x: number, y: number): boolean {
  return x !== y && x >= 0 && y >= 0;
}

/**
 * Scores a mentee against every enrolled mentor: out[slot] is the 0–100 total, or -1 when a hard
 * rule blocks the pair. The fast path for anything that looks at many mentors; `out` needs
 * `ctx.mentors.length` entries and is the only memory touched.
 */
export function scoreMentorsInto(ctx: ScoringContext, mentee: number, out: Float64Array): void {
  checkPerson(ctx, mentee, 'mentee');
  if (out.length < ctx.mentors.length) throw new RangeError(`out holds ${out.length} scores; ${ctx.mentors.length} mentors need scoring.`);
  scoreRows(ctx, ctx.mentorRows, 0, ctx.mentors.length, 0, mentee, out, null);
}

/** Score 0–100 of a pair, or -1 when a hard rule blocks it. Allocates nothing. */
export function scorePair(ctx: ScoringContext, mentor: number, mentee: number): number {
  checkPerson(ctx, mentor, 'mentor');
  checkPerson(ctx, mentee, 'mentee');
  const slot = ctx.mentorSlot[mentor]!;
  if (slot < 0) return -1;
  const out = ctx.scratchScore;
  scoreRows(ctx, ctx.mentorRows, slot, slot + 1, 0, mentee, out, null);
  return out[0]!;
}

/**
 * Writes the four components into `out` at the `Component` slots and returns their weighted total.
 * Ignores hard rules (check `isBlocked`), so a coordinator can see what a blocked pair would bring.
 * For a mentor who is not enrolled the strength column is rebuilt in the context's scratch slot:
 * still no allocation, but O(skills).
 */
export function scoreComponentsInto(ctx: ScoringContext, mentor: number, mentee: number, out: Float64Array): number {
  checkPerson(ctx, mentor, 'mentor');
  checkPerson(ctx, mentee, 'mentee');
  if (out.length < COMPONENTS.length) throw new RangeError(`out holds ${out.length} values; there are ${COMPONENTS.length} components.`);
  const slot = ctx.mentorSlot[mentor]!;
  if (slot >= 0) {
    scoreRows(ctx, ctx.mentorRows, slot, slot + 1, 0, mentee, ctx.scratchScore, out);
  } else {
    const scratch = scratchSlot(ctx);
    fillStrengthColumn(ctx, mentor, scratch);
    scoreRows(ctx, ctx.people, mentor, mentor + 1, scratch - mentor, mentee, ctx.scratchScore, out);
  }
  const w = ctx.weight;
  const total =
    w[Component.experience]! * out[Component.experience]! +
    w[Component.goals]! * out[Component.goals]! +
    w[Component.reach]! * out[Component.reach]! +
    w[Component.practical]! * out[Component.practical]!;
  return total < 100 ? total : 100;
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
  checkPerson(ctx, mentee, 'mentee');
  const minScore = opts.minScore ?? ctx.policy.minScore;
  const limit = Math.min(Math.max(0, Math.floor(opts.limit ?? 10)), ctx.mentors.length);
  const { filter } = opts;
  const row = new Float64Array(ctx.mentors.length);
  scoreRows(ctx, ctx.mentorRows, 0, ctx.mentors.length, 0, mentee, row, null);
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

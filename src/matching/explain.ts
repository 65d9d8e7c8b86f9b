/**
 * Plain-language explanation of one pair, addressed to the mentee ("your goals"). This is the slow,
 * allocating path — one pair at a time, for a suggestion list or a coordinator's "why (not)?" — so
 * it favours clarity; the numbers come from the same functions as the fast scorer, so the story
 * and the score cannot drift apart.
 */
import { blockingReasons, type Block } from './constraints.js';
import { LEVEL_OFFSET, fillStrengthColumn, scratchSlot, type ScoringContext } from './context.js';
import {
  COMPONENTS,
  Component,
  EXPERIENCE,
  FORMAT_FIT,
  FORMATS,
  GOALS,
  IN_PERSON,
  PRACTICAL,
  REACH,
  workingHoursOverlap,
  yearsGapFit,
  type ComponentName,
} from './model.js';
import { checkPerson, differs, languageFit, orgApart, scoreComponentsInto } from './scoring.js';

export interface Reason {
  component: ComponentName;
  text: string;
  /**
   * Signed points of the 0–100 total: what the factor adds (positive), or what it costs against a
   * perfect fit (negative). Plain facts carry 0. Reasons come sorted by |weight|, so the first few
   * are the ones worth showing.
   */
  weight: number;
}

export interface PairExplanation {
  mentor: number;
  mentee: number;
  /** Every hard rule the pair breaks; empty when the pair is allowed. */
  blocked: Block[];
  /** The total 0–100, or null when blocked (as `scorePair` returns -1). */
  score: number | null;
  /** Computed even for blocked pairs, so "why not" can say what the pair would have brought. */
  breakdown: Record<ComponentName, number>;
  reasons: Reason[];
}

export function explainPair(ctx: ScoringContext, mentor: number, mentee: number): PairExplanation {
  checkPerson(ctx, mentor, 'mentor');
  checkPerson(ctx, mentee, 'mentee');
  const parts = new Float64Array(COMPONENTS.length);
  const total = scoreComponentsInto(ctx, mentor, mentee, parts);
  const blocked = blockingReasons(ctx, mentor, mentee);
  const reasons = [
    ...experienceReasons(ctx, mentor, mentee),
    ...goalsReasons(ctx, mentor, mentee, parts[Component.goals]!),
    ...reachReasons(ctx, mentor, mentee),
    ...practicalReasons(ctx, mentor, mentee),
  ];
  reasons.sort(
    (a, b) =>
      Math.abs(b.weight) - Math.abs(a.weight) || COMPONENTS.indexOf(a.component) - COMPONENTS.indexOf(b.component),
  );
  return {
    mentor,
    mentee,
    blocked,
    score: blocked.length > 0 ? null : total,
    breakdown: {
      experience: parts[Component.experience]!,
      goals: parts[Component.goals]!,
      reach: parts[Component.reach]!,
      practical: parts[Component.practical]!,
    },
    reasons,
  };
}

/**
 * A sub-factor worth `share` of its component: positive with the points it earns when it is at
 * least `goodFrom`, otherwise negative with the points it loses.
 */
function factor(
  ctx: ScoringContext,
  component: ComponentName,
  share: number,
  value: number,
  goodFrom: number,
  text: string,
): Reason {
  const points = ctx.weight[Component[component]]! * share;
  const weight = value >= goodFrom ? points * value : -points * (1 - value);
  return { component, text, weight: round2(weight) };
}

function experienceReasons(ctx: ScoringContext, mentor: number, mentee: number): Reason[] {
  const { kind, idealLevelGap: ideal } = ctx.policy;
  const diff = ctx.people.level[mentor]! - ctx.people.level[mentee]!;
  const fit = ctx.levelFit[diff + LEVEL_OFFSET]!;
  let levelText: string;
  if (ctx.peer) {
    levelText = diff === 0 ? 'At the same level as you — a true peer' : `${count(Math.abs(diff), 'level')} apart from you`;
  } else {
    const gap = ctx.direction * diff;
    const [ahead, behind] = kind === 'REVERSE' ? ['junior to you', 'above you'] : ['above you', 'below you'];
    const at = gap === 0 ? 'At your level' : gap > 0 ? `${count(gap, 'level')} ${ahead}` : `${count(-gap, 'level')} ${behind}`;
    if (gap === ideal) levelText = `${at} — the ideal gap for this programme`;
    else if (gap < ideal) levelText = `${gap > 0 ? 'Only ' : ''}${at}; this programme looks for ${ideal}`;
    else if (fit >= 0.75) levelText = `${at}, close to the ideal gap of ${ideal}`;
    else levelText = `${at} — a gap this wide can make it harder to relate`;
  }
  const reasons = [factor(ctx, 'experience', EXPERIENCE.levelShare, fit, 0.75, levelText)];

  const yearsDiff = ctx.people.years[mentor]! - ctx.people.years[mentee]!;
  const yearsGap = ctx.peer ? Math.abs(yearsDiff) : ctx.direction * yearsDiff;
  const yearsFit = yearsGapFit(yearsGap, ctx.idealYearsGap);
  const more = Math.round(yearsDiff);
  const yearsText =
    more > 0 ? `${count(more, 'more year')} of experience than you` : more < 0 ? `${count(-more, 'fewer year')} of experience than you` : 'About as many years of experience as you';
  reasons.push(factor(ctx, 'experience', EXPERIENCE.yearsShare, yearsFit, 0.75, yearsText));
  return reasons;
}

type Relation = 'own' | 'broader' | 'narrower' | 'sibling';

function goalsReasons(ctx: ScoringContext, mentor: number, mentee: number, fit: number): Reason[] {
  const active = menteeGoals(ctx, mentee);
  if (active.length === 0) {
    return [{ component: 'goals', text: 'You have no active development goals yet, so goals count as neutral', weight: 0 }];
  }
  const slot = strengthSlot(ctx, mentor);
  const strengthOf = (skill: number): number => ctx.strength[skill * ctx.strengthStride + slot]!;
  const covered = active.filter((skills) => skills.reduce((sum, s) => sum + strengthOf(s), 0) / skills.length >= GOALS.coveredFrom).length;

  // Headline skill: the one contributing most to the goals fit.
  let best = -1;
  let bestContribution = 0;
  for (let i = ctx.demandStart[mentee]!; i < ctx.demandStart[mentee + 1]!; i++) {
    const c = ctx.demandWeight[i]! * strengthOf(ctx.demandSkill[i]!);
    if (c > bestContribution) {
      bestContribution = c;
      best = ctx.demandSkill[i]!;
    }
  }
  const of = active.length === 1 ? (covered === 1 ? 'covers your goal' : 'does not cover your goal') : `covers ${covered} of your ${active.length} goals`;
  if (best < 0) {
    return [factor(ctx, 'goals', 1, fit, GOALS.coveredFrom, `No experience in the skills your goals need — ${of}`)];
  }
  const source = bestSource(ctx, mentor, best);
  const headline =
    source.relation === 'own'
      ? `${proficiencyWord(source.proficiency)} ${skillName(ctx, best)}`
      : `${proficiencyWord(source.proficiency)} ${skillName(ctx, source.skill)}, ${relationWords[source.relation]} ${skillName(ctx, best)}`;
  return [factor(ctx, 'goals', 1, fit, GOALS.coveredFrom, `${headline} — ${of}`)];
}

const relationWords: Record<Exclude<Relation, 'own'>, string> = {
  broader: 'the wider field of',
  narrower: 'a speciality within',
  sibling: 'close to',
};

function proficiencyWord(proficiency: number): string {
  return proficiency >= 5 ? 'Expert in' : proficiency >= 4 ? 'Strong in' : proficiency >= 3 ? 'Experienced in' : 'Some experience in';
}

/** Distinct skills of each active goal that has skills — the goals the score counts. */
function menteeGoals(ctx: ScoringContext, mentee: number): number[][] {
  const out: number[][] = [];
  for (let j = ctx.goalStart[mentee]!; j < ctx.goalStart[mentee + 1]!; j++) {
    const g = ctx.goals[ctx.goalIndex[j]!]!;
    if (g.active && g.skills.length > 0) out.push([...new Set(g.skills)]);
  }
  return out;
}

/** Which declared proficiency earns the mentor their strength in `skill`, mirroring fillStrengthColumn. */
function bestSource(ctx: ScoringContext, mentor: number, skill: number): { skill: number; relation: Relation; proficiency: number } {
  const parent = ctx.skillParent[skill]!;
  let best = { skill: -1, relation: 'own' as Relation, proficiency: 0 };
  let bestCredit = -1;
  for (let i = ctx.proficiencyStart[mentor]!; i < ctx.proficiencyStart[mentor + 1]!; i++) {
    const s = ctx.proficiencySkill[i]!;
    const sParent = ctx.skillParent[s]!;
    let relation: Relation;
    let credit: number;
    if (s === skill) [relation, credit] = ['own', 1];
    else if (s === parent) [relation, credit] = ['broader', GOALS.broaderCredit];
    else if (sParent === skill) [relation, credit] = ['narrower', GOALS.narrowerCredit];
    else if (parent >= 0 && sParent === parent) [relation, credit] = ['sibling', GOALS.siblingCredit];
    else continue;
    credit *= ctx.proficiencyStrength[i]!;
    if (credit > bestCredit) {
      bestCredit = credit;
      best = { skill: s, relation, proficiency: ctx.proficiencyLevel[i]! };
    }
  }
  return best;
}

function reachReasons(ctx: ScoringContext, mentor: number, mentee: number): Reason[] {
  const { tree } = ctx;
  const reasons: Reason[] = [];
  const meet = tree.lca(mentor, mentee);
  const steps = tree.distance(mentor, mentee);
  const apart = orgApart(meet < 0 ? -1 : tree.depth[meet]!, tree.depth[mentor]! + tree.depth[mentee]!);
  const otherDivision = differs(ctx.people.division[mentor]!, ctx.people.division[mentee]!);
  const otherDepartment = differs(ctx.people.department[mentor]!, ctx.people.department[mentee]!);

  const share = REACH.distance + REACH.division + REACH.department;
  const value = (REACH.distance * apart + (otherDivision ? REACH.division : 0) + (otherDepartment ? REACH.department : 0)) / share;
  const stepsText = `${count(steps, 'step')} apart in the org chart`;
  let text: string;
  if (tree.inChainOfCommand(mentor, mentee)) text = `In your chain of command (this programme allows it), ${stepsText}`;
  else if (meet < 0) text = 'In a separate part of the organisation, with no manager in common';
  else if (otherDivision) text = `Different division${named(ctx.names.divisions, ctx.people.division[mentor]!)}, ${stepsText}`;
  else if (otherDepartment) text = `Same division, different department${named(ctx.names.departments, ctx.people.department[mentor]!)}, ${stepsText}`;
  else text = `Close to your own corner of the organisation, ${stepsText}`;
  reasons.push(factor(ctx, 'reach', share, value, 0.5, text));

  if (differs(ctx.people.location[mentor]!, ctx.people.location[mentee]!)) {
    const where = ctx.names.locations?.[ctx.people.location[mentor]!];
    reasons.push(factor(ctx, 'reach', REACH.location, 1, 1, where ? `Based in ${where}, a different location` : 'Based in a different location'));
  }

  const reports = tree.subtreeSize(mentor) - 1;
  const level = ctx.people.level[mentor]!;
  const opening = ctx.people.opening[mentor]!;
  if (reports > 0 || level >= 7) {
    const text = reports >= 2 ? `Leads ${count(reports, 'person', 'people')} — a window into their part of the organisation` : `Senior (level ${level}), able to open doors for you`;
    reasons.push(factor(ctx, 'reach', REACH.opening, opening, 0, text));
  }
  return reasons;
}

function practicalReasons(ctx: ScoringContext, mentor: number, mentee: number): Reason[] {
  const reasons: Reason[] = [];
  const overlap = workingHoursOverlap(ctx.people.utcOffset[mentor]!, ctx.people.utcOffset[mentee]!);
  const hours = (minutes: number): string => String(Math.round((minutes / 60) * 10) / 10);
  const overlapText =
    overlap === PRACTICAL.workdayMinutes
      ? 'Same working hours'
      : overlap === 0
        ? 'No overlap in working hours'
        : `Overlapping working hours: ${hours(overlap)} of ${hours(PRACTICAL.workdayMinutes)}`;
  reasons.push(factor(ctx, 'practical', PRACTICAL.timeZone, overlap / PRACTICAL.workdayMinutes, 0.5, overlapText));

  const language = languageFit(ctx, ctx.people, mentor, mentee);
  if (language !== PRACTICAL.unknownLanguage) {
    let text: string;
    if (language === PRACTICAL.primaryLanguage) {
      text = `Speaks your primary language${named(ctx.names.languages, ctx.languageOfBit[ctx.people.primaryLanguageBit[mentee]!]!)}`;
    } else if (language > 0) {
      text = `Shares a language with you${named(ctx.names.languages, sharedLanguage(ctx, mentor, mentee))}`;
    } else {
      text = 'No language in common';
    }
    reasons.push(factor(ctx, 'practical', PRACTICAL.language, language, PRACTICAL.otherLanguage, text));
  }

  const fm = ctx.people.format[mentor]!;
  const fe = ctx.people.format[mentee]!;
  const apart = (fm === IN_PERSON || fe === IN_PERSON) && differs(ctx.people.location[mentor]!, ctx.people.location[mentee]!);
  const format = FORMAT_FIT[fm * 3 + fe]! * (apart ? PRACTICAL.inPersonApart : 1);
  const label = (f: number): string => FORMAT_LABEL[FORMATS[f]!];
  let text: string;
  if (apart) text = 'Meeting in person is wanted, but you are in different locations';
  else if (fm === fe) text = `You both prefer ${label(fm)} meetings`;
  else text = `Prefers ${label(fm)} meetings; you prefer ${label(fe)}`;
  reasons.push(factor(ctx, 'practical', PRACTICAL.format, format, 0.75, text));
  return reasons;
}

const FORMAT_LABEL = { IN_PERSON: 'in-person', REMOTE: 'remote', HYBRID: 'hybrid' } as const;

function sharedLanguage(ctx: ScoringContext, mentor: number, mentee: number): number {
  const words = ctx.languageWords;
  for (let bit = 0; bit < ctx.languageOfBit.length; bit++) {
    const w = bit >>> 5;
    const m = 1 << (bit & 31);
    if ((ctx.people.languageMask[mentor * words + w]! & ctx.people.languageMask[mentee * words + w]! & m) !== 0) return ctx.languageOfBit[bit]!;
  }
  return -1;
}

/** Strength column holding the mentor's strengths: their own, or the scratch one rebuilt for them. */
function strengthSlot(ctx: ScoringContext, mentor: number): number {
  const slot = ctx.mentorSlot[mentor]!;
  if (slot >= 0) return slot;
  fillStrengthColumn(ctx, mentor, scratchSlot(ctx));
  return scratchSlot(ctx);
}

function skillName(ctx: ScoringContext, skill: number): string {
  return ctx.names.skills?.[skill] ?? `skill #${skill}`;
}

/** " (Name)" when a name is known, else nothing: the sentence reads fine either way. */
function named(names: ArrayLike<string | undefined> | undefined, id: number): string {
  const name = id >= 0 ? names?.[id] : undefined;
  return name ? ` (${name})` : '';
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

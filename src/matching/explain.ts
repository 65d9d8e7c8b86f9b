/**
 * Plain-language explanation of one pair, addressed to the mentee ("your goals"). This is the slow,
 * allocating path — one pair at a time, for a suggestion list or a coordinator's "why (not)?" — so
 * it favours clarity. Every number it speaks of comes from the scoring loop's detail record, so the
 * words and the score cannot drift apart.
 */
import { blockingReasons, type Block } from './constraints.js';
import { fillStrengthColumn, scratchSlot, type ScoringContext } from './context.js';
import {
  COMPONENTS,
  Component,
  Detail,
  EXPERIENCE,
  FORMATS,
  GOALS,
  IN_PERSON,
  PRACTICAL,
  REACH,
  type ComponentName,
} from './model.js';
import { checkPerson, differs, scoreDetail } from './scoring.js';

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
  /** The total 0–100, or null when blocked (where `scorePair` returns -1). */
  score: number | null;
  /** Computed even for blocked pairs, so "why not" can say what the pair would have brought. */
  breakdown: Record<ComponentName, number>;
  reasons: Reason[];
}

/** One pair under explanation: who, and what the scoring loop found. */
interface Pair {
  ctx: ScoringContext;
  mentor: number;
  mentee: number;
  detail: Float64Array;
}

export function explainPair(ctx: ScoringContext, mentor: number, mentee: number): PairExplanation {
  checkPerson(ctx, mentor, 'mentor');
  checkPerson(ctx, mentee, 'mentee');
  const total = scoreDetail(ctx, mentor, mentee);
  const pair: Pair = { ctx, mentor, mentee, detail: ctx.scratchDetail.slice() };
  const blocked = blockingReasons(ctx, mentor, mentee);
  const reasons = [...experienceReasons(pair), ...goalsReasons(pair), ...reachReasons(pair), ...practicalReasons(pair)];
  reasons.sort(
    (a, b) => Math.abs(b.weight) - Math.abs(a.weight) || COMPONENTS.indexOf(a.component) - COMPONENTS.indexOf(b.component),
  );
  const { detail } = pair;
  return {
    mentor,
    mentee,
    blocked,
    score: blocked.length > 0 ? null : total,
    breakdown: {
      experience: detail[Component.experience]!,
      goals: detail[Component.goals]!,
      reach: detail[Component.reach]!,
      practical: detail[Component.practical]!,
    },
    reasons,
  };
}

/**
 * A sub-factor worth `share` of its component: positive with the points it earns when it is at
 * least `goodFrom`, otherwise negative with the points it loses.
 */
function factor(pair: Pair, component: ComponentName, share: number, value: number, goodFrom: number, text: string): Reason {
  const points = pair.ctx.weight[Component[component]]! * share;
  const weight = value >= goodFrom ? points * value : -points * (1 - value);
  return { component, text, weight: Math.round(weight * 100) / 100 };
}

function experienceReasons(pair: Pair): Reason[] {
  const { ctx, mentor, mentee, detail } = pair;
  const { kind, idealLevelGap: ideal } = ctx.policy;
  const P = ctx.people;
  const diff = P.level[mentor]! - P.level[mentee]!;
  const fit = detail[Detail.levelFit]!;
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

  const more = Math.round(P.years[mentor]! - P.years[mentee]!);
  const yearsText =
    more > 0
      ? `${count(more, 'more year')} of experience than you`
      : more < 0
        ? `${count(-more, 'fewer year')} of experience than you`
        : 'About as many years of experience as you';
  return [
    factor(pair, 'experience', EXPERIENCE.levelShare, fit, 0.75, levelText),
    factor(pair, 'experience', EXPERIENCE.yearsShare, detail[Detail.yearsFit]!, 0.75, yearsText),
  ];
}

type Relation = 'own' | 'broader' | 'narrower' | 'sibling';

const RELATION_WORDS: Record<Exclude<Relation, 'own'>, string> = {
  broader: 'the wider field of',
  narrower: 'a speciality within',
  sibling: 'close to',
};

function goalsReasons(pair: Pair): Reason[] {
  const { ctx, mentor, mentee, detail } = pair;
  const active = activeGoalSkills(ctx, mentee);
  if (active.length === 0) {
    return [{ component: 'goals', text: 'You have no active development goals yet, so goals count as neutral', weight: 0 }];
  }
  const column = strengthColumn(ctx, mentor);
  const strengthIn = (skill: number): number => ctx.strength[skill * ctx.strengthStride + column]!;
  const covered = active.filter((skills) => skills.reduce((sum, s) => sum + strengthIn(s), 0) / skills.length >= GOALS.coveredFrom).length;

  // The headline is the skill contributing most to the fit.
  let best = -1;
  let bestContribution = 0;
  for (let i = ctx.demandStart[mentee]!; i < ctx.demandStart[mentee + 1]!; i++) {
    const contribution = ctx.demandWeight[i]! * strengthIn(ctx.demandSkill[i]!);
    if (contribution > bestContribution) {
      bestContribution = contribution;
      best = ctx.demandSkill[i]!;
    }
  }
  const fit = detail[Component.goals]!;
  const of =
    active.length === 1 ? (covered === 1 ? 'covers your goal' : 'does not cover your goal') : `covers ${covered} of your ${active.length} goals`;
  if (best < 0) return [factor(pair, 'goals', 1, fit, GOALS.coveredFrom, `No experience in the skills your goals need — ${of}`)];
  const source = bestSource(ctx, mentor, best);
  const headline =
    source.relation === 'own'
      ? `${proficiencyWords(source.proficiency)} ${skillName(ctx, best)}`
      : `${proficiencyWords(source.proficiency)} ${skillName(ctx, source.skill)}, ${RELATION_WORDS[source.relation]} ${skillName(ctx, best)}`;
  return [factor(pair, 'goals', 1, fit, GOALS.coveredFrom, `${headline} — ${of}`)];
}

function proficiencyWords(proficiency: number): string {
  return proficiency >= 5 ? 'Expert in' : proficiency >= 4 ? 'Strong in' : proficiency >= 3 ? 'Experienced in' : 'Some experience in';
}

/** Distinct skills of each active goal that has any: the goals the score counts. */
function activeGoalSkills(ctx: ScoringContext, mentee: number): number[][] {
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
  let best: { skill: number; relation: Relation; proficiency: number } = { skill: -1, relation: 'own', proficiency: 0 };
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

function reachReasons(pair: Pair): Reason[] {
  const { ctx, mentor, mentee, detail } = pair;
  const { tree } = ctx;
  const P = ctx.people;
  const reasons: Reason[] = [];
  const otherDivision = differs(P.division[mentor]!, P.division[mentee]!);
  const otherDepartment = otherDivision || differs(P.department[mentor]!, P.department[mentee]!);
  const share = REACH.distance + REACH.division + REACH.department;
  const value =
    (REACH.distance * detail[Detail.orgApart]! + (otherDivision ? REACH.division : 0) + (otherDepartment ? REACH.department : 0)) / share;
  const steps = `${count(tree.distance(mentor, mentee), 'step')} apart in the org chart`;
  let text: string;
  if (tree.inChainOfCommand(mentor, mentee)) text = `In your chain of command${ctx.allowChainOfCommand ? ' (this programme allows it)' : ''}, ${steps}`;
  else if (detail[Detail.commonManagerDepth]! < 0) text = 'In a separate part of the organisation, with no manager in common';
  else if (otherDivision) text = `Different division${named(ctx.names.divisions, P.division[mentor]!)}, ${steps}`;
  else if (otherDepartment) text = `Same division, different department${named(ctx.names.departments, P.department[mentor]!)}, ${steps}`;
  else text = `Close to your own corner of the organisation, ${steps}`;
  reasons.push(factor(pair, 'reach', share, value, 0.5, text));

  if (differs(P.location[mentor]!, P.location[mentee]!)) {
    const where = ctx.names.locations?.[P.location[mentor]!];
    reasons.push(factor(pair, 'reach', REACH.location, 1, 1, where ? `Based in ${where}, a different location` : 'Based in a different location'));
  }

  const reports = tree.subtreeSize(mentor) - 1;
  const level = P.level[mentor]!;
  if (reports > 0 || level >= 7) {
    const opening =
      reports >= 2 ? `Leads ${count(reports, 'person', 'people')} — a window into their part of the organisation` : `Senior (level ${level}), able to open doors for you`;
    reasons.push(factor(pair, 'reach', REACH.opening, P.opening[mentor]!, 0, opening));
  }
  return reasons;
}

function practicalReasons(pair: Pair): Reason[] {
  const { ctx, mentor, mentee, detail } = pair;
  const P = ctx.people;
  const reasons: Reason[] = [];

  const overlap = detail[Detail.overlapMinutes]!;
  const hours = (minutes: number): string => String(Math.round((minutes / 60) * 10) / 10);
  const overlapText =
    overlap === PRACTICAL.workdayMinutes
      ? 'Same working hours'
      : overlap === 0
        ? 'No overlap in working hours'
        : `Overlapping working hours: ${hours(overlap)} of ${hours(PRACTICAL.workdayMinutes)}`;
  reasons.push(factor(pair, 'practical', PRACTICAL.timeZone, overlap / PRACTICAL.workdayMinutes, 0.5, overlapText));

  const language = detail[Detail.language]!;
  if (language !== PRACTICAL.unknownLanguage) {
    let text: string;
    if (language === PRACTICAL.primaryLanguage) {
      text = `Speaks your primary language${named(ctx.names.languages, ctx.languageOfBit[P.primaryLanguageBit[mentee]!]!)}`;
    } else if (language > 0) {
      text = `Shares a language with you${named(ctx.names.languages, sharedLanguage(ctx, mentor, mentee))}`;
    } else {
      text = 'No language in common';
    }
    reasons.push(factor(pair, 'practical', PRACTICAL.language, language, PRACTICAL.otherLanguage, text));
  }

  const fm = P.format[mentor]!;
  const fe = P.format[mentee]!;
  const format = detail[Detail.format]!;
  const label = (code: number): string => FORMAT_LABEL[FORMATS[code]!];
  let text: string;
  const apart = (fm === IN_PERSON || fe === IN_PERSON) && differs(P.location[mentor]!, P.location[mentee]!);
  if (apart) text = 'Meeting in person is wanted, but you are in different locations';
  else if (fm === fe) text = `You both prefer ${label(fm)} meetings`;
  else text = `Prefers ${label(fm)} meetings; you prefer ${label(fe)}`;
  reasons.push(factor(pair, 'practical', PRACTICAL.format, format, 0.75, text));
  return reasons;
}

const FORMAT_LABEL = { IN_PERSON: 'in-person', REMOTE: 'remote', HYBRID: 'hybrid' } as const;

function sharedLanguage(ctx: ScoringContext, mentor: number, mentee: number): number {
  const { languageMask } = ctx.people;
  const words = ctx.languageWords;
  for (let bit = 0; bit < ctx.languageOfBit.length; bit++) {
    const w = bit >>> 5;
    if ((languageMask[mentor * words + w]! & languageMask[mentee * words + w]! & (1 << (bit & 31))) !== 0) return ctx.languageOfBit[bit]!;
  }
  return -1;
}

/** The strength column holding the mentor's strengths: their own, or the scratch one rebuilt. */
function strengthColumn(ctx: ScoringContext, mentor: number): number {
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

/**
 * Deterministic demo organisation generator: pure data, no I/O, no clock.
 *
 * `generateDemoOrg({ people, seed })` returns the same bytes for the same options. The shape:
 *
 * - Org tree: CEO (level 10) → division heads (9) → department heads (VP 8 / Director 7)
 *   → zero or more layers of management groups (one level below their manager) → first-line
 *   managers (4–6) → individual contributors (1–6). Senior ICs (Staff/Principal, Chiefs of Staff)
 *   report to heads of larger units. Every manager is strictly more senior than each report and
 *   has 3–12 direct reports (no exceptions, at every size). Tree depth (CEO = 1) is ≥ 5 from
 *   1,000 people and ≤ 9 up to the maximum size; a 20-person org is CEO → heads → ICs.
 * - Small orgs use fewer divisions (Engineering, Sales and People always exist, so the demo admin
 *   and coordinator do) and fewer departments; large ones add management layers.
 * - People, skills, goals and programme enrolments are drawn from independent PRNG streams.
 */
import {
  DIVISIONS,
  GENERAL_AREAS,
  GENERIC_GOAL_TEMPLATES,
  GOAL_TEMPLATES,
  GROUP_NAMES,
  HQ_LOCATION,
  LEADERSHIP_AREAS,
  LOCATIONS,
  TEAM_SUFFIXES,
  type DepartmentSpec,
  type DivisionSpec,
  type GoalTemplateSpec,
  type RoleSpec,
} from './catalog.js';
import { NameFactory } from './names.js';
import { Prng } from './prng.js';
import { leavesOf, resolveTaxonomy, type ResolvedTaxonomy } from './taxonomy.js';
import type {
  DemoEnrollment,
  DemoGoal,
  DemoOrganization,
  DemoOrgData,
  DemoPerson,
  DemoPersonSkill,
  DemoProgramme,
  GenerateOptions,
  GoalStatus,
  MeetingFormat,
} from './types.js';

export const DEFAULT_BASE_DATE = '2026-01-01';
export const MIN_PEOPLE = 20;
export const MAX_PEOPLE = 200_000;
export const DEMO_EMAIL_DOMAIN = 'acme.example';
export const DEMO_ORGANIZATION: Readonly<DemoOrganization> = { key: 'org-acme', name: 'Acme Corporation', slug: 'acme' };

/** Keys of the generated programmes. REVERSE and COACHING exist only when the org has candidates. */
export const DEMO_PROGRAMME_KEYS = {
  growth: 'programme-growth-mentoring-2026',
  reverse: 'programme-reverse-mentoring-2026',
  coaching: 'programme-new-manager-coaching-2026',
} as const;

/** The division every org includes first; the order decides which divisions small orgs get. */
const DIVISION_ORDER: readonly string[] = ['Engineering', 'Sales', 'People', 'Product', 'Customer Success', 'Marketing', 'Data', 'Operations', 'Finance', 'Legal'];

// ---------------------------------------------------------------------------------------------
// Small helpers

function at<T>(items: readonly T[], i: number): T {
  const v = items[i];
  if (v === undefined) throw new RangeError(`index ${i} out of range (length ${items.length})`);
  return v;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Splits `total` into `weights.length` integer parts roughly proportional to the weights, each in
 * [min, max]. Requires k·min ≤ total ≤ k·max.
 */
function split(rng: Prng, total: number, weights: readonly number[], min: number, max: number): number[] {
  const k = weights.length;
  if (k * min > total || k * max < total) throw new Error(`cannot split ${total} into ${k} parts of ${min}..${max}`);
  let sum = 0;
  for (const w of weights) sum += w;
  const parts = weights.map((w) => clamp(Math.floor((total * w) / sum), min, max));
  let diff = total;
  for (const p of parts) diff -= p;
  let i = rng.int(k);
  while (diff !== 0) {
    const p = at(parts, i);
    if (diff > 0 && p < max) {
      parts[i] = p + 1;
      diff--;
    } else if (diff < 0 && p > min) {
      parts[i] = p - 1;
      diff++;
    }
    i = (i + 1) % k;
  }
  return parts;
}

function jittered(rng: Prng, n: number, spread: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(1 - spread + 2 * spread * rng.next());
  return out;
}

function parseBaseDate(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`baseDate must be YYYY-MM-DD, got "${iso}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== iso) throw new RangeError(`baseDate is not a valid date: "${iso}"`);
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Titles

function icTitle(role: RoleSpec, level: number): string {
  const l = clamp(level, 1, 8);
  const ladder = role.ladder;
  if (typeof ladder !== 'string') return at(ladder, l - 1);
  const r = role.name;
  const s = role.short ?? role.name;
  switch (l) {
    case 1: return `Associate ${r}`;
    case 2: return r;
    case 3: return `${r} II`;
    case 4: return `Senior ${r}`;
    default:
      return ladder === 'eng'
        ? at([`Staff ${s}`, `Senior Staff ${s}`, `Principal ${s}`, `Distinguished ${s}`], l - 5)
        : at([`Lead ${r}`, `Principal ${r}`, `Senior Principal ${r}`, `Distinguished ${r}`], l - 5);
  }
}

function managerTitle(level: number, noun: string, unit: string): string {
  if (level >= 8) return `VP of ${unit}`;
  if (level === 7) return `Director of ${unit}`;
  if (level === 6) return `Senior ${noun}, ${unit}`;
  if (level === 5) return `${noun}, ${unit}`;
  return `Team Lead, ${unit}`;
}

// ---------------------------------------------------------------------------------------------
// Skill profiles: which skills and goals are typical for a part of the organisation

interface Profile {
  readonly core: readonly number[];
  readonly division: readonly number[];
  readonly general: readonly number[];
  readonly leadership: readonly number[];
  /** Everything above, for "is this skill relevant to them" checks. */
  readonly relevant: ReadonlySet<number>;
  readonly coreAreas: ReadonlySet<string>;
  readonly divisionAreas: ReadonlySet<string>;
  /** Lazily built goal-template weights per variant (manager × senior). */
  templateWeights: (TemplateWeights | undefined)[];
}

interface TemplateWeights { readonly weights: readonly number[]; readonly total: number }

const SOFT_CATEGORIES: ReadonlySet<string> = new Set(['Leadership', 'Communication', 'Professional Effectiveness']);

function makeProfile(tax: ResolvedTaxonomy, coreAreas: readonly string[], divisionAreas: readonly string[]): Profile {
  const core = leavesOf(tax, coreAreas);
  const division = leavesOf(tax, divisionAreas).filter((s) => !core.includes(s));
  const general = leavesOf(tax, GENERAL_AREAS);
  const leadership = leavesOf(tax, LEADERSHIP_AREAS);
  return {
    core,
    division,
    general,
    leadership,
    relevant: new Set([...core, ...division, ...general, ...leadership]),
    coreAreas: new Set(coreAreas),
    divisionAreas: new Set(divisionAreas),
    templateWeights: [undefined, undefined, undefined, undefined],
  };
}

function templateWeights(tax: ResolvedTaxonomy, profile: Profile, manager: boolean, senior: boolean): TemplateWeights {
  const variant = (manager ? 2 : 0) + (senior ? 1 : 0);
  const cachedWeights = profile.templateWeights[variant];
  if (cachedWeights) return cachedWeights;
  const weights = GOAL_TEMPLATES.map((t: GoalTemplateSpec, i) => {
    const first = at(at(tax.templateSkills, i), 0);
    const area = tax.areaOf[first] ?? '';
    let relevance = 0;
    if (profile.coreAreas.has(area)) relevance = 3;
    else if (profile.divisionAreas.has(area)) relevance = 1.5;
    else if (SOFT_CATEGORIES.has(at(tax.categoryOf, first))) relevance = 0.6;
    const audience = t.audience === 'any' ? 1 : t.audience === 'manager' ? (manager ? 2.5 : 0) : t.audience === 'ic' ? (manager ? 0 : 1) : senior ? 1.5 : 0;
    return relevance * audience;
  });
  const result = { weights, total: weights.reduce((a, b) => a + b, 0) };
  profile.templateWeights[variant] = result;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Org structure

type Role = 'CEO' | 'DIV' | 'DEPT' | 'GROUP' | 'LEAD' | 'IC' | 'STAFF';

interface OrgNode {
  role: Role;
  level: number;
  title: string;
  division: string;
  department: string;
  team: string;
  profile: Profile;
  /** Location index (LOCATIONS). */
  loc: number;
  /** Home location of the unit the person works in (for co-location). */
  home: number;
  parent: OrgNode | null;
  children: OrgNode[];
  index: number;
}

interface DeptContext {
  readonly div: DivisionSpec;
  readonly spec: DepartmentSpec;
  readonly profile: Profile;
  readonly noun: string;
  readonly teamStems: readonly string[];
  teamCounter: number;
  groupCounter: number;
}

/** Level weights for team members, levels 1–6 (truncated below the manager's level). */
const IC_LEVEL_WEIGHTS: readonly number[] = [8, 16, 22, 24, 20, 10];

class StructureBuilder {
  readonly nodes: OrgNode[] = [];
  private readonly divisionProfiles = new Map<string, Profile>();
  private readonly deptProfiles = new Map<string, Profile>();
  readonly execProfile: Profile;

  constructor(
    private readonly rng: Prng,
    private readonly tax: ResolvedTaxonomy,
  ) {
    this.execProfile = makeProfile(tax, ['Strategic Leadership', 'Business Acumen'], ['Interpersonal Communication']);
  }

  private divisionProfile(d: DivisionSpec): Profile {
    let p = this.divisionProfiles.get(d.name);
    if (!p) {
      p = makeProfile(this.tax, [...d.skillAreas, 'Strategic Leadership'], d.departments.flatMap((x) => x.skillAreas));
      this.divisionProfiles.set(d.name, p);
    }
    return p;
  }

  private deptProfile(d: DivisionSpec, spec: DepartmentSpec): Profile {
    const id = `${d.name}/${spec.name}`;
    let p = this.deptProfiles.get(id);
    if (!p) {
      p = makeProfile(this.tax, spec.skillAreas, d.skillAreas);
      this.deptProfiles.set(id, p);
    }
    return p;
  }

  private pickLoc(d: DivisionSpec | null): number {
    return d ? this.rng.weighted(d.locationWeights) : HQ_LOCATION;
  }

  private add(parent: OrgNode | null, n: Omit<OrgNode, 'parent' | 'children' | 'index'>): OrgNode {
    // Fixed property order: one hidden class for every node keeps the hot loops monomorphic.
    const node: OrgNode = {
      role: n.role, level: n.level, title: n.title, division: n.division, department: n.department, team: n.team,
      profile: n.profile, loc: n.loc, home: n.home, parent, children: [], index: -1,
    };
    if (parent) parent.children.push(node);
    this.nodes.push(node);
    return node;
  }

  build(total: number): OrgNode {
    const rng = this.rng;
    const ceo = this.add(null, {
      role: 'CEO', level: 10, title: 'Chief Executive Officer', division: 'Executive', department: 'Office of the CEO',
      team: 'Executive Leadership', profile: this.execProfile, loc: HQ_LOCATION, home: HQ_LOCATION,
    });
    let remaining = total - 1;
    const execStaff: [string, number][] = [];
    if (total >= 60) execStaff.push(['Chief of Staff to the CEO', 8]);
    if (total >= 400) execStaff.push(['Executive Assistant to the CEO', 4]);
    for (const [title, level] of execStaff) {
      this.add(ceo, { role: 'STAFF', level, title, division: 'Executive', department: 'Office of the CEO', team: 'Executive Leadership', profile: this.execProfile, loc: HQ_LOCATION, home: HQ_LOCATION });
      remaining--;
    }
    const divisionCount = total < 40 ? 3 : total < 80 ? 4 : total < 150 ? 5 : total < 300 ? 6 : total < 600 ? 7 : total < 1200 ? 8 : total < 3000 ? 9 : 10;
    const divisions = DIVISION_ORDER.slice(0, divisionCount).map((name) => {
      const d = DIVISIONS.find((x) => x.name === name);
      if (!d) throw new Error(`unknown division ${name}`);
      return d;
    });
    const sizes = split(rng, remaining, divisions.map((d) => d.weight * (0.85 + 0.3 * rng.next())), 4, Number.MAX_SAFE_INTEGER);
    divisions.forEach((d, i) => this.buildDivision(ceo, d, at(sizes, i)));
    return ceo;
  }

  private buildDivision(ceo: OrgNode, d: DivisionSpec, size: number): void {
    const rng = this.rng;
    const profile = this.divisionProfile(d);
    const headLoc = rng.chance(0.6) ? HQ_LOCATION : this.pickLoc(d);
    const head = this.add(ceo, {
      role: 'DIV', level: 9, title: d.chiefTitle, division: d.name, department: `${d.name} Leadership`,
      team: `${d.name} Leadership Team`, profile, loc: headLoc, home: headLoc,
    });
    let budget = size - 1;
    if (budget <= 12) {
      // A tiny division is a single team led by its head.
      const spec = at(d.departments, 0);
      const ctx = this.deptContext(d, spec);
      head.department = spec.name;
      head.team = this.nextTeamName(ctx);
      this.addMembers(head, budget, ctx, head.loc);
      return;
    }
    let staff = 0;
    if (budget >= 150) {
      const loc = rng.chance(0.7) ? head.loc : this.pickLoc(d);
      this.add(head, { role: 'STAFF', level: 7, title: `Chief of Staff, ${d.name}`, division: d.name, department: head.department, team: head.team, profile, loc, home: head.loc });
      staff++;
    }
    if (d.distinguished && budget >= 600) {
      const loc = rng.chance(0.5) ? head.loc : this.pickLoc(d);
      this.add(head, { role: 'STAFF', level: 8, title: icTitle(d.distinguished, 8), division: d.name, department: head.department, team: head.team, profile, loc, home: head.loc });
      staff++;
    }
    budget -= staff;
    const wanted = budget < 40 ? 3 : budget < 80 ? 4 : budget < 160 ? 5 : budget < 320 ? 6 : budget < 700 ? 7 : budget < 1500 ? 8 : budget < 3000 ? 9 : budget < 6000 ? 10 : budget < 12000 ? 11 : 12;
    const k = clamp(wanted, 3, Math.min(d.departments.length, 12 - staff, Math.floor(budget / 4)));
    const weights = jittered(rng, k, 0.4).map((w, i) => (i === 0 ? 1.6 * w : w));
    const sizes = split(rng, budget, weights, 4, Number.MAX_SAFE_INTEGER);
    for (let i = 0; i < k; i++) this.buildDepartment(head, d, at(d.departments, i), at(sizes, i));
  }

  private deptContext(d: DivisionSpec, spec: DepartmentSpec): DeptContext {
    return {
      div: d,
      spec,
      profile: this.deptProfile(d, spec),
      noun: spec.managerNoun ?? d.managerNoun,
      teamStems: this.rng.shuffle([...spec.teams]),
      teamCounter: 0,
      groupCounter: 0,
    };
  }

  private nextTeamName(ctx: DeptContext): string {
    const i = ctx.teamCounter++;
    const n = ctx.teamStems.length;
    const stem = at(ctx.teamStems, i % n);
    const round = Math.floor(i / n);
    if (round === 0) return stem;
    if (round <= TEAM_SUFFIXES.length) return `${stem} ${at(TEAM_SUFFIXES, round - 1)}`;
    return `${stem} ${round + 1}`;
  }

  private nextGroupName(ctx: DeptContext): string {
    const i = ctx.groupCounter++;
    const n = GROUP_NAMES.length;
    const base = `${ctx.spec.name} ${at(GROUP_NAMES, i % n)}`;
    return i < n ? base : `${base} ${Math.floor(i / n) + 1}`;
  }

  private buildDepartment(divHead: OrgNode, d: DivisionSpec, spec: DepartmentSpec, size: number): void {
    const rng = this.rng;
    const ctx = this.deptContext(d, spec);
    const budget = size - 1;
    const level = budget >= 100 ? 8 : 7;
    const hub = this.pickLoc(d);
    const head = this.add(divHead, {
      role: 'DEPT', level, title: managerTitle(level, ctx.noun, spec.name), division: d.name, department: spec.name,
      team: `${spec.name} Leadership`, profile: ctx.profile, loc: rng.chance(0.8) ? hub : this.pickLoc(d), home: hub,
    });
    this.buildUnit(head, budget, ctx, hub);
  }

  /** Fills a management unit (department or group) whose head is `node` with `budget` people. */
  private buildUnit(node: OrgNode, budget: number, ctx: DeptContext, hub: number): void {
    const rng = this.rng;
    const d = ctx.div;
    if (budget <= 12) {
      node.team = this.nextTeamName(ctx);
      this.addMembers(node, budget, ctx, hub);
      return;
    }
    let staff = 0;
    if (budget >= 40) staff = rng.weighted([50, 35, 15]);
    for (let s = 0; s < staff; s++) {
      const level = clamp(node.level - (rng.chance(0.65) ? 1 : 2), Math.min(4, node.level - 1), 8);
      const role = this.pickRole(ctx.spec);
      this.add(node, {
        role: 'STAFF', level, title: icTitle(role, level), division: node.division, department: node.department, team: node.team,
        profile: ctx.profile, loc: rng.chance(0.7) ? node.loc : this.pickLoc(d), home: node.home,
      });
    }
    budget -= staff;
    const maxSpan = 12 - staff;
    const avgMembers = rng.range(5, 9);
    const teams = Math.max(3, Math.ceil(budget / 13), Math.round(budget / (avgMembers + 1)));
    if (teams <= maxSpan) {
      const sizes = split(rng, budget, jittered(rng, teams, 0.35), 4, 13);
      for (const teamSize of sizes) {
        const level = node.level >= 7 ? (rng.chance(0.5) ? 6 : 5) : Math.max(2, node.level - 1);
        const team = this.nextTeamName(ctx);
        const home = rng.chance(0.6) ? hub : this.pickLoc(d);
        const lead = this.add(node, {
          role: 'LEAD', level, title: managerTitle(level, ctx.noun, team), division: node.division, department: node.department,
          team, profile: ctx.profile, loc: rng.chance(0.9) ? home : this.pickLoc(d), home,
        });
        this.addMembers(lead, teamSize - 1, ctx, home);
      }
      return;
    }
    const groups = clamp(Math.ceil(teams / rng.range(6, 10)), 3, maxSpan);
    const sizes = split(rng, budget, jittered(rng, groups, 0.3), 14, Number.MAX_SAFE_INTEGER);
    for (const groupSize of sizes) {
      const level = node.level - 1;
      const name = this.nextGroupName(ctx);
      const groupHub = rng.chance(0.6) ? hub : this.pickLoc(d);
      const group = this.add(node, {
        role: 'GROUP', level, title: managerTitle(level, ctx.noun, name), division: node.division, department: node.department,
        team: name, profile: ctx.profile, loc: rng.chance(0.8) ? groupHub : this.pickLoc(d), home: groupHub,
      });
      this.buildUnit(group, groupSize - 1, ctx, groupHub);
    }
  }

  private pickRole(spec: DepartmentSpec): RoleSpec {
    if (spec.roles.length === 1) return at(spec.roles, 0);
    return this.rng.chance(0.7) ? at(spec.roles, 0) : this.rng.pick(spec.roles);
  }

  private addMembers(lead: OrgNode, count: number, ctx: DeptContext, home: number): void {
    const rng = this.rng;
    const maxLevel = clamp(lead.level - 1, 1, IC_LEVEL_WEIGHTS.length);
    const weights = IC_LEVEL_WEIGHTS.slice(0, maxLevel);
    for (let i = 0; i < count; i++) {
      const level = rng.weighted(weights) + 1;
      const role = this.pickRole(ctx.spec);
      this.add(lead, {
        role: 'IC', level, title: icTitle(role, level), division: lead.division, department: lead.department, team: lead.team,
        profile: ctx.profile, loc: rng.chance(0.85) ? home : this.pickLoc(ctx.div), home,
      });
    }
  }
}

/** Managers first: breadth-first from the CEO. Assigns `index`. */
function breadthFirst(root: OrgNode, total: number): OrgNode[] {
  const order: OrgNode[] = [root];
  for (let i = 0; i < order.length; i++) {
    const node = at(order, i);
    node.index = i;
    for (const child of node.children) order.push(child);
  }
  if (order.length !== total) throw new Error(`structure has ${order.length} people, expected ${total}`);
  return order;
}

// ---------------------------------------------------------------------------------------------
// Programmes and enrolments

interface Selection {
  readonly programme: DemoProgramme;
  readonly mentors: readonly number[];
  readonly mentees: readonly number[];
  readonly capacity: ReadonlyMap<number, number>;
}

/** Weighted sampling without replacement (key = u·w, highest keys win); returns indices sorted. */
function sample(rng: Prng, candidates: readonly OrgNode[], weight: (n: OrgNode) => number, count: number): number[] {
  const keyed = candidates.map((n) => ({ i: n.index, key: rng.next() * weight(n) }));
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  return keyed.slice(0, Math.max(0, Math.min(count, keyed.length))).map((x) => x.i).sort((a, b) => a - b);
}

/** Preference by level when choosing popular mentors. */
const POPULAR_LEVEL_PREFERENCE: readonly number[] = [0, 0, 0, 0, 0, 0, 0.5, 2, 2.5, 1, 0];
const MENTOR_LEVEL_WEIGHT: readonly number[] = [0, 0, 0, 0, 0, 1, 1.3, 1.5, 1.6, 0.8, 0];
const MENTEE_LEVEL_WEIGHT: readonly number[] = [0, 1, 1.2, 1.25, 1.1, 0.7, 0.4, 0, 0, 0, 0];

function selectProgrammes(rng: Prng, people: readonly OrgNode[], growthSize?: GenerateOptions['growthProgramme']): Selection[] {
  const total = people.length;
  const out: Selection[] = [];

  // Growth Mentoring: 15–20 % mentors (level ≥ 5), 30–40 % mentees (level ≤ 6, not mentors).
  // The shares are drawn even when an exact size is asked for, so every later draw stays the same.
  const mentorCandidates = people.filter((n) => n.level >= 5 && n.role !== 'CEO');
  const mentorShare = Math.max(1, Math.round(total * rng.real(0.15, 0.2)));
  const mentors = sample(rng, mentorCandidates, (n) => at(MENTOR_LEVEL_WEIGHT, n.level), growthSize ? Math.max(1, growthSize.mentors) : mentorShare);
  const mentorSet = new Set(mentors);
  const menteeCandidates = people.filter((n) => n.level <= 6 && n.role !== 'CEO' && !mentorSet.has(n.index));
  const menteeShare = Math.round(total * rng.real(0.3, 0.4));
  const mentees = sample(rng, menteeCandidates, (n) => at(MENTEE_LEVEL_WEIGHT, n.level), growthSize ? growthSize.mentees : menteeShare);
  const capacity = new Map<number, number>();
  for (const m of mentors) capacity.set(m, 1 + rng.weighted([20, 40, 25, 15]));
  out.push({
    programme: {
      key: DEMO_PROGRAMME_KEYS.growth,
      name: 'Growth Mentoring 2026',
      kind: 'MENTORING',
      description:
        'Company-wide mentoring programme pairing people with experienced colleagues outside their chain of command, ' +
        'focused on each mentee’s development goals. Nine months, check-ins every two weeks.',
      expectedDurationMonths: 9,
      checkInCadenceDays: 14,
    },
    mentors,
    mentees,
    capacity,
  });

  // Reverse mentoring: early-career people in technical divisions mentor executives.
  const technical = new Set(['Engineering', 'Data', 'Product']);
  const execs = people.filter((n) => n.level >= 7 && n.role !== 'CEO');
  const juniors = people.filter((n) => n.level >= 2 && n.level <= 4 && technical.has(n.division));
  const reverseCount = clamp(Math.round(total * 0.004), 2, 40);
  if (total >= 50 && execs.length > 0 && juniors.length > 0) {
    const revMentees = sample(rng, execs, () => 1, reverseCount);
    const revMentors = sample(rng, juniors, (n) => (n.level === 3 ? 1.3 : 1), reverseCount);
    out.push({
      programme: {
        key: DEMO_PROGRAMME_KEYS.reverse,
        name: 'Reverse Mentoring: AI & Emerging Tech',
        kind: 'REVERSE',
        description:
          'Early-career engineers, data scientists and product people mentor senior leaders on AI, new tools and ' +
          'how the next generation works. Six months, check-ins every three weeks.',
        expectedDurationMonths: 6,
        checkInCadenceDays: 21,
      },
      mentors: revMentors,
      mentees: revMentees,
      capacity: new Map(revMentors.map((m) => [m, 1])),
    });
  }

  // Coaching for first-line managers, by senior leaders and L&D coaches.
  const newManagers = people.filter((n) => n.role === 'LEAD' && n.level >= 4 && n.level <= 6);
  const coachCandidates = people.filter((n) => n.role !== 'CEO' && (n.level >= 8 || (n.level >= 7 && n.division === 'People')));
  if (total >= 50 && newManagers.length > 0 && coachCandidates.length > 0) {
    const coachees = sample(rng, newManagers, (n) => (n.level === 5 ? 1.2 : 1), clamp(Math.round(total * 0.008), 2, 120));
    const coaches = sample(rng, coachCandidates, (n) => (n.division === 'People' ? 3 : 1), Math.max(1, Math.ceil(coachees.length / 2.5)));
    out.push({
      programme: {
        key: DEMO_PROGRAMME_KEYS.coaching,
        name: 'New Manager Coaching',
        kind: 'COACHING',
        description:
          'Short, skill-focused coaching for first-line managers: feedback, delegation, hiring and career conversations. ' +
          'Four months, fortnightly sessions.',
        expectedDurationMonths: 4,
        checkInCadenceDays: 14,
      },
      mentors: coaches,
      mentees: coachees,
      capacity: new Map(coaches.map((m) => [m, 2 + rng.int(3)])),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// People: attributes, skills, goals

const YEARS_BY_LEVEL: readonly number[] = [0, 1, 3, 5, 7.5, 10, 12.5, 15, 18, 21, 25];
const MIN_YEARS_BY_LEVEL: readonly number[] = [0, 0, 1, 2, 3, 5, 6, 8, 10, 12, 15];
const POOL_LANGUAGE: Readonly<Record<string, string>> = { anglo: 'en', german: 'de', lusophone: 'pt', french: 'fr', hispanic: 'es', indian: 'hi', sea: 'zh' };

const KIND_CORE = 0;
const KIND_DIVISION = 1;
const KIND_GENERAL = 2;
const KIND_LEADERSHIP = 3;
const KIND_CROSS = 4;

function draftSkills(rng: Prng, tax: ResolvedTaxonomy, node: OrgNode, years: number, personKey: string): DemoPersonSkill[] {
  const { level, profile } = node;
  const manager = node.children.length > 0;
  const n = clamp(Math.round(4 + (level - 1) * 0.55 + rng.normal() * 1.1), 4, 12);
  const chosen: number[] = [];
  const kinds: number[] = [];
  const take = (pool: readonly number[], count: number, kind: number): void => {
    if (pool.length === 0) return;
    for (let got = 0, tries = 0; got < count && tries < count * 6 && chosen.length < n; tries++) {
      const s = rng.pick(pool);
      if (chosen.includes(s)) continue;
      chosen.push(s);
      kinds.push(kind);
      got++;
    }
  };
  const nLead = manager ? Math.max(1, Math.round(n * (0.2 + 0.04 * (level - 4)))) : level >= 5 && rng.chance(0.6) ? 1 : 0;
  const nGeneral = (rng.chance(0.6) ? 1 : 0) + (n >= 8 ? 1 : 0);
  const nCross = rng.chance(0.3) ? 1 : 0;
  const rest = n - nLead - nGeneral - nCross;
  const nDivision = profile.division.length > 0 ? Math.round(rest * 0.3) : 0;
  take(profile.leadership, nLead, KIND_LEADERSHIP);
  take(profile.general, nGeneral, KIND_GENERAL);
  take(tax.leaves, nCross, KIND_CROSS);
  take(profile.division, nDivision, KIND_DIVISION);
  take(profile.core, n - chosen.length, KIND_CORE);
  take(profile.division, n - chosen.length, KIND_DIVISION);
  take(profile.general, n - chosen.length, KIND_GENERAL);
  while (chosen.length < n) take(tax.leaves, n - chosen.length, KIND_CROSS);

  const base = 1 + (level - 1) * 0.42 + (years - at(YEARS_BY_LEVEL, level)) * 0.04;
  const out: DemoPersonSkill[] = [];
  for (let i = 0; i < chosen.length; i++) {
    const kind = at(kinds, i);
    const bonus = kind === KIND_CORE ? 0.45 : kind === KIND_DIVISION ? 0.1 : kind === KIND_LEADERSHIP ? (manager ? 0.5 : -0.4) : kind === KIND_CROSS ? -0.8 : 0;
    const proficiency = clamp(Math.round(base + bonus + rng.normal() * 0.65), 1, 5);
    const wantsToTeach = proficiency >= 4 && level >= 4 && rng.chance(0.25 + 0.07 * (level - 4));
    out.push({ personKey, skillKey: at(tax.skills, at(chosen, i)).key, proficiency, wantsToTeach });
  }
  return out;
}

function languagesFor(rng: Prng, locIdx: number, level: number, namePool: string): string[] {
  const loc = at(LOCATIONS, locIdx);
  const langs = [loc.primaryLanguage];
  if (loc.primaryLanguage !== 'en' && (level >= 7 || rng.chance(Math.min(1, loc.englishProbability + (level >= 4 ? 0.08 : 0))))) langs.push('en');
  const heritage = POOL_LANGUAGE[namePool];
  if (heritage && namePool !== loc.namePool && !langs.includes(heritage) && rng.chance(0.35)) langs.push(heritage);
  for (const [lang, p] of loc.extraLanguages) if (!langs.includes(lang) && rng.chance(p)) langs.push(lang);
  return langs;
}

function formatFor(rng: Prng, node: OrgNode): MeetingFormat {
  if (node.loc !== node.home) return rng.chance(0.75) ? 'REMOTE' : 'HYBRID';
  const r = rng.next();
  return r < 0.5 ? 'HYBRID' : r < 0.75 ? 'IN_PERSON' : 'REMOTE';
}

function rangeInt(rng: Prng, r: readonly [number, number]): number {
  return rng.range(r[0], r[1]);
}

const STATUS_WEIGHTS: readonly number[] = [85, 10, 5];
/** Goal counts for mentees and goal priorities: 1 (25 %), 2 (45 %), 3 (30 %). */
const ONE_TWO_THREE_WEIGHTS: readonly number[] = [25, 45, 30];
const STATUSES: readonly GoalStatus[] = ['ACTIVE', 'ACHIEVED', 'ABANDONED'];

// ---------------------------------------------------------------------------------------------
// Entry point

export function generateDemoOrg(opts: GenerateOptions): DemoOrgData {
  const total = opts.people;
  if (!Number.isInteger(total) || total < MIN_PEOPLE || total > MAX_PEOPLE) {
    throw new RangeError(`people must be an integer in [${MIN_PEOPLE}, ${MAX_PEOPLE}], got ${total}`);
  }
  const baseMs = parseBaseDate(opts.baseDate ?? DEFAULT_BASE_DATE);
  const dueDates: string[] = [];
  for (let d = 0; d <= 366; d++) dueDates.push(new Date(baseMs + d * 86_400_000).toISOString().slice(0, 10));

  const tax = resolveTaxonomy();
  const structure = new StructureBuilder(new Prng(opts.seed, 1), tax);
  const root = structure.build(total);
  const nodes = breadthFirst(root, total);
  const keyWidth = Math.max(6, String(total).length);
  const personKeys: string[] = [];
  for (let i = 0; i < total; i++) personKeys.push(`person-${pad(i + 1, keyWidth)}`);
  const keyOf = (i: number): string => at(personKeys, i);

  const selections = selectProgrammes(new Prng(opts.seed, 2), nodes, opts.growthProgramme);
  const growth = at(selections, 0);
  const growthMentors = new Set(growth.mentors);
  const anyMentee = new Set(selections.flatMap((s) => s.mentees));

  // Per person: attributes, skills, goals (one stream, person order).
  const rng = new Prng(opts.seed, 3);
  const names = new NameFactory(DEMO_EMAIL_DOMAIN);
  const people: DemoPerson[] = [];
  const skillLists: DemoPersonSkill[][] = [];
  const goals: DemoGoal[] = [];
  const activeGoalsByPerson = new Map<number, DemoGoal[]>();
  const progressEvery = 1000;

  for (let i = 0; i < total; i++) {
    const node = at(nodes, i);
    const loc = at(LOCATIONS, node.loc);
    const { name, email, pool } = names.make(rng, loc.namePool, 0.7);
    const years = clamp(Math.round(at(YEARS_BY_LEVEL, node.level) + rng.normal() * (0.8 + node.level * 0.3)), at(MIN_YEARS_BY_LEVEL, node.level), 45) + 0; // + 0 turns -0 into 0
    people.push({
      key: keyOf(i),
      name,
      email,
      title: node.title,
      level: node.level,
      yearsExperience: years,
      division: node.division,
      department: node.department,
      team: node.team,
      location: loc.name,
      timezone: loc.timezone,
      utcOffsetMinutes: loc.utcOffsetMinutes,
      languages: languagesFor(rng, node.loc, node.level, pool),
      formatPreference: formatFor(rng, node),
      managerKey: node.parent ? keyOf(node.parent.index) : null,
    });

    const drafts = draftSkills(rng, tax, node, years, keyOf(i));
    if (growthMentors.has(i)) {
      // Every mentor can teach at least their strongest skill.
      let best = at(drafts, 0);
      for (const s of drafts) if (s.proficiency > best.proficiency) best = s;
      best.proficiency = Math.max(best.proficiency, 4);
      best.wantsToTeach = true;
    }
    skillLists.push(drafts);

    const mentee = anyMentee.has(i);
    const goalCount = mentee ? 1 + rng.weighted(ONE_TWO_THREE_WEIGHTS) : rng.chance(0.3) ? (rng.chance(0.3) ? 2 : 1) : 0;
    if (goalCount > 0) {
      const manager = node.children.length > 0;
      const { weights, total: weightTotal } = templateWeights(tax, node.profile, manager, node.level >= 5);
      const used: number[] = [];
      for (let g = 0; g < goalCount; g++) {
        let title: string;
        let measure: string;
        let skillIdx: readonly number[];
        let baselineRange: readonly [number, number];
        let targetRange: readonly [number, number];
        let template = -1;
        if (!rng.chance(0.2)) {
          for (let tries = 0; tries < 8; tries++) {
            const t = rng.weighted(weights, weightTotal);
            if (!used.includes(t)) {
              template = t;
              break;
            }
          }
        }
        if (template >= 0) {
          used.push(template);
          const spec = at(GOAL_TEMPLATES, template);
          title = spec.title;
          measure = spec.measure;
          skillIdx = at(tax.templateSkills, template);
          baselineRange = spec.baseline;
          targetRange = spec.target;
        } else {
          const generic = rng.pick(GENERIC_GOAL_TEMPLATES);
          const skill = rng.pick(node.profile.core.length > 0 ? node.profile.core : tax.leaves);
          const skillName = at(tax.skills, skill).name;
          title = generic.title.replace('{skill}', skillName);
          measure = generic.measure.replace('{skill}', skillName);
          skillIdx = [skill];
          baselineRange = generic.baseline;
          targetRange = generic.target;
        }
        const baseline = rangeInt(rng, baselineRange);
        let target = rangeInt(rng, targetRange);
        if (target === baseline) target = targetRange[1] >= baselineRange[1] ? baseline + 1 : baseline - 1;
        const status = mentee && g === 0 ? 'ACTIVE' : at(STATUSES, rng.weighted(STATUS_WEIGHTS));
        const priority = mentee && g === 0 ? 2 + rng.int(2) : 1 + rng.weighted(ONE_TWO_THREE_WEIGHTS);
        const goal: DemoGoal = {
          key: '',
          personKey: keyOf(i),
          title,
          skillKeys: skillIdx.map((s) => at(tax.skills, s).key),
          measure,
          baseline,
          target,
          dueDate: at(dueDates, rng.range(91, 365)),
          status,
          priority,
        };
        goals.push(goal);
        if (status === 'ACTIVE') {
          const list = activeGoalsByPerson.get(i);
          if (list) list.push(goal);
          else activeGoalsByPerson.set(i, [goal]);
        }
      }
    }
    if (opts.onProgress && ((i + 1) % progressEvery === 0 || i + 1 === total)) opts.onProgress(i + 1, total);
  }
  const goalKeyWidth = Math.max(6, String(goals.length).length);
  goals.forEach((g, n) => {
    g.key = `goal-${pad(n + 1, goalKeyWidth)}`;
  });

  // Popular mentors: very senior, teaching what Growth mentees most want to learn.
  const post = new Prng(opts.seed, 4);
  const skillIndexByKey = new Map(tax.skills.map((s, i) => [s.key, i]));
  const demand = new Float64Array(tax.skills.length);
  for (const m of growth.mentees) {
    for (const goal of activeGoalsByPerson.get(m) ?? []) {
      for (const k of goal.skillKeys) {
        const s = skillIndexByKey.get(k);
        if (s !== undefined) demand[s] = (demand[s] ?? 0) + goal.priority;
      }
    }
  }
  const inDemand = tax.leaves.filter((s) => (demand[s] ?? 0) > 0).sort((a, b) => (demand[b] ?? 0) - (demand[a] ?? 0) || a - b);
  const popularCount = Math.min(growth.mentors.length, Math.max(3, Math.round(growth.mentors.length * 0.005)));
  const senior = growth.mentors.filter((m) => at(nodes, m).level >= 7);
  const pool = senior.length >= popularCount ? senior : [...growth.mentors];
  // VPs, directors and principal-level ICs rather than division heads: a division head is in the
  // chain of command of their whole division, which would hide them from most of its mentees.
  const ranked = pool
    .map((m) => {
      const node = at(nodes, m);
      return { m, key: (POPULAR_LEVEL_PREFERENCE[node.level] ?? 0) + (node.children.length === 0 ? 0.75 : 0) + post.next() };
    })
    .sort((a, b) => b.key - a.key || a.m - b.m)
    .map((x) => x.m);
  const perDivisionCap = Math.max(2, Math.ceil(popularCount / 3));
  const perDivision = new Map<string, number>();
  const popular: number[] = [];
  for (const m of ranked) {
    if (popular.length >= popularCount) break;
    const div = at(nodes, m).division;
    if ((perDivision.get(div) ?? 0) >= perDivisionCap) continue;
    perDivision.set(div, (perDivision.get(div) ?? 0) + 1);
    popular.push(m);
  }
  for (const m of ranked) {
    if (popular.length >= popularCount) break;
    if (!popular.includes(m)) popular.push(m);
  }
  popular.sort((a, b) => a - b);
  for (const m of popular) {
    const node = at(nodes, m);
    // The most wanted skills within their own field and the soft skills everyone asks for; if
    // mentees want fewer than that, their own strongest skills are raised to expert instead.
    const want = post.range(6, 8);
    const chosen = new Set(inDemand.filter((s) => node.profile.relevant.has(s)).slice(0, want).map((s) => at(tax.skills, s).key));
    const existing = [...at(skillLists, m)].sort((a, b) => b.proficiency - a.proficiency);
    const boosted: DemoPersonSkill[] = [...chosen].map((skillKey) => ({ personKey: keyOf(m), skillKey, proficiency: 5, wantsToTeach: true }));
    const kept: DemoPersonSkill[] = [];
    for (const d of existing) {
      if (chosen.has(d.skillKey)) continue;
      if (boosted.length < want) boosted.push({ ...d, proficiency: 5, wantsToTeach: true });
      else if (boosted.length + kept.length < 12) kept.push(d);
    }
    skillLists[m] = [...boosted, ...kept];
  }

  // Demo users.
  const peopleDivision = nodes.filter((n) => n.division === 'People');
  const admin = nodes.find((n) => n.role === 'DIV' && n.division === 'People');
  if (!admin) throw new Error('generator invariant: People division missing');
  const coordinator =
    peopleDivision.find((n) => n !== admin && n.department === 'Learning & Development' && n.level >= 4 && n.level <= 6 && !anyMentee.has(n.index)) ??
    peopleDivision.find((n) => n !== admin && n.level >= 3 && !anyMentee.has(n.index)) ??
    peopleDivision.find((n) => n !== admin);
  if (!coordinator) throw new Error('generator invariant: no coordinator candidate');
  const activeCount = (i: number): number => activeGoalsByPerson.get(i)?.length ?? 0;
  const menteeIdx =
    growth.mentees.find((i) => activeCount(i) >= 2 && at(nodes, i).division === 'Engineering' && at(nodes, i).level >= 2 && at(nodes, i).level <= 4) ??
    growth.mentees.find((i) => activeCount(i) >= 2) ??
    growth.mentees.find((i) => activeCount(i) >= 1);
  if (menteeIdx === undefined) throw new Error('generator invariant: no mentee with active goals');
  const menteeNode = at(nodes, menteeIdx);
  const chain = new Set<number>();
  for (let p = menteeNode.parent; p; p = p.parent) chain.add(p.index);
  const menteeSkills = new Set((activeGoalsByPerson.get(menteeIdx) ?? []).flatMap((g) => g.skillKeys));
  const popularSet = new Set(popular);
  let mentorIdx = -1;
  let bestScore = -1;
  for (const m of growth.mentors) {
    const node = at(nodes, m);
    if (popularSet.has(m) || chain.has(m) || node.division === menteeNode.division || m === admin.index || m === coordinator.index) continue;
    let score = (node.level >= 6 && node.level <= 7 ? 2 : 0) + ((growth.capacity.get(m) ?? 1) >= 2 ? 1 : 0);
    for (const s of at(skillLists, m)) if (s.wantsToTeach && menteeSkills.has(s.skillKey)) score += 3;
    if (score > bestScore) {
      bestScore = score;
      mentorIdx = m;
    }
  }
  if (mentorIdx < 0) {
    mentorIdx =
      growth.mentors.find((m) => !chain.has(m) && m !== admin.index && m !== coordinator.index) ??
      growth.mentors.find((m) => !chain.has(m)) ??
      at(growth.mentors, 0);
  }

  // Flatten.
  const personSkills: DemoPersonSkill[] = [];
  for (let i = 0; i < total; i++) for (const d of at(skillLists, i)) personSkills.push(d);
  const enrollments: DemoEnrollment[] = [];
  for (const s of selections) {
    for (const m of s.mentors) enrollments.push({ programmeKey: s.programme.key, personKey: keyOf(m), role: 'MENTOR', capacity: s.capacity.get(m) ?? 1 });
    for (const m of s.mentees) enrollments.push({ programmeKey: s.programme.key, personKey: keyOf(m), role: 'MENTEE', capacity: 1 });
  }

  return {
    organization: { ...DEMO_ORGANIZATION },
    people,
    skills: tax.skills.map((s) => ({ ...s })),
    personSkills,
    goals,
    programmes: selections.map((s) => ({ ...s.programme })),
    enrollments,
    popularMentorKeys: popular.map(keyOf),
    demoUsers: { adminKey: keyOf(admin.index), coordinatorKey: keyOf(coordinator.index), mentorKey: keyOf(mentorIdx), menteeKey: keyOf(menteeIdx) },
  };
}

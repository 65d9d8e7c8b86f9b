import type { EntityManager } from '@mikro-orm/postgresql';
import { buildScoringContext, OrgTree, type MatchingPolicy as EnginePolicy, type ScoringContext, type ScoringInput, type PersonInput, type GoalInput, type ProficiencyInput, type PairRef } from '../../matching/index.js';
import type { Programme } from '../programme/programme.entity.js';
import { PRIORITY_WEIGHT, type GoalPriority } from '../goal/goal.entity.js';

/**
 * A programme loaded into the pure engine's plain-data shape. People are indexed by their UUID
 * order (stable across loads, so tie-breaks are deterministic); `personIds[i]` maps back.
 */
export interface ProgrammeData {
  programmeId: string;
  organizationId: string;
  personIds: string[];
  indexOf: Map<string, number>;
  /** Enrolled mentors (person index) with their full capacity and availability. */
  mentors: { person: number; capacity: number; available: boolean }[];
  /** Enrolled mentees (person index). */
  mentees: number[];
  /** Live (ACTIVE/PAUSED) mentorships in the programme per mentor index, at load time. */
  liveByMentor: Map<number, number>;
  /** Mentees with a live mentorship in the programme, at load time. */
  matchedMentees: Set<number>;
  excluded: PairRef[];
  pins: PairRef[];
  input: ScoringInput;
  tree: OrgTree;
  /** Department / division / location names by dense id, to resolve filters. */
  departmentIds: Map<string, number>;
  skillIds: Map<string, number>;
}

export function enginePolicy(programme: Programme): EnginePolicy {
  const p = programme.policy;
  return {
    kind: programme.kind,
    weights: { experience: p.weights.experience, goals: p.weights.goals, reach: p.weights.reach, practical: p.weights.practical },
    idealLevelGap: p.idealLevelGap,
    minLevelGap: p.minLevelGap,
    minScore: p.minScore,
    allowChainOfCommand: p.allowChainOfCommand,
  };
}

class Dictionary {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  id(name: string | null | undefined): number {
    if (!name) return -1;
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
}

type Row = Record<string, unknown>;

async function rows<T extends Row>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const res = (await em.getKnex().raw(sql, params as never)) as { rows: T[] };
  return res.rows;
}

/**
 * Load everything the engine needs for one programme in six statements, whatever its size: the
 * whole organisation's people (chain-of-command checks need every reporting line, not just the
 * participants), the skill taxonomy, mentors' proficiencies, mentees' goals, enrolments with live
 * load, and the pairs that must not (or must) be made.
 */
export async function loadProgrammeData(em: EntityManager, programme: Programme, opts: { capacityMode: 'full' | 'remaining' }): Promise<ProgrammeData> {
  const org = programme.organization.id;
  const pid = programme.id;
  const [people, skills, proficiencies, goals, enrolments, pairs] = await Promise.all([
    rows<{ id: string; manager_id: string | null; level: number; years_experience: number; division: string; department: string; location: string; utc_offset_minutes: number; languages: string[]; format_preference: string }>(
      em,
      `select id, manager_id, level, years_experience, division, department, location, utc_offset_minutes, languages, format_preference
         from person where organization_id = ? order by id`,
      [org],
    ),
    rows<{ id: string; parent_id: string | null; name: string }>(em, 'select id, parent_id, name from skill where organization_id = ? order by id', [org]),
    rows<{ person_id: string; skill_id: string; proficiency: number; wants_to_teach: boolean }>(
      em,
      `select ps.person_id, ps.skill_id, ps.proficiency, ps.wants_to_teach
         from person_skill ps join enrollment e on e.person_id = ps.person_id
        where e.programme_id = ? and e.role = 'MENTOR'`,
      [pid],
    ),
    rows<{ person_id: string; priority: GoalPriority; status: string; title: string; skills: string[] }>(
      em,
      `select g.person_id, g.priority, g.status, g.title, coalesce(array_agg(gs.skill_id) filter (where gs.skill_id is not null), '{}') as skills
         from development_goal g
         join enrollment e on e.person_id = g.person_id and e.programme_id = ? and e.role = 'MENTEE'
         left join development_goal_skill gs on gs.development_goal_id = g.id
        where g.status = 'ACTIVE'
        group by g.id`,
      [pid],
    ),
    rows<{ person_id: string; role: string; capacity: number; available: boolean; live: number }>(
      em,
      `select e.person_id, e.role, e.capacity, e.available,
              (select count(*)::int from mentorship m
                where m.programme_id = e.programme_id and m.status in ('ACTIVE', 'PAUSED')
                  and (case when e.role = 'MENTOR' then m.mentor_id else m.mentee_id end) = e.person_id) as live
         from enrollment e where e.programme_id = ? order by e.person_id`,
      [pid],
    ),
    // Bans and pins of this programme; rejected proposals and early-ended pairs anywhere in the organisation.
    rows<{ mentor_id: string; mentee_id: string; kind: 'BAN' | 'PIN' }>(
      em,
      `select mentor_id, mentee_id, kind::text as kind from pair_rule where programme_id = ?
       union select mentor_id, mentee_id, 'BAN' from match_proposal where organization_id = ? and status = 'REJECTED'
       union select mentor_id, mentee_id, 'BAN' from mentorship where organization_id = ? and status = 'ENDED_EARLY'`,
      [pid, org, org],
    ),
  ]);

  const personIds = people.map((p) => p.id);
  const indexOf = new Map(personIds.map((id, i) => [id, i]));
  const divisions = new Dictionary();
  const departments = new Dictionary();
  const locations = new Dictionary();
  const languages = new Dictionary();
  const personInputs: PersonInput[] = people.map((p) => ({
    level: p.level,
    yearsExperience: p.years_experience,
    division: divisions.id(p.division),
    department: departments.id(p.department),
    location: locations.id(p.location),
    utcOffsetMinutes: p.utc_offset_minutes,
    languages: p.languages.map((l) => languages.id(l)),
    format: p.format_preference as PersonInput['format'],
    manager: p.manager_id ? (indexOf.get(p.manager_id) ?? -1) : -1,
  }));
  const skillIndex = new Map(skills.map((s, i) => [s.id, i]));
  const skillParent = Int32Array.from(skills, (s) => (s.parent_id ? (skillIndex.get(s.parent_id) ?? -1) : -1));
  const proficiencyInputs: ProficiencyInput[] = [];
  for (const p of proficiencies) {
    const person = indexOf.get(p.person_id);
    const skill = skillIndex.get(p.skill_id);
    if (person !== undefined && skill !== undefined) proficiencyInputs.push({ person, skill, proficiency: p.proficiency, wantsToTeach: p.wants_to_teach });
  }
  const goalInputs: GoalInput[] = [];
  for (const g of goals) {
    const person = indexOf.get(g.person_id);
    if (person === undefined) continue;
    goalInputs.push({
      person,
      skills: g.skills.map((s) => skillIndex.get(s)).filter((s): s is number => s !== undefined),
      priority: PRIORITY_WEIGHT[g.priority],
      active: g.status === 'ACTIVE',
      title: g.title,
    });
  }
  const mentors: ProgrammeData['mentors'] = [];
  const mentees: number[] = [];
  const liveByMentor = new Map<number, number>();
  const matchedMentees = new Set<number>();
  for (const e of enrolments) {
    const person = indexOf.get(e.person_id);
    if (person === undefined) continue;
    if (e.role === 'MENTOR') {
      mentors.push({ person, capacity: e.capacity, available: e.available });
      liveByMentor.set(person, e.live);
    } else {
      mentees.push(person);
      if (e.live > 0) matchedMentees.add(person);
    }
  }
  const excluded: PairRef[] = [];
  const pins: PairRef[] = [];
  for (const r of pairs) {
    const mentor = indexOf.get(r.mentor_id);
    const mentee = indexOf.get(r.mentee_id);
    if (mentor === undefined || mentee === undefined) continue;
    (r.kind === 'PIN' ? pins : excluded).push({ mentor, mentee });
  }
  const tree = OrgTree.fromParents(Int32Array.from(personInputs, (p) => p.manager));
  const input: ScoringInput = {
    people: personInputs,
    skillParent,
    proficiencies: proficiencyInputs,
    goals: goalInputs,
    policy: enginePolicy(programme),
    enrolment: {
      mentors: mentors.map((m) => ({
        person: m.person,
        capacityLeft: !m.available ? 0 : opts.capacityMode === 'full' ? m.capacity : Math.max(0, m.capacity - (liveByMentor.get(m.person) ?? 0)),
      })),
      mentees,
    },
    excluded,
    names: { skills: skills.map((s) => s.name), divisions: divisions.names, departments: departments.names, locations: locations.names, languages: languages.names },
    orgTree: tree,
  };
  return {
    programmeId: pid,
    organizationId: org,
    personIds,
    indexOf,
    mentors,
    mentees,
    liveByMentor,
    matchedMentees,
    excluded,
    pins,
    input,
    tree,
    departmentIds: departments.ids,
    skillIds: skillIndex,
  };
}

export function buildContext(data: ProgrammeData): ScoringContext {
  return buildScoringContext(data.input);
}

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

/**
 * One statement whose single value `v` is a JSON array of tuples (`json_agg(json_build_array(…))`).
 * A big programme loads ~300k rows; turning each into a row object with typed fields (text arrays
 * parsed one by one) costs several times more than PostgreSQL building one JSON document and
 * JSON.parse reading it.
 */
async function tuples<T extends unknown[]>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const res = (await em.getKnex().raw(sql, params as never)) as { rows: { v: T[] | string | null }[] };
  const v = res.rows[0]?.v ?? [];
  return typeof v === 'string' ? (JSON.parse(v) as T[]) : (v ?? []);
}

type PersonTuple = [id: string, managerId: string | null, level: number, yearsExperience: number, division: string, department: string, location: string, utcOffsetMinutes: number, languages: string[], formatPreference: string];
type SkillTuple = [id: string, parentId: string | null, name: string];
type ProficiencyTuple = [personId: string, skillId: string, proficiency: number, wantsToTeach: boolean];
type GoalTuple = [personId: string, priority: GoalPriority, status: string, title: string, skills: string[]];
type EnrolmentTuple = [personId: string, role: string, capacity: number, available: boolean, live: number];
type PairTuple = [mentorId: string, menteeId: string, kind: 'BAN' | 'PIN'];

/**
 * Load everything the engine needs for one programme in six statements, whatever its size: the
 * whole organisation's people (chain-of-command checks need every reporting line, not just the
 * participants), the skill taxonomy, mentors' proficiencies, mentees' goals, enrolments with live
 * load, and the pairs that must not (or must) be made. Each comes back as one JSON array of tuples.
 */
export async function loadProgrammeData(em: EntityManager, programme: Programme, opts: { capacityMode: 'full' | 'remaining' }): Promise<ProgrammeData> {
  const org = programme.organization.id;
  const pid = programme.id;
  const [peopleRows, skillRows, proficiencyRows, goalRows, enrolmentRows, pairRows] = await Promise.all([
    tuples<PersonTuple>(
      em,
      `select json_agg(json_build_array(id, manager_id, level, years_experience, division, department, location, utc_offset_minutes, languages, format_preference) order by id) as v
         from person where organization_id = ?`,
      [org],
    ),
    tuples<SkillTuple>(em, 'select json_agg(json_build_array(id, parent_id, name) order by id) as v from skill where organization_id = ?', [org]),
    tuples<ProficiencyTuple>(
      em,
      `select json_agg(json_build_array(ps.person_id, ps.skill_id, ps.proficiency, ps.wants_to_teach)) as v
         from person_skill ps join enrollment e on e.person_id = ps.person_id
        where e.programme_id = ? and e.role = 'MENTOR'`,
      [pid],
    ),
    // The goal's skills are gathered per goal first (no grouping of the wide goal rows).
    tuples<GoalTuple>(
      em,
      `select json_agg(json_build_array(g.person_id, g.priority, g.status, g.title,
                (select coalesce(array_agg(gs.skill_id), '{}') from development_goal_skill gs where gs.development_goal_id = g.id)) order by g.id) as v
         from development_goal g
         join enrollment e on e.person_id = g.person_id and e.programme_id = ? and e.role = 'MENTEE'
        where g.status = 'ACTIVE'`,
      [pid],
    ),
    // Live mentorships counted once per side and joined, rather than a count per enrolment.
    tuples<EnrolmentTuple>(
      em,
      `with live as (select mentor_id, mentee_id from mentorship where programme_id = ? and status in ('ACTIVE', 'PAUSED')),
            mentor_live as (select mentor_id as person_id, count(*)::int as n from live group by mentor_id),
            mentee_live as (select mentee_id as person_id, count(*)::int as n from live group by mentee_id)
       select json_agg(json_build_array(e.person_id, e.role, e.capacity, e.available,
                coalesce(case when e.role = 'MENTOR' then ml.n else sl.n end, 0)) order by e.person_id) as v
         from enrollment e
         left join mentor_live ml on ml.person_id = e.person_id
         left join mentee_live sl on sl.person_id = e.person_id
        where e.programme_id = ?`,
      [pid, pid],
    ),
    // Bans and pins of this programme; rejected proposals and early-ended pairs anywhere in the organisation.
    tuples<PairTuple>(
      em,
      `select json_agg(json_build_array(mentor_id, mentee_id, kind)) as v from (
         select mentor_id, mentee_id, kind::text as kind from pair_rule where programme_id = ?
         union select mentor_id, mentee_id, 'BAN' from match_proposal where organization_id = ? and status = 'REJECTED'
         union select mentor_id, mentee_id, 'BAN' from mentorship where organization_id = ? and status = 'ENDED_EARLY') r`,
      [pid, org, org],
    ),
  ]);
  // Straight from the tuples into the engine's shape: at 150k people, every intermediate object counts.
  const personIds: string[] = new Array<string>(peopleRows.length);
  const indexOf = new Map<string, number>();
  for (let i = 0; i < peopleRows.length; i++) {
    const id = peopleRows[i]![0];
    personIds[i] = id;
    indexOf.set(id, i);
  }
  const divisions = new Dictionary();
  const departments = new Dictionary();
  const locations = new Dictionary();
  const languages = new Dictionary();
  const personInputs: PersonInput[] = new Array<PersonInput>(peopleRows.length);
  const managers = new Int32Array(peopleRows.length);
  for (let i = 0; i < peopleRows.length; i++) {
    const [, managerId, level, yearsExperience, division, department, location, utcOffsetMinutes, spoken, format] = peopleRows[i]!;
    const manager = managerId ? (indexOf.get(managerId) ?? -1) : -1;
    managers[i] = manager;
    personInputs[i] = {
      level,
      yearsExperience,
      division: divisions.id(division),
      department: departments.id(department),
      location: locations.id(location),
      utcOffsetMinutes,
      languages: spoken.map((l) => languages.id(l)),
      format: format as PersonInput['format'],
      manager,
    };
  }
  const skillIndex = new Map(skillRows.map(([id], i) => [id, i]));
  const skillParent = Int32Array.from(skillRows, ([, parentId]) => (parentId ? (skillIndex.get(parentId) ?? -1) : -1));
  const proficiencyInputs: ProficiencyInput[] = [];
  for (const [personId, skillId, proficiency, wantsToTeach] of proficiencyRows) {
    const person = indexOf.get(personId);
    const skill = skillIndex.get(skillId);
    if (person !== undefined && skill !== undefined) proficiencyInputs.push({ person, skill, proficiency, wantsToTeach });
  }
  const goalInputs: GoalInput[] = [];
  for (const [personId, priority, status, title, goalSkills] of goalRows) {
    const person = indexOf.get(personId);
    if (person === undefined) continue;
    goalInputs.push({
      person,
      skills: goalSkills.map((s) => skillIndex.get(s)).filter((s): s is number => s !== undefined),
      priority: PRIORITY_WEIGHT[priority],
      active: status === 'ACTIVE',
      title,
    });
  }
  const mentors: ProgrammeData['mentors'] = [];
  const mentees: number[] = [];
  const liveByMentor = new Map<number, number>();
  const matchedMentees = new Set<number>();
  for (const [personId, role, capacity, available, live] of enrolmentRows) {
    const person = indexOf.get(personId);
    if (person === undefined) continue;
    if (role === 'MENTOR') {
      mentors.push({ person, capacity, available });
      liveByMentor.set(person, live);
    } else {
      mentees.push(person);
      if (live > 0) matchedMentees.add(person);
    }
  }
  const excluded: PairRef[] = [];
  const pins: PairRef[] = [];
  for (const [mentorId, menteeId, kind] of pairRows) {
    const mentor = indexOf.get(mentorId);
    const mentee = indexOf.get(menteeId);
    if (mentor === undefined || mentee === undefined) continue;
    (kind === 'PIN' ? pins : excluded).push({ mentor, mentee });
  }
  const tree = OrgTree.fromParents(managers);
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
    names: { skills: skillRows.map(([, , name]) => name), divisions: divisions.names, departments: departments.names, locations: locations.names, languages: languages.names },
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

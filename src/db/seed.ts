import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DemoOrgData } from './demo/types.js';
import { Role } from '../modules/person/person.enums.js';
import { ProgrammeKind } from '../modules/programme/programme.enums.js';
import { MatchingPolicy } from '../modules/programme/programme.entity.js';
import { bulkInsert } from './bulk-insert.js';

/** Deterministic UUID (v5-style, SHA-1) so the same seed yields the same IDs on every machine. */
export function stableUuid(namespace: string, key: string): string {
  const h = createHash('sha1').update(namespace).update('\u0000').update(key).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface SeedResult {
  organizationId: string;
  /** Person IDs by generator key. */
  personIds: Map<string, string>;
  programmeIds: Map<string, string>;
  skillIds: Map<string, string>;
  goalIds: Map<string, string>;
  demoUsers: { admin: string; coordinator: string; mentor: string; mentee: string };
}

const PRIORITY = ['LOW', 'MEDIUM', 'HIGH'] as const;

/**
 * Persist a generated organisation with bulk INSERTs (one JSON document per 10k rows) in one
 * transaction: a failure leaves nothing behind.
 */
export async function seedOrganization(
  em: EntityManager,
  data: DemoOrgData,
  opts: { slug?: string; name?: string; onProgress?: (done: number, total: number) => void } = {},
): Promise<SeedResult> {
  const slug = opts.slug ?? data.organization.slug;
  const ns = `org:${slug}`;
  const id = (kind: string, key: string) => stableUuid(ns, `${kind}:${key}`);
  const organizationId = id('org', data.organization.key);
  const personIds = new Map(data.people.map((p) => [p.key, id('person', p.key)]));
  const skillIds = new Map(data.skills.map((s) => [s.key, id('skill', s.key)]));
  const programmeIds = new Map(data.programmes.map((p) => [p.key, id('programme', p.key)]));
  const goalIds = new Map(data.goals.map((g) => [g.key, id('goal', g.key)]));
  const roleOf = new Map<string, Role>([
    [data.demoUsers.adminKey, Role.ORG_ADMIN],
    [data.demoUsers.coordinatorKey, Role.COORDINATOR],
  ]);
  const need = (map: Map<string, string>, key: string, what: string): string => {
    const v = map.get(key);
    if (!v) throw new Error(`seed data references unknown ${what} "${key}"`);
    return v;
  };

  const total = data.people.length + data.personSkills.length + data.goals.length + data.enrollments.length;
  let done = 0;
  const tick = (n: number) => {
    done += n;
    opts.onProgress?.(done, total);
  };

  await em.transactional(async (tx) => {
    const knex = tx.getKnex();
    const trx = tx.getTransactionContext();
    const insert = (table: string, rows: Record<string, unknown>[], counts = true) => bulkInsert(knex, trx, table, rows, { onChunk: (n) => counts && tick(n) });
    await insert('organization', [{ id: organizationId, name: opts.name ?? data.organization.name, slug }], false);

    const paths = new Map<string, string>();
    const people = data.people.map((p) => {
      const pid = personIds.get(p.key)!;
      const managerId = p.managerKey ? need(personIds, p.managerKey, 'manager') : null;
      const parentPath = p.managerKey ? paths.get(p.managerKey) : '/';
      if (parentPath === undefined) throw new Error(`manager ${p.managerKey} must precede ${p.key}`);
      const orgPath = `${parentPath}${pid}/`;
      paths.set(p.key, orgPath);
      return {
        id: pid,
        organization_id: organizationId,
        name: p.name,
        email: p.email,
        title: p.title,
        level: p.level,
        years_experience: p.yearsExperience,
        division: p.division,
        department: p.department,
        team: p.team,
        location: p.location,
        timezone: p.timezone,
        utc_offset_minutes: p.utcOffsetMinutes,
        languages: p.languages,
        format_preference: p.formatPreference,
        manager_id: managerId,
        org_path: orgPath,
        depth: orgPath.split('/').length - 3,
        role: roleOf.get(p.key) ?? Role.MEMBER,
      };
    });
    await insert('person', people);

    await insert(
      'skill',
      data.skills.map((s) => ({ id: skillIds.get(s.key)!, organization_id: organizationId, name: s.name, parent_id: s.parentKey ? need(skillIds, s.parentKey, 'skill') : null })),
      false,
    );
    await insert(
      'person_skill',
      data.personSkills.map((ps) => ({
        id: id('ps', `${ps.personKey}:${ps.skillKey}`),
        organization_id: organizationId,
        person_id: need(personIds, ps.personKey, 'person'),
        skill_id: need(skillIds, ps.skillKey, 'skill'),
        proficiency: ps.proficiency,
        wants_to_teach: ps.wantsToTeach,
      })),
    );
    await insert(
      'development_goal',
      data.goals.map((g) => ({
        id: goalIds.get(g.key)!,
        organization_id: organizationId,
        person_id: need(personIds, g.personKey, 'person'),
        title: g.title,
        measure: g.measure,
        baseline: g.baseline,
        target: g.target,
        current_value: g.status === 'ACHIEVED' ? g.target : g.baseline,
        due_date: g.dueDate,
        status: g.status,
        priority: PRIORITY[Math.min(2, Math.max(0, g.priority - 1))],
      })),
    );
    await insert(
      'development_goal_skill',
      data.goals.flatMap((g) => [...new Set(g.skillKeys)].map((sk) => ({ development_goal_id: goalIds.get(g.key)!, skill_id: need(skillIds, sk, 'skill') }))),
      false,
    );
    await insert(
      'programme',
      data.programmes.map((p) => {
        const policy = new MatchingPolicy();
        if (p.kind === 'PEER') {
          policy.minLevelGap = 0;
          policy.idealLevelGap = 0;
        }
        if (p.kind === 'REVERSE') {
          policy.idealLevelGap = 3;
          policy.minLevelGap = 1;
        }
        return {
          id: programmeIds.get(p.key)!,
          organization_id: organizationId,
          name: p.name,
          description: p.description,
          kind: p.kind as ProgrammeKind,
          status: 'OPEN',
          expected_duration_months: p.expectedDurationMonths,
          check_in_cadence_days: p.checkInCadenceDays,
          weight_experience: policy.weights.experience,
          weight_goals: policy.weights.goals,
          weight_reach: policy.weights.reach,
          weight_practical: policy.weights.practical,
          policy_ideal_level_gap: policy.idealLevelGap,
          policy_min_level_gap: policy.minLevelGap,
          policy_min_score: policy.minScore,
          policy_default_mentor_capacity: policy.defaultMentorCapacity,
          policy_requires_approval: policy.requiresApproval,
          policy_mentees_may_request: policy.menteesMayRequest,
          policy_allow_chain_of_command: p.kind === 'COACHING',
          policy_request_expiry_days: policy.requestExpiryDays,
          policy_max_pending_requests: policy.maxPendingRequests,
        };
      }),
      false,
    );
    await insert(
      'enrollment',
      data.enrollments.map((e) => ({
        id: id('enrollment', `${e.programmeKey}:${e.personKey}`),
        organization_id: organizationId,
        programme_id: need(programmeIds, e.programmeKey, 'programme'),
        person_id: need(personIds, e.personKey, 'person'),
        role: e.role,
        capacity: e.role === 'MENTOR' ? e.capacity : 0,
      })),
    );
  });

  return {
    organizationId,
    personIds,
    programmeIds,
    skillIds,
    goalIds,
    demoUsers: {
      admin: need(personIds, data.demoUsers.adminKey, 'person'),
      coordinator: need(personIds, data.demoUsers.coordinatorKey, 'person'),
      mentor: need(personIds, data.demoUsers.mentorKey, 'person'),
      mentee: need(personIds, data.demoUsers.menteeKey, 'person'),
    },
  };
}

import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { NodeType } from '../../graphql/global-id.js';
import { Mentorship } from '../mentorship/mentorship.entity.js';
import { MentorshipStatus } from '../mentorship/mentorship.enums.js';
import { evaluateMentorshipHealth, loadHealthSources } from '../mentorship/mentorship-health.service.js';
import { DomainEventType, ReminderKind } from './engagement.enums.js';
import { eventPayload, insertOutboxRows, outboxRow } from './outbox.service.js';
import { DEFAULT_ENGAGEMENT_POLICY } from './reminder.entity.js';
import { query } from './sql.js';

const DAY_MS = 86_400_000;

export interface ReminderCandidate {
  kind: ReminderKind;
  organizationId: string;
  subjectType: NodeType;
  subjectId: string;
  recipientId: string;
  /** UTC calendar day it fell due, YYYY-MM-DD. */
  dueOn: string;
  /** Extra event data (numbers and codes only). */
  extra?: Record<string, string | number>;
}

export type ReminderCounts = Record<ReminderKind, number>;

function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const rows = query;

/**
 * Insert reminders that are not there yet and, for exactly those, a `reminder.due` outbox event —
 * in one transaction. The unique key (kind, subject, recipient, due day) makes a rerun a no-op.
 */
export async function insertReminders(em: EntityManager, candidates: readonly ReminderCandidate[], now: Date): Promise<ReminderCandidate[]> {
  if (candidates.length === 0) return [];
  return em.fork().transactional(async (tx) => {
    const inserted: { id: string; kind: ReminderKind; subject_id: string; recipient_id: string; due_on: string }[] = [];
    for (let i = 0; i < candidates.length; i += 500) {
      const chunk = candidates.slice(i, i + 500).map((c) => ({
        id: randomUUID(),
        organization_id: c.organizationId,
        kind: c.kind,
        subject_type: c.subjectType,
        subject_id: c.subjectId,
        recipient_id: c.recipientId,
        due_on: c.dueOn,
      }));
      inserted.push(
        ...(await rows<(typeof inserted)[number]>(
          tx,
          `insert into reminder (id, created_at, updated_at, organization_id, kind, subject_type, subject_id, recipient_id, due_on)
           select r.id, ?, ?, r.organization_id, r.kind::reminder_kind, r.subject_type, r.subject_id, r.recipient_id, r.due_on
             from jsonb_to_recordset(?::jsonb) as r(id uuid, organization_id uuid, kind text, subject_type text, subject_id uuid, recipient_id uuid, due_on date)
           on conflict (kind, subject_id, recipient_id, due_on) do nothing
           returning id, kind, subject_id, recipient_id, due_on::text as due_on`,
          [now, now, JSON.stringify(chunk)],
        )),
      );
    }
    const byKey = new Map(candidates.map((c) => [`${c.kind}|${c.subjectId}|${c.recipientId}|${c.dueOn}`, c]));
    const created = inserted.map((r) => ({ reminderId: r.id, candidate: byKey.get(`${r.kind}|${r.subject_id}|${r.recipient_id}|${r.due_on}`)! }));
    await insertOutboxRows(
      tx.getKnex(),
      tx.getTransactionContext(),
      created.map(({ reminderId, candidate: c }) =>
        outboxRow({
          organizationId: c.organizationId,
          type: DomainEventType.REMINDER_DUE,
          aggregateType: c.subjectType,
          aggregateId: c.subjectId,
          actorId: null,
          payload: eventPayload({ kind: c.kind, dueOn: c.dueOn, recipientId: c.recipientId, subjectType: c.subjectType, ...(c.extra ?? {}) }),
          at: now,
          dedupeKey: `reminder:${reminderId}`,
        }),
      ),
    );
    return created.map((c) => c.candidate);
  });
}

const POLICY = `left join engagement_policy ep on ep.programme_id = %s`;

/**
 * Who hears about a programme's business: its assigned coordinators; with none assigned, the
 * organisation's coordinators, or its admins when it has no coordinator. %o: organisation id
 * column, %p: programme id column.
 */
const STAFF_JOIN = `join person c on c.organization_id = %o
  and (exists (select 1 from programme_coordinator pc where pc.programme_id = %p and pc.person_id = c.id)
       or (not exists (select 1 from programme_coordinator pc where pc.programme_id = %p)
           and (c.role = 'COORDINATOR' or (c.role = 'ORG_ADMIN' and not exists (select 1 from person x where x.organization_id = %o and x.role = 'COORDINATOR')))))`;
const staffJoin = (org: string, programme: string) => STAFF_JOIN.replaceAll('%o', org).replaceAll('%p', programme);

/**
 * Requests, proposals and ends: plain SQL against the policy, one statement per kind. A request's
 * reminder and escalation, and a relationship's "ending soon", happen once per subject even when
 * a policy change moves their due day; proposals re-remind when a newer batch has waited.
 */
async function sqlCandidates(em: EntityManager, now: Date): Promise<ReminderCandidate[]> {
  const d = DEFAULT_ENGAGEMENT_POLICY;
  const [unanswered, escalated, proposals, ending] = await Promise.all([
    rows<{ id: string; organization_id: string; mentor_id: string; due: Date }>(
      em,
      `select r.id, r.organization_id, r.mentor_id, r.created_at + make_interval(days => coalesce(ep.remind_mentor_after_days, ?)) as due
         from mentor_request r ${POLICY.replace('%s', 'r.programme_id')}
        where r.status = 'PENDING' and r.created_at + make_interval(days => coalesce(ep.remind_mentor_after_days, ?)) <= ?
          and not exists (select 1 from reminder x where x.kind = 'REQUEST_UNANSWERED' and x.subject_id = r.id)`,
      [d.remindMentorAfterDays, d.remindMentorAfterDays, now],
    ),
    rows<{ id: string; organization_id: string; staff_id: string; due: Date }>(
      em,
      `select r.id, r.organization_id, c.id as staff_id, r.created_at + make_interval(days => coalesce(ep.escalate_request_after_days, ?)) as due
         from mentor_request r ${POLICY.replace('%s', 'r.programme_id')}
         ${staffJoin('r.organization_id', 'r.programme_id')}
        where r.status = 'PENDING' and r.created_at + make_interval(days => coalesce(ep.escalate_request_after_days, ?)) <= ?
          and not exists (select 1 from reminder x where x.kind = 'REQUEST_ESCALATED' and x.subject_id = r.id and x.recipient_id = c.id)`,
      [d.escalateRequestAfterDays, d.escalateRequestAfterDays, now],
    ),
    rows<{ programme_id: string; organization_id: string; staff_id: string; due: Date; waiting: number }>(
      em,
      `select p.programme_id, p.organization_id, c.id as staff_id, p.oldest + make_interval(days => coalesce(ep.proposal_reminder_after_days, ?)) as due, p.waiting
         from (select programme_id, organization_id, min(created_at) as oldest, count(*)::int as waiting
                 from match_proposal where status = 'PROPOSED' group by programme_id, organization_id) p
         ${POLICY.replace('%s', 'p.programme_id')}
         ${staffJoin('p.organization_id', 'p.programme_id')}
        where p.oldest + make_interval(days => coalesce(ep.proposal_reminder_after_days, ?)) <= ?`,
      [d.proposalReminderAfterDays, d.proposalReminderAfterDays, now],
    ),
    rows<{ id: string; organization_id: string; mentor_id: string; mentee_id: string; due: Date }>(
      em,
      `select m.id, m.organization_id, m.mentor_id, m.mentee_id, m.expected_end_at - make_interval(days => coalesce(ep.ending_soon_days, ?)) as due
         from mentorship m ${POLICY.replace('%s', 'm.programme_id')}
        where m.status in ('ACTIVE', 'PAUSED') and m.expected_end_at - make_interval(days => coalesce(ep.ending_soon_days, ?)) <= ?
          and not exists (select 1 from reminder x where x.kind = 'ENDING_SOON' and x.subject_id = m.id)`,
      [d.endingSoonDays, d.endingSoonDays, now],
    ),
  ]);
  const out: ReminderCandidate[] = [];
  for (const r of unanswered) out.push({ kind: ReminderKind.REQUEST_UNANSWERED, organizationId: r.organization_id, subjectType: 'MentorRequest', subjectId: r.id, recipientId: r.mentor_id, dueOn: utcDay(new Date(r.due)) });
  for (const r of escalated) out.push({ kind: ReminderKind.REQUEST_ESCALATED, organizationId: r.organization_id, subjectType: 'MentorRequest', subjectId: r.id, recipientId: r.staff_id, dueOn: utcDay(new Date(r.due)) });
  for (const p of proposals) {
    out.push({ kind: ReminderKind.PROPOSALS_AWAITING_APPROVAL, organizationId: p.organization_id, subjectType: 'Programme', subjectId: p.programme_id, recipientId: p.staff_id, dueOn: utcDay(new Date(p.due)), extra: { count: p.waiting } });
  }
  for (const m of ending) {
    for (const recipientId of [m.mentor_id, m.mentee_id]) {
      out.push({ kind: ReminderKind.ENDING_SOON, organizationId: m.organization_id, subjectType: 'Mentorship', subjectId: m.id, recipientId, dueOn: utcDay(new Date(m.due)) });
    }
  }
  return out;
}

/**
 * Check-ins and pulses need the health engine (agreed cadence, pauses, pulse schedule): live
 * mentorships in keyset batches, each evaluated from one batched load of facts.
 */
async function healthCandidates(em: EntityManager, now: Date, batchSize: number, sink: (c: ReminderCandidate[]) => Promise<void>): Promise<void> {
  const work = em.fork();
  let lastId: string | null = null;
  for (;;) {
    const where: Record<string, unknown> = { status: MentorshipStatus.ACTIVE };
    if (lastId) where.id = { $gt: lastId };
    const batch = await work.find(Mentorship, where, { orderBy: { id: 'asc' }, limit: batchSize });
    if (batch.length === 0) break;
    const [sources, policies] = await Promise.all([
      loadHealthSources(work, batch),
      rows<{ programme_id: string; check_in_grace_days: number }>(work, 'select programme_id, check_in_grace_days from engagement_policy where programme_id = any(?::uuid[])', [[...new Set(batch.map((m) => m.programme.id))]]),
    ]);
    const grace = new Map(policies.map((p) => [p.programme_id, p.check_in_grace_days]));
    const out: ReminderCandidate[] = [];
    for (const m of batch) {
      const health = evaluateMentorshipHealth(sources.get(m.id)!, now);
      const base = { organizationId: m.organization.id, subjectType: 'Mentorship' as const, subjectId: m.id };
      const due = health.nextCheckInDueAt;
      const graceDays = grace.get(m.programme.id) ?? DEFAULT_ENGAGEMENT_POLICY.checkInGraceDays;
      if (due && due.getTime() + graceDays * DAY_MS <= now.getTime()) {
        for (const recipientId of [m.mentor.id, m.mentee.id]) out.push({ ...base, kind: ReminderKind.CHECK_IN_OVERDUE, recipientId, dueOn: utcDay(due) });
      }
      for (const [side, recipientId] of [['MENTOR', m.mentor.id], ['MENTEE', m.mentee.id]] as const) {
        const pulse = health.pulseSchedules[side];
        if (pulse.nextDueAt.getTime() <= now.getTime()) out.push({ ...base, kind: ReminderKind.PULSE_DUE, recipientId, dueOn: utcDay(pulse.nextDueAt) });
      }
    }
    await sink(out);
    lastId = batch[batch.length - 1]!.id;
    work.clear();
    if (batch.length < batchSize) break;
  }
}

/**
 * Every reminder that is due at `now`, each created once: unanswered requests (mentor, then
 * coordinators), proposals awaiting approval, relationships near their planned end, overdue
 * check-ins and due pulses. Run it as often as you like — a second run on the same day (or any
 * later day, for the same due date) creates nothing and emits nothing.
 */
export async function runReminders(em: EntityManager, now: Date, opts: { batchSize?: number } = {}): Promise<ReminderCounts> {
  const counts = Object.fromEntries(Object.values(ReminderKind).map((k) => [k, 0])) as ReminderCounts;
  const tally = (created: ReminderCandidate[]) => created.forEach((c) => (counts[c.kind] += 1));
  tally(await insertReminders(em, await sqlCandidates(em.fork(), now), now));
  await healthCandidates(em, now, opts.batchSize ?? 500, async (candidates) => tally(await insertReminders(em, candidates, now)));
  return counts;
}

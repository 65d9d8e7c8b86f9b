import type { EntityManager } from '@mikro-orm/postgresql';
import type { ScoringContext } from '../../matching/index.js';
import { Programme } from '../programme/programme.entity.js';
import { PERSON_ROW_COLUMNS, personRecordFromRow, type PersonRecord, type PersonRow } from '../person/person.record.js';
import { buildContext, loadProgrammeData, type ProgrammeData } from './programme-data.js';

/** Mentors' live load as read at `at`, and what it leaves of each mentor's capacity. */
export interface LiveLoadSnapshot {
  at: number;
  /** Live (ACTIVE/PAUSED) mentorships per mentor id. */
  byMentor: Map<string, number>;
  /** Capacity left per mentor slot (enrolment order, as `ctx.mentors`); 0 for unavailable mentors. */
  capacityLeft: Int32Array;
  /** Bit per mentor slot: capacity left > 0. */
  hasCapacity: Uint32Array;
}

export interface CachedProgramme {
  programme: Programme;
  data: ProgrammeData;
  /** Built with each mentor's FULL capacity: live load is checked per request, so it is never stale. */
  ctx: ScoringContext;
  /** Mentor person indices per skill index with proficiency ≥ 3 (for the skill filter). */
  strongIn: Map<number, Set<number>>;
  /**
   * The enrolled mentors as frozen `Person` records, so a suggestions page needs no query and no
   * entity hydration for its nodes (may miss a mentor enrolled by another process since the build).
   */
  mentorRecords: Map<string, PersonRecord>;
  /** Department id per mentor slot (for the department filter without touching the people table). */
  mentorDepartment: Int32Array;
  /** Scratch row for one mentee's scores against every mentor; requests use it synchronously. */
  scores: Float64Array;
  /** See `LIVE_LOAD_TTL_MS`. */
  liveLoad: LiveLoadSnapshot | null;
  /**
   * Bumped by `forgetLoad`: a live-load read that started before an approval committed must not
   * be kept as the snapshot once the approval has dropped it.
   */
  loadGeneration: number;
  builtAt: number;
}

/**
 * How long a read of mentors' live load may be reused for browsing. Approvals in this process
 * drop it at once; elsewhere a just-filled mentor may show for this long. Suggestions are advice:
 * capacity is enforced where it matters, under a row lock when a mentorship starts.
 */
export const LIVE_LOAD_TTL_MS = 2_000;

/**
 * Per-process cache of scoring contexts for browsing suggestions: building one means loading the
 * organisation (tens of ms for 10k people), scoring a mentee against every mentor takes
 * microseconds. Entries live `ttlMs`; this process invalidates them on the writes that change
 * scores (enrolments, skills, goals, policy). Other processes' writes show within the TTL;
 * capacity and exclusions that matter for correctness are checked live on every request.
 */
export class ScoringCache {
  /** The clock, for the live-load TTL. */
  now(): number {
    return this.clock();
  }

  private readonly entries = new Map<string, Promise<CachedProgramme>>();

  constructor(private readonly ttlMs = 30_000, private readonly clock: () => number = Date.now) {}

  async get(em: EntityManager, programme: Programme): Promise<CachedProgramme> {
    const key = programme.id;
    const existing = this.entries.get(key);
    if (existing) {
      const entry = await existing.catch(() => null);
      if (entry && this.clock() - entry.builtAt < this.ttlMs) return entry;
      if (this.entries.get(key) === existing) this.entries.delete(key);
    }
    const building = this.build(em, programme);
    this.entries.set(key, building);
    building.catch(() => {
      if (this.entries.get(key) === building) this.entries.delete(key);
    });
    return building;
  }

  /** The cached programme row, if fresh, so a request need not load it again. */
  async peek(programmeId: string, organizationId: string): Promise<CachedProgramme | null> {
    const existing = this.entries.get(programmeId);
    if (!existing) return null;
    const entry = await existing.catch(() => null);
    if (!entry || entry.data.organizationId !== organizationId || this.clock() - entry.builtAt >= this.ttlMs) return null;
    return entry;
  }

  /** Forget the live-load snapshot (after an approval), keeping the expensive context. */
  forgetLoad(programmeId: string): void {
    void this.entries.get(programmeId)?.then(
      (e) => {
        e.liveLoad = null;
        e.loadGeneration++;
      },
      () => undefined,
    );
  }

  invalidate(programmeId?: string): void {
    if (programmeId) this.entries.delete(programmeId);
    else this.entries.clear();
  }

  private async build(em: EntityManager, programme: Programme): Promise<CachedProgramme> {
    const data = await loadProgrammeData(em, programme, { capacityMode: 'full' });
    const ctx = buildContext(data);
    const strongIn = new Map<number, Set<number>>();
    for (const p of data.input.proficiencies) {
      if (p.proficiency < 3) continue;
      let set = strongIn.get(p.skill);
      if (!set) strongIn.set(p.skill, (set = new Set()));
      set.add(p.person);
    }
    const mentorIds = data.mentors.map((m) => data.personIds[m.person]!);
    const res = (await em.getKnex().raw(`select ${PERSON_ROW_COLUMNS} from person where id = any(?)`, [mentorIds])) as { rows: PersonRow[] };
    const mentorRecords = new Map(res.rows.map((r) => [r.id, personRecordFromRow(r)]));
    const mentorDepartment = Int32Array.from(data.mentors, (m) => data.input.people[m.person]!.department);
    return { programme, data, ctx, strongIn, mentorRecords, mentorDepartment, scores: new Float64Array(data.mentors.length), liveLoad: null, loadGeneration: 0, builtAt: this.clock() };
  }
}

/** One cache per process. */
export const scoringCache = new ScoringCache();

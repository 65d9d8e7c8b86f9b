import type { EntityManager } from '@mikro-orm/postgresql';
import type { ScoringContext } from '../../matching/index.js';
import { Programme } from '../programme/programme.entity.js';
import { buildContext, loadProgrammeData, type ProgrammeData } from './programme-data.js';

export interface CachedProgramme {
  programme: Programme;
  data: ProgrammeData;
  /** Built with each mentor's FULL capacity: live load is checked per request, so it is never stale. */
  ctx: ScoringContext;
  /** Mentor person indices per skill index with proficiency ≥ 3 (for the skill filter). */
  strongIn: Map<number, Set<number>>;
  builtAt: number;
}

/**
 * Per-process cache of scoring contexts for browsing suggestions: building one means loading the
 * organisation (tens of ms for 10k people), scoring a mentee against every mentor takes
 * microseconds. Entries live `ttlMs`; this process invalidates them on the writes that change
 * scores (enrolments, skills, goals, policy). Other processes' writes show within the TTL;
 * capacity and exclusions that matter for correctness are checked live on every request.
 */
export class ScoringCache {
  private readonly entries = new Map<string, Promise<CachedProgramme>>();

  constructor(private readonly ttlMs = 30_000, private readonly clock: () => number = Date.now) {}

  async get(em: EntityManager, programme: Programme): Promise<CachedProgramme> {
    const key = programme.id;
    const existing = this.entries.get(key);
    if (existing) {
      const entry = await existing.catch(() => null);
      if (entry && this.clock() - entry.builtAt < this.ttlMs) return entry;
      this.entries.delete(key);
    }
    const building = this.build(em, programme);
    this.entries.set(key, building);
    building.catch(() => this.entries.delete(key));
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
    return { programme, data, ctx, strongIn, builtAt: this.clock() };
  }
}

/** One cache per process. */
export const scoringCache = new ScoringCache();

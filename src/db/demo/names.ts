import { NAME_POOLS, NAME_POOL_IDS, SPACE_COMPOUND_POOLS, type NamePoolId } from './catalog.js';
import type { Prng } from './prng.js';

const INITIALS = 'ABCDEFGHJKLMNPRSTVW';
const NO_PART = 63;

/** ASCII slug for an e-mail local part: "María José" → "mariajose", "García López" → "garcia-lopez". */
export function emailPart(text: string, spaces: '' | '-'): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, spaces)
    .replace(/[^a-z0-9-]/g, '');
}

/**
 * Produces unique, deterministic display names and e-mails. A name is first + last, usually both
 * from the office's pool; when taken, it escalates through natural variants — a middle initial or
 * a compound surname ("Smith-Jones", "García López"), then both — rather than numbers.
 * E-mails are `first.last@domain` (`first.m.last@domain` with a middle initial), with a counter
 * from the second holder of the same local part on (`first.last2@domain`) — which happens only
 * when names differ just in accents or punctuation ("Lea"/"Léa").
 *
 * Candidates are checked by a numeric id first (cheap), and the final display string once more,
 * since different pools share some names ("Lucas", "Martin").
 */
export class NameFactory {
  private readonly usedIds = new Set<number>();
  private readonly usedNames = new Set<string>();
  private readonly emailCounts = new Map<string, number>();
  private readonly slugs = new Map<string, string>();

  constructor(private readonly domain: string) {}

  private slug(text: string, spaces: '' | '-'): string {
    const id = spaces + text;
    let out = this.slugs.get(id);
    if (out === undefined) {
      out = emailPart(text, spaces);
      this.slugs.set(id, out);
    }
    return out;
  }

  /**
   * @param localShare probability that both names come from the office's pool; otherwise first
   *   and last name are drawn from independently chosen pools (multicultural offices).
   * @returns the name, the e-mail and the pool of the first name (for heritage languages).
   */
  make(rng: Prng, localPool: NamePoolId, localShare: number): { name: string; email: string; pool: NamePoolId } {
    const local = rng.chance(localShare);
    const firstPoolId = local ? localPool : rng.pick(NAME_POOL_IDS);
    const lastPoolId = local ? localPool : rng.pick(NAME_POOL_IDS);
    const firstPool = NAME_POOLS[firstPoolId].first;
    const lastPool = NAME_POOLS[lastPoolId].last;
    const poolIds = NAME_POOL_IDS.indexOf(firstPoolId) * 8 + NAME_POOL_IDS.indexOf(lastPoolId);
    const f = rng.int(firstPool.length);
    const first = firstPool[f] ?? '';
    const l = rng.int(lastPool.length);
    // Double surnames are the norm in Spanish and Portuguese; elsewhere a middle initial comes first.
    const compoundFirst = SPACE_COMPOUND_POOLS.has(lastPoolId);
    const sep = compoundFirst ? ' ' : '-';

    let middle = '';
    const tryName = (l2: number, initial: number): string | null => {
      const id = (((poolIds * 64 + f) * 64 + l) * 64 + l2) * 32 + initial;
      if (this.usedIds.has(id)) return null;
      this.usedIds.add(id);
      const last = l2 === NO_PART ? (lastPool[l] ?? '') : `${lastPool[l] ?? ''}${sep}${lastPool[l2] ?? ''}`;
      const name = initial === 31 ? `${first} ${last}` : `${first} ${INITIALS[initial] ?? ''}. ${last}`;
      if (this.usedNames.has(name)) return null;
      middle = initial === 31 ? '' : `${(INITIALS[initial] ?? '').toLowerCase()}.`;
      return name;
    };
    const withInitials = (l2: number): string | null => {
      const start = rng.int(INITIALS.length);
      for (let k = 0; k < INITIALS.length; k++) {
        const name = tryName(l2, (start + k) % INITIALS.length);
        if (name !== null) return name;
      }
      return null;
    };
    let lastPart = lastPool[l] ?? '';
    const compound = (initials: boolean): string | null => {
      for (let attempt = 0; attempt < 12; attempt++) {
        const l2 = rng.int(lastPool.length);
        if (l2 === l) continue;
        const name = tryName(l2, 31) ?? (initials ? withInitials(l2) : null);
        if (name !== null) {
          lastPart = `${lastPart}${sep}${lastPool[l2] ?? ''}`;
          return name;
        }
      }
      return null;
    };

    let name = tryName(NO_PART, 31);
    if (name === null) name = compoundFirst ? (compound(false) ?? withInitials(NO_PART)) : (withInitials(NO_PART) ?? compound(false));
    if (name === null) name = compound(true);
    if (name === null) {
      // Practically unreachable (every variant of this first/last pair is taken): number it.
      const plain = `${first} ${lastPart}`;
      for (let n = 2; name === null; n++) if (!this.usedNames.has(`${plain} ${romanSuffix(n)}`)) name = `${plain} ${romanSuffix(n)}`;
    }
    this.usedNames.add(name);
    const base = `${this.slug(first, '')}.${middle}${this.slug(lastPart, '-')}`;
    const n = (this.emailCounts.get(base) ?? 0) + 1;
    this.emailCounts.set(base, n);
    return { name, email: `${n === 1 ? base : `${base}${n}`}@${this.domain}`, pool: firstPoolId };
  }
}

function romanSuffix(n: number): string {
  const table: readonly [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  let rest = n;
  for (const [value, sym] of table) {
    while (rest >= value) {
      out += sym;
      rest -= value;
    }
  }
  return out;
}

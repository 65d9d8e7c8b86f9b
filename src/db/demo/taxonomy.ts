import { GOAL_TEMPLATES, SKILL_TAXONOMY } from './catalog.js';
import type { DemoSkill } from './types.js';

/** Stable skill key derived from its name: "Experimentation & A/B Testing" → "skill-experimentation-and-a-b-testing". */
export function skillKey(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `skill-${slug}`;
}

export interface ResolvedTaxonomy {
  /** Parents first (category, its areas, each area's skills — depth-first). */
  readonly skills: readonly DemoSkill[];
  readonly indexByName: ReadonlyMap<string, number>;
  /** Leaf skill indices per area name. */
  readonly leavesByArea: ReadonlyMap<string, readonly number[]>;
  /** For every skill index: the area name (leaves), or null for categories and areas. */
  readonly areaOf: readonly (string | null)[];
  /** For every skill index: its top-level category name. */
  readonly categoryOf: readonly string[];
  readonly leaves: readonly number[];
  /** GOAL_TEMPLATES' skill names resolved to indices (same order). */
  readonly templateSkills: readonly (readonly number[])[];
}

let cached: ResolvedTaxonomy | undefined;

/** Resolves and validates the static taxonomy once (pure; result is immutable and shared). */
export function resolveTaxonomy(): ResolvedTaxonomy {
  if (cached) return cached;
  const skills: DemoSkill[] = [];
  const indexByName = new Map<string, number>();
  const leavesByArea = new Map<string, number[]>();
  const areaOf: (string | null)[] = [];
  const categoryOf: string[] = [];
  const leaves: number[] = [];
  const keys = new Set<string>();
  const add = (name: string, parentKey: string | null, area: string | null, category: string): DemoSkill => {
    if (indexByName.has(name)) throw new Error(`duplicate skill name in taxonomy: ${name}`);
    const key = skillKey(name);
    if (keys.has(key)) throw new Error(`duplicate skill key in taxonomy: ${key}`);
    keys.add(key);
    const skill: DemoSkill = { key, name, parentKey };
    indexByName.set(name, skills.length);
    skills.push(skill);
    areaOf.push(area);
    categoryOf.push(category);
    return skill;
  };
  for (const category of SKILL_TAXONOMY) {
    const cat = add(category.name, null, null, category.name);
    for (const area of category.areas) {
      const a = add(area.name, cat.key, null, category.name);
      const list: number[] = [];
      for (const name of area.skills) {
        list.push(skills.length);
        leaves.push(skills.length);
        add(name, a.key, area.name, category.name);
      }
      leavesByArea.set(area.name, list);
    }
  }
  const templateSkills = GOAL_TEMPLATES.map((t) =>
    t.skills.map((name) => {
      const idx = indexByName.get(name);
      if (idx === undefined) throw new Error(`goal template "${t.title}" references unknown skill "${name}"`);
      return idx;
    }),
  );
  cached = { skills, indexByName, leavesByArea, areaOf, categoryOf, leaves, templateSkills };
  return cached;
}

/** Leaf indices of the given areas (throws on an unknown area name: catalog typo). */
export function leavesOf(tax: ResolvedTaxonomy, areas: readonly string[]): number[] {
  const out: number[] = [];
  for (const area of areas) {
    const list = tax.leavesByArea.get(area);
    if (!list) throw new Error(`unknown skill area "${area}"`);
    for (const idx of list) if (!out.includes(idx)) out.push(idx);
  }
  return out;
}

import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123161617 } from './Migration20261123161617.js';
import { Migration20261123162859 } from './Migration20261123162859.js';
import { Migration20261123170442 } from './Migration20261123170442.js';
import { Migration20261123193235 } from './Migration20261123193235.js';

/** Applied in order. `npm run migration:create` writes a file; add it here. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123161617', class: Migration20261123161617 },
  { name: 'Migration20261123162859', class: Migration20261123162859 },
  { name: 'Migration20261123170442', class: Migration20261123170442 },
  { name: 'Migration20261123193235', class: Migration20261123193235 },
];

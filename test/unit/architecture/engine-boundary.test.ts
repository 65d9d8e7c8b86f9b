import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

/** The pure engine must not reach for the ORM, GraphQL or the application layers; lint enforces it. */
describe('pure engine boundary (lint)', () => {
  const eslint = new ESLint();
  const forbidden = [
    "import { MikroORM } from '@mikro-orm/core';",
    "import { GraphQLError } from 'graphql';",
    "import { Field } from 'type-graphql';",
    "import { Person } from '../modules/person/person.entity.js';",
    "import { getSchema } from '../graphql/schema.js';",
    "import { openDatabase } from '../db/database.js';",
    "import PgBoss from 'pg-boss';",
  ];

  for (const dir of ['src/matching', 'src/health']) {
    for (const line of forbidden) {
      it(`rejects \`${line}\` in ${dir}`, async () => {
        const [result] = await eslint.lintText(`${line}\nexport const x = 1;\n`, { filePath: `${dir}/boundary-fixture.ts` });
        const rules = result!.messages.map((m) => m.ruleId);
        expect(rules).toContain('no-restricted-imports');
      });
    }
  }

  it('allows the engine to import its own modules', async () => {
    const [result] = await eslint.lintText("import { x } from './other.js';\nexport const y = x;\n", { filePath: 'src/matching/boundary-fixture.ts' });
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });

  it('does not restrict the application layers', async () => {
    const [result] = await eslint.lintText("import { MikroORM } from '@mikro-orm/core';\nexport const y = MikroORM;\n", { filePath: 'src/modules/boundary-fixture.ts' });
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });
});

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse, validate } from 'graphql';
import { getSchema } from '../../../src/graphql/schema.js';

/** Every GraphQL example in the docs must be valid against the current schema: docs that lie rot fast. */
describe('documentation examples', () => {
  for (const file of ['README.md', 'docs/API.md']) {
    it(`${file}: every \`graphql\` block validates against the schema`, async () => {
      const text = await readFile(file, 'utf8');
      const blocks = [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
      expect(blocks.length).toBeGreaterThan(0);
      const schema = await getSchema();
      const problems: string[] = [];
      for (const block of blocks) {
        // A block may hold several operations; each is validated on its own.
        const doc = parse(block);
        for (const err of validate(schema, doc)) problems.push(`${err.message}\n---\n${block.slice(0, 200)}`);
      }
      expect(problems).toEqual([]);
    });
  }
});

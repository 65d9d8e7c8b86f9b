/** `npm run schema`: regenerate schema/schema.graphql from the code. */
import { mkdir, writeFile } from 'node:fs/promises';
import { printSortedSchema } from './schema.js';

await mkdir('schema', { recursive: true });
await writeFile('schema/schema.graphql', await printSortedSchema());
console.log('Wrote schema/schema.graphql');

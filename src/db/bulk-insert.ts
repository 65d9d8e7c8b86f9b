import type { Knex } from '@mikro-orm/postgresql';

/** Rows per statement: one JSON document each, so the size is bounded by memory, not parameter count. */
const CHUNK_ROWS = 10_000;

/**
 * Insert many rows with one statement per chunk: the rows travel as a single JSON parameter and
 * `json_populate_recordset` turns them into the table's row type, so PostgreSQL does the type
 * conversion (uuid, enums, arrays, jsonb, timestamps) and the client builds no placeholder list.
 * Several times faster than a multi-row VALUES insert for wide tables; columns left out of the
 * rows get their defaults. `table` and the column names are identifiers of ours, never user input.
 * A jsonb column takes the value itself (an object or array), not its JSON text: a string would be
 * stored as a JSON string.
 */
export async function bulkInsert(
  knex: Knex,
  trx: Knex.Transaction | null | undefined,
  table: string,
  rows: readonly Record<string, unknown>[],
  opts: { onChunk?: (inserted: number) => void; chunkRows?: number; onConflictDoNothing?: string } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const conflict = opts.onConflictDoNothing;
  for (const c of [table, ...columns, ...(conflict ? [conflict] : [])]) if (!/^[a-z_][a-z0-9_]*$/.test(c)) throw new Error(`not an identifier: ${c}`);
  const list = columns.map((c) => `"${c}"`).join(', ');
  const sql = `insert into "${table}" (${list}) select ${list} from json_populate_recordset(null::"${table}", ?::json)${conflict ? ` on conflict ("${conflict}") do nothing` : ''}`;
  const size = opts.chunkRows ?? CHUNK_ROWS;
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const q = knex.raw(sql, [JSON.stringify(chunk)]);
    await (trx ? q.transacting(trx) : q);
    opts.onChunk?.(chunk.length);
  }
}

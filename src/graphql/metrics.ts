/**
 * Per-operation timings in the Prometheus text format, kept in process: a histogram of operation
 * durations by type and name, and a counter of error codes. Cheap enough to leave on (one
 * `performance.now()` pair and a few array increments per request); no per-resolver hooks.
 */

/** Histogram upper bounds in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
/** Operation names are chosen by clients: cap the label's cardinality, the rest share "other". */
const MAX_OPERATION_NAMES = 200;
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

interface Series {
  type: string;
  name: string;
  counts: number[];
  sum: number;
  count: number;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export class OperationMetrics {
  private readonly series = new Map<string, Series>();
  private readonly names = new Set<string>();
  private readonly errorCodes = new Map<string, number>();
  private requests = 0;

  /** Record one finished GraphQL request. */
  observe(operationType: string | undefined, operationName: string | null | undefined, seconds: number, errorCodes: readonly string[] = []): void {
    this.requests++;
    const type = operationType ?? 'unresolved';
    let name = operationName && NAME.test(operationName) ? operationName : 'anonymous';
    if (name !== 'anonymous' && !this.names.has(name)) {
      if (this.names.size >= MAX_OPERATION_NAMES) name = 'other';
      else this.names.add(name);
    }
    const key = `${type}\u0000${name}`;
    let s = this.series.get(key);
    if (!s) {
      s = { type, name, counts: new Array<number>(BUCKETS.length).fill(0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) s.counts[i]!++;
    s.sum += seconds;
    s.count++;
    for (const code of errorCodes) this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1);
  }

  /** Prometheus text exposition format 0.0.4. */
  render(): string {
    const out: string[] = [];
    out.push('# HELP graphql_operation_duration_seconds Time from receiving a GraphQL request to sending its response, by operation.');
    out.push('# TYPE graphql_operation_duration_seconds histogram');
    for (const s of this.series.values()) {
      const labels = `operation_type="${escapeLabel(s.type)}",operation_name="${escapeLabel(s.name)}"`;
      BUCKETS.forEach((le, i) => out.push(`graphql_operation_duration_seconds_bucket{${labels},le="${le}"} ${s.counts[i]}`));
      out.push(`graphql_operation_duration_seconds_bucket{${labels},le="+Inf"} ${s.count}`);
      out.push(`graphql_operation_duration_seconds_sum{${labels}} ${s.sum}`);
      out.push(`graphql_operation_duration_seconds_count{${labels}} ${s.count}`);
    }
    out.push('# HELP graphql_errors_total Errors sent to clients, by code.');
    out.push('# TYPE graphql_errors_total counter');
    for (const [code, n] of this.errorCodes) out.push(`graphql_errors_total{code="${escapeLabel(code)}"} ${n}`);
    out.push('# HELP graphql_requests_total GraphQL requests answered.');
    out.push('# TYPE graphql_requests_total counter');
    out.push(`graphql_requests_total ${this.requests}`);
    return `${out.join('\n')}\n`;
  }
}

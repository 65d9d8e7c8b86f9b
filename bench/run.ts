/**
 * `npm run bench [-- scoring|assignment|pipeline|job]`: every benchmark prints its workload, its figure
 * and the ratio to a baseline measured in the same run. Not part of `npm test`: timings belong here.
 * `job` (a database, a seeded 150k-person org, a worker process: minutes) runs only when named.
 */
import { runScoringBench } from './scoring.bench.js';
import { runAssignmentBench } from './assignment.bench.js';
import { runPipelineBench } from './pipeline.bench.js';
import { runJobBench } from './job.bench.js';

const which = process.argv[2];
const all: Record<string, () => Promise<void>> = {
  scoring: runScoringBench,
  assignment: runAssignmentBench,
  pipeline: () => runPipelineBench(),
  job: () => runJobBench(),
};
/** Benchmarks too long for the default run; each runs only when asked for by name. */
const onlyWhenNamed = new Set(['job']);
if (which && !all[which]) {
  console.error(`unknown benchmark "${which}"; choose one of ${Object.keys(all).join(', ')}`);
  process.exit(2);
}
for (const [name, run] of Object.entries(all)) {
  if (which ? which !== name : onlyWhenNamed.has(name)) continue;
  await run();
}

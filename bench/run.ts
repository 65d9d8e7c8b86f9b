/**
 * `npm run bench [-- scoring|assignment|pipeline]`: every benchmark prints its workload, its figure
 * and the ratio to a baseline measured in the same run. Not part of `npm test`: timings belong here.
 */
import { runScoringBench } from './scoring.bench.js';
import { runAssignmentBench } from './assignment.bench.js';
import { runPipelineBench } from './pipeline.bench.js';

const which = process.argv[2];
const all: Record<string, () => Promise<void>> = {
  scoring: runScoringBench,
  assignment: runAssignmentBench,
  pipeline: () => runPipelineBench(),
};
if (which && !all[which]) {
  console.error(`unknown benchmark "${which}"; choose one of ${Object.keys(all).join(', ')}`);
  process.exit(2);
}
for (const [name, run] of Object.entries(all)) {
  if (which && which !== name) continue;
  await run();
}

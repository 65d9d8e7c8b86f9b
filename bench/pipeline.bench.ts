/**
 * End to end, as a match-run job does it minus the database: generated organisation → scoring
 * context → two-sided top-k candidate graph (mentee side deep and ranked against pilot prices,
 * scored on every core) → exact pruned solve against the scoring oracle → independent certificate
 * verification → greedy baseline (all in the end-to-end figure, from the context on). Baseline in
 * the same run: the greedy matcher on the same graph.
 *
 *   npm run bench -- pipeline            (50k mentees × 10k mentors; PIPELINE_SIZE=small for 5k × 1k)
 *   PIPELINE_THREADS=1                   score on one thread
 *   PIPELINE_FULL_VERIFY=1               also verify by scoring every pair again (slow: a full pass)
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { generateDemoOrg } from '../src/db/demo/generator.js';
import { SCORE_SCALE, buildScoringContext, candidateOracle, defaultPolicy } from '../src/matching/index.js';
import { suggestedMenteeDepth } from '../src/matching/candidates.js';
import { solveGreedy, solveWithPruning, verifyCertificate, type AssignmentProblem } from '../src/matching/assignment/index.js';
import { buildCandidateGraphParallel } from '../src/matching-runtime/parallel-candidates.js';
import { engineWorkload } from './support/demo-input.js';

/** Candidates per mentee (and per unit of mentor capacity) the scorer keeps on the mentor side. */
const TOP_K = 12;
/** The solver's starting subgraph: sparse, because a cold solve on a dense graph is the slow part. */
const SOLVE_K = 4;

const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
const millions = (x: number) => `${(x / 1e6).toFixed(1)} M`;

export async function runPipelineBench(size = process.env.PIPELINE_SIZE ?? 'full'): Promise<void> {
  const [menteeCount, mentorCount, people] = size === 'small' ? [5_000, 1_000, 15_000] : [50_000, 10_000, 150_000];
  const threads = process.env.PIPELINE_THREADS ? Number(process.env.PIPELINE_THREADS) : undefined;
  console.log(`\n== end-to-end match run (engine): ${menteeCount.toLocaleString()} mentees × ${mentorCount.toLocaleString()} mentors in an org of ${people.toLocaleString()} ==`);
  let t = performance.now();
  const data = generateDemoOrg({ people, seed: 42 });
  console.log(`generate organisation             ${ms(t)}`);
  const policy = defaultPolicy('MENTORING');
  const w = engineWorkload(data, { mentees: menteeCount, mentors: mentorCount, policy });
  const started = performance.now();
  t = performance.now();
  const ctx = buildScoringContext(w.input);
  console.log(`build scoring context             ${ms(t)}`);
  t = performance.now();
  const menteeDepth = suggestedMenteeDepth(w.mentors.length, TOP_K);
  const { graph, threads: used } = await buildCandidateGraphParallel(w.input, ctx, w.mentees, w.mentors, {
    minScore: policy.minScore,
    topK: TOP_K,
    menteeDepth,
    mentorOffset: 'pilot',
    ...(threads !== undefined ? { threads } : {}),
  });
  const scoringMs = performance.now() - t;
  const pairs = w.mentees.length * w.mentors.length;
  console.log(
    `score all pairs + two-sided top-k ${scoringMs.toFixed(0)} ms  (${millions(pairs)} pairs on ${used} thread${used === 1 ? '' : 's'}, ${(pairs / scoringMs / 1e3).toFixed(1)} M pairs/s; ` +
      `kept ${millions(graph.mentor.length)} edges: mentee depth ${menteeDepth}, mentor side ${TOP_K}×capacity)`,
  );
  const oracle = candidateOracle(ctx, graph.mentees, graph.mentors, { minScore: policy.minScore });
  const problem: AssignmentProblem = { graph, capacity: graph.capacity, oracle };
  t = performance.now();
  const result = solveWithPruning(problem, { k: SOLVE_K });
  const solveMs = performance.now() - t;
  const s = result.stats;
  console.log(
    `exact solve (pruned, certified)   ${solveMs.toFixed(0)} ms  (rounds ${s.rounds}, edges used ${s.edgesUsed}, repaired ${s.edgesAddedByRepair}; ` +
      `oracle: ${s.oracleChecks} checks, ${s.oracleRows} rows, ${millions(s.oraclePairs)} pairs rescored = ${((100 * s.oraclePairs) / pairs).toFixed(2)}% of all)`,
  );
  t = performance.now();
  const check = verifyCertificate(problem, result, { trustScorerCutoffs: true });
  const verifyMs = performance.now() - t;
  console.log(
    `independent certificate check     ${verifyMs.toFixed(0)} ms  (${check.ok ? 'verified' : `FAILED: ${check.violations.slice(0, 3).join('; ')}`}; every pair: graph edges directly, ` +
      `the rest by the scorer's bounds, ${millions(check.oraclePairs ?? 0)} pairs rescored where they fall short)`,
  );
  t = performance.now();
  const greedy = solveGreedy(problem);
  const greedyMs = performance.now() - t;
  console.log(`greedy baseline on the same graph ${greedyMs.toFixed(0)} ms`);
  const endToEnd = performance.now() - started;
  if (process.env.PIPELINE_FULL_VERIFY) {
    t = performance.now();
    const full = verifyCertificate(problem, result);
    console.log(`certificate check, every pair rescored ${ms(t)}  (${full.ok ? 'verified' : 'FAILED'})`);
  }
  console.log(
    `result: matched ${result.matchedCount}/${graph.menteeCount} (greedy ${greedy.matchedCount}), mean score ${(result.totalScore / SCORE_SCALE / Math.max(1, result.matchedCount)).toFixed(2)} ` +
      `(greedy ${(greedy.totalScore / SCORE_SCALE / Math.max(1, greedy.matchedCount)).toFixed(2)})`,
  );
  console.log(
    `figure: scored + matched + verified (+ greedy baseline) end to end in ${(endToEnd / 1000).toFixed(1)} s (target ≤ 30 s); ` +
      `scoring ${(scoringMs / 1000).toFixed(1)} s, solve ${(solveMs / 1000).toFixed(1)} s, verify ${(verifyMs / 1000).toFixed(1)} s; solve / greedy time ratio ${(solveMs / greedyMs).toFixed(2)}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runPipelineBench();

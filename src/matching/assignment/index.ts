/**
 * Capacitated mentor–mentee assignment: exact lexicographic optimum (most mentees matched, then
 * highest total score) with a verifiable LP certificate, exact pruning for large programmes, a
 * greedy baseline, reasons for every unmatched mentee, and a fairness summary.
 */
export { MAX_SCORE } from './types.js';
export type {
  AssignmentOutcome,
  AssignmentProblem,
  AssignmentResult,
  CandidateGraph,
  EdgeOracle,
  OrderedEdgeOracle,
  OptimalityCertificate,
  Pair,
  SolverStats,
  UnmatchedMentee,
  UnmatchedReasonCode,
} from './types.js';
export { AssignmentInputError, lexicographicBonus, validateProblem } from './residual.js';
export { solveAssignment, solveWithPruning, type PruningOptions } from './solve.js';
export { verifyCertificate, type CertificateCheck } from './certificate.js';
export { solveGreedy } from './greedy.js';
export { explainUnmatched } from './explain.js';
export { compareToBaseline, summarise, type AssignmentSummary, type BaselineComparison } from './summary.js';

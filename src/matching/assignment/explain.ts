/**
 * Why each unmatched mentee is unmatched, in stable codes and plain language.
 *
 * For an EXACT result the "full" case is a theorem, not a guess: an unmatched mentee has u_i = 0 by
 * complementary slackness, so every eligible pair needs v_j ≥ w_ij > 0, and v_j > 0 only for full
 * mentors. And since the matched count is maximum, no reshuffle of the other mentees can make room
 * without unmatching someone else.
 */
import { allowedScore } from './residual.js';
import type { AssignmentOutcome, AssignmentProblem, UnmatchedMentee, UnmatchedReasonCode } from './types.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function message(code: UnmatchedReasonCode, eligible: number, banned: number): string {
  switch (code) {
    case 'NO_ELIGIBLE_MENTOR':
      return 'No mentor passes the programme rules and minimum score for this mentee, so there was no one to match them with.';
    case 'BANNED_FROM_ALL':
      return `Every eligible mentor (${plural(banned, 'mentor')}) was excluded by a coordinator, so no pair was allowed.`;
    case 'ELIGIBLE_MENTORS_HAVE_NO_CAPACITY':
      return `None of the ${plural(eligible, 'eligible mentor')} is taking mentees (capacity 0).`;
    case 'ALL_ELIGIBLE_MENTORS_FULL':
      return `All ${plural(eligible, 'eligible mentor')} are full, and the optimal assignment shows that no reshuffle of other mentees could free a place without leaving someone else unmatched.`;
  }
}

/**
 * Reasons for every unmatched mentee of `outcome`, counting allowed pairs from the graph (or the
 * oracle when the problem has one). Meant for exact results; on a greedy outcome the "full"
 * message would overstate what is known. Cost: the degrees of the unmatched mentees — with an
 * oracle and the scorer's `eligibleCount`, only their graph rows (plus a pair look-up per ban), so
 * a programme with thousands of unmatched mentees is not scored again just to count.
 */
export function explainUnmatched(problem: AssignmentProblem, outcome: AssignmentOutcome): UnmatchedMentee[] {
  const { graph, capacity, oracle } = problem;
  const { offsets, mentor } = graph;
  const eligibleCount = graph.eligibleCount ?? null;
  const bansOf = new Map<number, Set<number>>();
  for (const ban of problem.bans ?? []) {
    let set = bansOf.get(ban.mentee);
    if (set === undefined) bansOf.set(ban.mentee, (set = new Set()));
    set.add(ban.mentor);
  }
  const reasons: UnmatchedMentee[] = [];
  for (let i = 0; i < graph.menteeCount; i++) {
    if (outcome.mentorOf[i]! >= 0) continue;
    const banned = bansOf.get(i);
    let allowed = 0;
    let bannedCount = 0;
    let withCapacity = 0;
    if (oracle === undefined && banned === undefined) {
      // The common case: no bans, so every allowed pair is eligible; one mentor with room decides.
      allowed = offsets[i + 1]! - offsets[i]!;
      for (let e = offsets[i]!; e < offsets[i + 1]! && withCapacity === 0; e++) if (capacity[mentor[e]!]! > 0) withCapacity = 1;
    } else if (oracle !== undefined && eligibleCount !== null && !needsOracleRow(problem, i, banned)) {
      // The scorer counted the allowed pairs; a graph mentor with room (not banned) decides the rest.
      allowed = eligibleCount[i]!;
      if (banned !== undefined) for (const j of banned) if (allowedPair(problem, i, j)) bannedCount++;
      withCapacity = 1;
    } else {
      const visit = (j: number): void => {
        allowed++;
        if (banned?.has(j) === true) bannedCount++;
        else if (capacity[j]! > 0) withCapacity++;
      };
      if (oracle !== undefined) oracle.forEachEdge(i, visit);
      else for (let e = offsets[i]!; e < offsets[i + 1]!; e++) visit(mentor[e]!);
    }
    const eligible = allowed - bannedCount;
    const code: UnmatchedReasonCode =
      allowed === 0
        ? 'NO_ELIGIBLE_MENTOR'
        : eligible === 0
          ? 'BANNED_FROM_ALL'
          : withCapacity === 0
            ? 'ELIGIBLE_MENTORS_HAVE_NO_CAPACITY'
            : 'ALL_ELIGIBLE_MENTORS_FULL';
    reasons.push({ mentee: i, code, message: message(code, eligible, bannedCount), eligibleMentors: eligible, bannedMentors: bannedCount });
  }
  return reasons;
}

/** True unless the mentee's graph row already shows a non-banned mentor with room. */
function needsOracleRow(problem: AssignmentProblem, i: number, banned: Set<number> | undefined): boolean {
  const { offsets, mentor } = problem.graph;
  for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
    const j = mentor[e]!;
    if (problem.capacity[j]! > 0 && banned?.has(j) !== true) return false;
  }
  return true;
}

function allowedPair(problem: AssignmentProblem, i: number, j: number): boolean {
  return allowedScore(problem, i, j) >= 0;
}

import type { CheckInFact, GoalFact, HealthComponent, HealthComponentName, HealthInput, HealthResult, MentorshipFacts, PulseFact } from '../../../src/health/index.js';

export const DAY = 86_400_000;
/** Day 0 of every scenario: Monday 6 January 2025, 09:00 UTC. */
export const T0 = Date.UTC(2025, 0, 6, 9);

export function day(n: number): Date {
  return new Date(T0 + n * DAY);
}

/** Check-ins on the given days after the start. */
export function checkInsOn(...dayNumbers: number[]): CheckInFact[] {
  return dayNumbers.map((n) => ({ at: day(n) }));
}

/** A check-in every `cadence` days from `first` up to and including `last`. */
export function checkInsEvery(cadence: number, first: number, last: number): CheckInFact[] {
  const result: CheckInFact[] = [];
  for (let n = first; n <= last; n += cadence) result.push({ at: day(n) });
  return result;
}

export function pulse(by: PulseFact['by'], onDay: number, rating: number, helping: boolean | null = null): PulseFact {
  return { by, at: day(onDay), rating, helping };
}

export function goal(overrides: Partial<GoalFact> = {}): GoalFact {
  return {
    baseline: 0,
    target: 10,
    createdAt: day(0),
    dueDate: day(100),
    latestValue: null,
    status: 'ACTIVE',
    ...overrides,
  };
}

export interface Scenario extends Omit<Partial<HealthInput>, 'mentorship' | 'now'> {
  mentorship?: Partial<MentorshipFacts>;
  /** Days after the start. */
  nowDay: number;
}

/** A 9-month mentoring relationship on a 14-day cadence that started on day 0. */
export function scenario({ mentorship, nowDay, ...rest }: Scenario): HealthInput {
  return {
    mentorship: { status: 'ACTIVE', startedAt: day(0), expectedEndAt: day(270), endedAt: null, ...mentorship },
    policy: { checkInCadenceDays: 14, expectedDurationDays: 270, ...rest.policy },
    checkIns: rest.checkIns ?? [],
    pulses: rest.pulses ?? [],
    goals: rest.goals ?? [],
    now: day(nowDay),
  };
}

export function component(result: HealthResult, name: HealthComponentName): HealthComponent {
  const found = result.components.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no component ${name}`);
  return found;
}

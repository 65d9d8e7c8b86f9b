/**
 * Plain-data shape of a generated demo organisation. The generator is pure (seeded PRNG, no I/O);
 * src/db/seed.ts persists it, tests and benchmarks consume it directly.
 * Keys are stable strings, unique within one generated organisation.
 */
export type ProgrammeKind = 'MENTORING' | 'REVERSE' | 'PEER' | 'COACHING';
export type EnrollmentRole = 'MENTOR' | 'MENTEE';
export type MeetingFormat = 'IN_PERSON' | 'REMOTE' | 'HYBRID';
export type GoalStatus = 'ACTIVE' | 'ACHIEVED' | 'ABANDONED';

export interface DemoOrganization { key: string; name: string; slug: string }

export interface DemoPerson {
  key: string;
  name: string;
  email: string;
  title: string;
  /** 1 (entry) … 10 (CEO). */
  level: number;
  yearsExperience: number;
  division: string;
  department: string;
  team: string;
  location: string;
  /** IANA zone, e.g. "Europe/Berlin". */
  timezone: string;
  /** Standard UTC offset of the zone in minutes (no DST), e.g. 60. */
  utcOffsetMinutes: number;
  /** ISO 639-1 codes, first is primary. */
  languages: string[];
  formatPreference: MeetingFormat;
  /** null only for the CEO. Managers always appear before their reports in `people`. */
  managerKey: string | null;
}

export interface DemoSkill { key: string; name: string; parentKey: string | null }

export interface DemoPersonSkill { personKey: string; skillKey: string; proficiency: number; wantsToTeach: boolean }

export interface DemoGoal {
  key: string;
  personKey: string;
  title: string;
  skillKeys: string[];
  measure: string;
  baseline: number;
  target: number;
  /** ISO date (YYYY-MM-DD). */
  dueDate: string;
  status: GoalStatus;
  /** 1 (low) … 3 (high). */
  priority: number;
}

export interface DemoProgramme {
  key: string;
  name: string;
  kind: ProgrammeKind;
  description: string;
  expectedDurationMonths: number;
  checkInCadenceDays: number;
}

export interface DemoEnrollment { programmeKey: string; personKey: string; role: EnrollmentRole; capacity: number }

export interface DemoOrgData {
  organization: DemoOrganization;
  /** Topologically ordered: a manager precedes every report. */
  people: DemoPerson[];
  /** Parents precede children. */
  skills: DemoSkill[];
  personSkills: DemoPersonSkill[];
  goals: DemoGoal[];
  programmes: DemoProgramme[];
  enrollments: DemoEnrollment[];
  /** Mentors the generator made deliberately attractive (many mentees would want them). */
  popularMentorKeys: string[];
  /** People whose dev tokens are printed at start-up. */
  demoUsers: { adminKey: string; coordinatorKey: string; mentorKey: string; menteeKey: string };
}

export interface GenerateOptions {
  people: number;
  seed: number;
  /** Called now and then with (done, total) so big runs can show a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** ISO date (YYYY-MM-DD) that goal due dates are relative to; default '2026-01-01'. Never "now". */
  baseDate?: string;
  /**
   * Exact size of the Growth Mentoring programme instead of the default 15–20 % mentors and
   * 30–40 % mentees (capped by the eligible people). Without it the output is unchanged for a seed;
   * with it, the same random streams are drawn, so only the programme membership differs.
   */
  growthProgramme?: { mentors: number; mentees: number };
}

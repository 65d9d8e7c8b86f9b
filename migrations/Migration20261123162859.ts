import { Migration } from '@mikro-orm/migrations';

export class Migration20261123162859 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "pair_rule_kind" as enum ('BAN', 'PIN');`);
    this.addSql(`create type "match_run_status" as enum ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');`);
    this.addSql(`create type "proposal_status" as enum ('PROPOSED', 'APPROVED', 'REJECTED', 'WITHDRAWN');`);
    this.addSql(`create type "proposal_source" as enum ('RUN', 'REQUEST', 'MANUAL');`);
    this.addSql(`create type "mentorship_status" as enum ('ACTIVE', 'PAUSED', 'COMPLETED', 'ENDED_EARLY');`);
    this.addSql(`create type "end_reason" as enum ('SCHEDULE_CONFLICT', 'POOR_FIT', 'GOALS_MET_EARLY', 'LEFT_ORGANISATION', 'ROLE_CHANGE', 'NEEDS_OTHER_SUPPORT', 'OTHER');`);
    this.addSql(`create type "participant_role" as enum ('MENTOR', 'MENTEE');`);
    this.addSql(`create type "assessment_source" as enum ('SELF', 'MENTOR', 'MANAGER');`);
    this.addSql(`create table "audit_event" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "actor_id" uuid null, "action" text not null, "subject_type" text not null, "subject_id" uuid not null, "before" jsonb null, "after" jsonb null, "at" timestamptz not null, constraint "audit_event_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_event_subject_id_index" on "audit_event" ("subject_id");`);
    this.addSql(`create index "audit_event_organization_id_created_at_index" on "audit_event" ("organization_id", "created_at");`);

    this.addSql(`create table "pair_rule" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "programme_id" uuid not null, "mentor_id" uuid not null, "mentee_id" uuid not null, "kind" "pair_rule_kind" not null, "reason" text not null default '', "created_by_id" uuid null, constraint "pair_rule_pkey" primary key ("id"));`);
    this.addSql(`create index "pair_rule_programme_id_kind_index" on "pair_rule" ("programme_id", "kind");`);

    this.addSql(`create table "match_run" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "programme_id" uuid not null, "status" "match_run_status" not null default 'QUEUED', "algorithm" text not null default 'exact', "progress" real not null default 0, "phase" text not null default 'queued', "options" jsonb not null, "stats" jsonb null, "certificate" jsonb null, "unmatched" jsonb null, "error" text null, "requested_by_id" uuid null, "started_at" timestamptz null, "finished_at" timestamptz null, constraint "match_run_pkey" primary key ("id"));`);
    this.addSql(`create index "match_run_programme_id_created_at_index" on "match_run" ("programme_id", "created_at");`);

    this.addSql(`create table "match_proposal" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "programme_id" uuid not null, "run_id" uuid null, "mentor_id" uuid not null, "mentee_id" uuid not null, "score" real not null, "breakdown" jsonb not null, "reasons" jsonb not null, "status" "proposal_status" not null default 'PROPOSED', "source" "proposal_source" not null, "decided_by_id" uuid null, "decided_at" timestamptz null, "decision_reason" text null, "capacity_override" boolean not null default false, constraint "match_proposal_pkey" primary key ("id"));`);
    this.addSql(`create index "match_proposal_mentor_id_status_index" on "match_proposal" ("mentor_id", "status");`);
    this.addSql(`create index "match_proposal_mentee_id_status_index" on "match_proposal" ("mentee_id", "status");`);
    this.addSql(`create index "match_proposal_run_id_index" on "match_proposal" ("run_id");`);
    this.addSql(`create index "match_proposal_programme_id_status_index" on "match_proposal" ("programme_id", "status");`);

    this.addSql(`create table "mentorship" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "programme_id" uuid not null, "mentor_id" uuid not null, "mentee_id" uuid not null, "proposal_id" uuid null, "status" "mentorship_status" not null default 'ACTIVE', "agreement" jsonb null, "started_at" timestamptz not null, "expected_end_at" timestamptz not null, "ended_at" timestamptz null, "end_reason" "end_reason" null, "end_note" text null, "mentor_reflection" text null, "mentee_reflection" text null, "pauses" jsonb not null, "version" int not null default 1, constraint "mentorship_pkey" primary key ("id"));`);
    this.addSql(`create unique index "mentorship_one_live_per_mentee" on "mentorship" ("programme_id", "mentee_id") where "status" in ('ACTIVE', 'PAUSED');`);
    this.addSql(`create index "mentorship_mentee_id_status_index" on "mentorship" ("mentee_id", "status");`);
    this.addSql(`create index "mentorship_mentor_id_status_index" on "mentorship" ("mentor_id", "status");`);
    this.addSql(`create index "mentorship_programme_id_status_index" on "mentorship" ("programme_id", "status");`);

    this.addSql(`create table "health_snapshot" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "mentorship_id" uuid not null, "day" date not null, "score" smallint not null, "status" text not null, "components" jsonb not null, constraint "health_snapshot_pkey" primary key ("id"));`);
    this.addSql(`create unique index "health_snapshot_day_unique" on "health_snapshot" ("mentorship_id", "day");`);

    this.addSql(`create table "check_in" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "mentorship_id" uuid not null, "held_at" timestamptz not null, "duration_minutes" smallint not null, "format" "meeting_format" not null, "topics" text[] not null, "goal_ids" text[] not null, "shared_note" text null, "logged_by_id" uuid not null, constraint "check_in_pkey" primary key ("id"));`);
    this.addSql(`create index "check_in_mentorship_id_held_at_index" on "check_in" ("mentorship_id", "held_at");`);

    this.addSql(`create table "pulse_survey" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "mentorship_id" uuid not null, "author_id" uuid not null, "author_role" "participant_role" not null, "rating" smallint not null, "helping" boolean null, "private_text" text null, "answered_at" timestamptz not null, constraint "pulse_survey_pkey" primary key ("id"));`);
    this.addSql(`create index "pulse_survey_mentorship_id_answered_at_index" on "pulse_survey" ("mentorship_id", "answered_at");`);

    this.addSql(`create table "skill_assessment" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "person_id" uuid not null, "skill_id" uuid not null, "level" smallint not null, "source" "assessment_source" not null, "assessed_by_id" uuid null, "assessed_at" timestamptz not null, constraint "skill_assessment_pkey" primary key ("id"));`);
    this.addSql(`create index "skill_assessment_person_id_assessed_at_index" on "skill_assessment" ("person_id", "assessed_at");`);

    this.addSql(`create table "support_flag" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "mentorship_id" uuid not null, "raised_by_id" uuid not null, "private_text" text null, "raised_at" timestamptz not null, "resolved_at" timestamptz null, constraint "support_flag_pkey" primary key ("id"));`);
    this.addSql(`create index "support_flag_mentorship_id_resolved_at_index" on "support_flag" ("mentorship_id", "resolved_at");`);

    this.addSql(`alter table "audit_event" add constraint "audit_event_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_actor_id_foreign" foreign key ("actor_id") references "person" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "pair_rule" add constraint "pair_rule_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "pair_rule" add constraint "pair_rule_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "pair_rule" add constraint "pair_rule_mentor_id_foreign" foreign key ("mentor_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "pair_rule" add constraint "pair_rule_mentee_id_foreign" foreign key ("mentee_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "pair_rule" add constraint "pair_rule_created_by_id_foreign" foreign key ("created_by_id") references "person" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "match_run" add constraint "match_run_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "match_run" add constraint "match_run_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "match_run" add constraint "match_run_requested_by_id_foreign" foreign key ("requested_by_id") references "person" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "match_proposal" add constraint "match_proposal_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "match_proposal" add constraint "match_proposal_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "match_proposal" add constraint "match_proposal_run_id_foreign" foreign key ("run_id") references "match_run" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "match_proposal" add constraint "match_proposal_mentor_id_foreign" foreign key ("mentor_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "match_proposal" add constraint "match_proposal_mentee_id_foreign" foreign key ("mentee_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "match_proposal" add constraint "match_proposal_decided_by_id_foreign" foreign key ("decided_by_id") references "person" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "mentorship" add constraint "mentorship_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "mentorship" add constraint "mentorship_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "mentorship" add constraint "mentorship_mentor_id_foreign" foreign key ("mentor_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "mentorship" add constraint "mentorship_mentee_id_foreign" foreign key ("mentee_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "mentorship" add constraint "mentorship_proposal_id_foreign" foreign key ("proposal_id") references "match_proposal" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "health_snapshot" add constraint "health_snapshot_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "health_snapshot" add constraint "health_snapshot_mentorship_id_foreign" foreign key ("mentorship_id") references "mentorship" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "check_in" add constraint "check_in_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "check_in" add constraint "check_in_mentorship_id_foreign" foreign key ("mentorship_id") references "mentorship" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "check_in" add constraint "check_in_logged_by_id_foreign" foreign key ("logged_by_id") references "person" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "pulse_survey" add constraint "pulse_survey_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "pulse_survey" add constraint "pulse_survey_mentorship_id_foreign" foreign key ("mentorship_id") references "mentorship" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "pulse_survey" add constraint "pulse_survey_author_id_foreign" foreign key ("author_id") references "person" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "skill_assessment" add constraint "skill_assessment_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "skill_assessment" add constraint "skill_assessment_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "skill_assessment" add constraint "skill_assessment_skill_id_foreign" foreign key ("skill_id") references "skill" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "skill_assessment" add constraint "skill_assessment_assessed_by_id_foreign" foreign key ("assessed_by_id") references "person" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "support_flag" add constraint "support_flag_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "support_flag" add constraint "support_flag_mentorship_id_foreign" foreign key ("mentorship_id") references "mentorship" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "support_flag" add constraint "support_flag_raised_by_id_foreign" foreign key ("raised_by_id") references "person" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "match_proposal" drop constraint "match_proposal_run_id_foreign";`);

    this.addSql(`alter table "mentorship" drop constraint "mentorship_proposal_id_foreign";`);

    this.addSql(`alter table "health_snapshot" drop constraint "health_snapshot_mentorship_id_foreign";`);

    this.addSql(`alter table "check_in" drop constraint "check_in_mentorship_id_foreign";`);

    this.addSql(`alter table "pulse_survey" drop constraint "pulse_survey_mentorship_id_foreign";`);

    this.addSql(`alter table "support_flag" drop constraint "support_flag_mentorship_id_foreign";`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "pair_rule" cascade;`);

    this.addSql(`drop table if exists "match_run" cascade;`);

    this.addSql(`drop table if exists "match_proposal" cascade;`);

    this.addSql(`drop table if exists "mentorship" cascade;`);

    this.addSql(`drop table if exists "health_snapshot" cascade;`);

    this.addSql(`drop table if exists "check_in" cascade;`);

    this.addSql(`drop table if exists "pulse_survey" cascade;`);

    this.addSql(`drop table if exists "skill_assessment" cascade;`);

    this.addSql(`drop table if exists "support_flag" cascade;`);

    this.addSql(`drop type "pair_rule_kind";`);
    this.addSql(`drop type "match_run_status";`);
    this.addSql(`drop type "proposal_status";`);
    this.addSql(`drop type "proposal_source";`);
    this.addSql(`drop type "mentorship_status";`);
    this.addSql(`drop type "end_reason";`);
    this.addSql(`drop type "participant_role";`);
    this.addSql(`drop type "assessment_source";`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261123161617 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "meeting_format" as enum ('IN_PERSON', 'REMOTE', 'HYBRID');`);
    this.addSql(`create type "role" as enum ('ORG_ADMIN', 'COORDINATOR', 'MEMBER');`);
    this.addSql(`create type "goal_status" as enum ('ACTIVE', 'ACHIEVED', 'ABANDONED');`);
    this.addSql(`create type "goal_priority" as enum ('LOW', 'MEDIUM', 'HIGH');`);
    this.addSql(`create type "programme_kind" as enum ('MENTORING', 'REVERSE', 'PEER', 'COACHING');`);
    this.addSql(`create type "programme_status" as enum ('DRAFT', 'OPEN', 'ACTIVE', 'CLOSED');`);
    this.addSql(`create type "enrollment_role" as enum ('MENTOR', 'MENTEE');`);
    this.addSql(`create table "organization" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" text not null, "slug" text not null, constraint "organization_pkey" primary key ("id"));`);
    this.addSql(`alter table "organization" add constraint "organization_slug_unique" unique ("slug");`);

    this.addSql(`create table "person" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "name" text not null, "email" text not null, "title" text not null, "level" smallint not null, "years_experience" real not null, "division" text not null, "department" text not null, "team" text not null, "location" text not null, "timezone" text not null, "utc_offset_minutes" smallint not null, "languages" text[] not null, "format_preference" "meeting_format" not null default 'HYBRID', "manager_id" uuid null, "org_path" text not null, "depth" smallint not null, "role" "role" not null default 'MEMBER', "last_active_at" timestamptz null, constraint "person_pkey" primary key ("id"));`);
    this.addSql(`create index "person_org_path_index" on "person" ("organization_id", "org_path" text_pattern_ops);`);
    this.addSql(`create index "person_organization_id_department_index" on "person" ("organization_id", "department");`);
    this.addSql(`create index "person_organization_id_name_id_index" on "person" ("organization_id", "name", "id");`);
    this.addSql(`alter table "person" add constraint "person_organization_id_email_unique" unique ("organization_id", "email");`);

    this.addSql(`create table "development_goal" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "person_id" uuid not null, "title" text not null, "measure" text not null, "baseline" double precision not null, "target" double precision not null, "current_value" double precision not null, "due_date" date not null, "status" "goal_status" not null default 'ACTIVE', "priority" "goal_priority" not null default 'MEDIUM', "achieved_at" timestamptz null, constraint "development_goal_pkey" primary key ("id"));`);
    this.addSql(`create index "development_goal_person_id_status_index" on "development_goal" ("person_id", "status");`);

    this.addSql(`create table "goal_progress" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "goal_id" uuid not null, "value" double precision not null, "note" text not null default '', "recorded_at" timestamptz not null, "recorded_by_id" uuid null, constraint "goal_progress_pkey" primary key ("id"));`);
    this.addSql(`create index "goal_progress_goal_id_recorded_at_index" on "goal_progress" ("goal_id", "recorded_at");`);

    this.addSql(`create table "programme" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "name" text not null, "description" text not null default '', "kind" "programme_kind" not null, "status" "programme_status" not null default 'OPEN', "expected_duration_months" smallint not null, "check_in_cadence_days" smallint not null, "weight_experience" real not null default 0.25, "policy_ideal_level_gap" smallint not null default 2, "weight_goals" real not null default 0.4, "policy_min_level_gap" smallint not null default 1, "weight_reach" real not null default 0.2, "policy_min_score" real not null default 30, "weight_practical" real not null default 0.15, "policy_default_mentor_capacity" smallint not null default 2, "policy_requires_approval" boolean not null default true, "policy_mentees_may_request" boolean not null default true, "policy_allow_chain_of_command" boolean not null default false, "policy_request_expiry_days" smallint not null default 14, "policy_max_pending_requests" smallint not null default 3, constraint "programme_pkey" primary key ("id"));`);

    this.addSql(`create table "enrollment" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "programme_id" uuid not null, "person_id" uuid not null, "role" "enrollment_role" not null, "capacity" smallint not null default 0, "available" boolean not null default true, "opt_in_similar_background" boolean not null default false, constraint "enrollment_pkey" primary key ("id"));`);
    this.addSql(`create index "enrollment_programme_id_role_index" on "enrollment" ("programme_id", "role");`);
    this.addSql(`alter table "enrollment" add constraint "enrollment_programme_id_person_id_unique" unique ("programme_id", "person_id");`);

    this.addSql(`create table "skill" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "name" text not null, "parent_id" uuid null, constraint "skill_pkey" primary key ("id"));`);
    this.addSql(`alter table "skill" add constraint "skill_organization_id_name_unique" unique ("organization_id", "name");`);

    this.addSql(`create table "person_skill" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "person_id" uuid not null, "skill_id" uuid not null, "proficiency" smallint not null, "wants_to_teach" boolean not null, constraint "person_skill_pkey" primary key ("id"));`);
    this.addSql(`create index "person_skill_skill_id_index" on "person_skill" ("skill_id");`);
    this.addSql(`alter table "person_skill" add constraint "person_skill_person_id_skill_id_unique" unique ("person_id", "skill_id");`);

    this.addSql(`create table "development_goal_skill" ("development_goal_id" uuid not null, "skill_id" uuid not null, constraint "development_goal_skill_pkey" primary key ("development_goal_id", "skill_id"));`);

    this.addSql(`alter table "person" add constraint "person_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "person" add constraint "person_manager_id_foreign" foreign key ("manager_id") references "person" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "development_goal" add constraint "development_goal_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "development_goal" add constraint "development_goal_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "goal_progress" add constraint "goal_progress_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "goal_progress" add constraint "goal_progress_goal_id_foreign" foreign key ("goal_id") references "development_goal" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "goal_progress" add constraint "goal_progress_recorded_by_id_foreign" foreign key ("recorded_by_id") references "person" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "programme" add constraint "programme_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "enrollment" add constraint "enrollment_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "enrollment" add constraint "enrollment_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "enrollment" add constraint "enrollment_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "skill" add constraint "skill_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "skill" add constraint "skill_parent_id_foreign" foreign key ("parent_id") references "skill" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "person_skill" add constraint "person_skill_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "person_skill" add constraint "person_skill_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "person_skill" add constraint "person_skill_skill_id_foreign" foreign key ("skill_id") references "skill" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "development_goal_skill" add constraint "development_goal_skill_development_goal_id_foreign" foreign key ("development_goal_id") references "development_goal" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "development_goal_skill" add constraint "development_goal_skill_skill_id_foreign" foreign key ("skill_id") references "skill" ("id") on update cascade on delete cascade;`);
  }

}

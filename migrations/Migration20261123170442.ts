import { Migration } from '@mikro-orm/migrations';

export class Migration20261123170442 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "mentor_request_status" as enum ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN', 'INVALIDATED');`);
    this.addSql(`create type "decline_reason" as enum ('UNAVAILABLE', 'NO_CAPACITY', 'NOT_A_GOOD_FIT', 'SKILLS_MISMATCH', 'SCHEDULE_CONFLICT', 'OTHER');`);
    this.addSql(`create type "reminder_kind" as enum ('REQUEST_UNANSWERED', 'REQUEST_ESCALATED', 'CHECK_IN_OVERDUE', 'PULSE_DUE', 'PROPOSALS_AWAITING_APPROVAL', 'ENDING_SOON');`);
    this.addSql(`create type "webhook_delivery_status" as enum ('PENDING', 'DELIVERED', 'FAILED');`);
    this.addSql(`create table "outbox_event" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "type" text not null, "aggregate_type" text not null, "aggregate_id" uuid not null, "sequence" int not null default 0, "actor_id" uuid null, "payload" jsonb not null, "occurred_at" timestamptz not null, "dispatched_at" timestamptz null, "dedupe_key" text null, constraint "outbox_event_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_event_type_aggregate_id_index" on "outbox_event" ("type", "aggregate_id");`);
    this.addSql(`create index "outbox_event_undispatched_index" on "outbox_event" ("occurred_at", "id") where "dispatched_at" is null;`);
    this.addSql(`alter table "outbox_event" add constraint "outbox_event_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`alter table "outbox_event" add constraint "outbox_event_aggregate_sequence_unique" unique ("aggregate_id", "sequence");`);
    // Per-aggregate event numbering, gapless and in commit order: a transaction-scoped advisory lock
    // on the aggregate makes a second writer of the same aggregate wait until the first commits, and
    // max + 1 then sees the committed row (each statement of a volatile function takes a new snapshot).
    // Writers that pass a non-zero sequence (a brand-new aggregate's first event) skip the lock.
    this.addSql(`create function "outbox_event_assign_sequence"() returns trigger language plpgsql as $$
      begin
        if new."sequence" is null or new."sequence" = 0 then
          perform pg_advisory_xact_lock(hashtextextended('outbox:' || new."aggregate_id"::text, 0));
          select coalesce(max(o."sequence"), 0) + 1 into new."sequence" from "outbox_event" o where o."aggregate_id" = new."aggregate_id";
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger "outbox_event_sequence" before insert on "outbox_event" for each row execute function "outbox_event_assign_sequence"();`);

    this.addSql(`create table "notification" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "recipient_id" uuid not null, "event_id" uuid not null, "type" text not null, "subject_type" text not null, "subject_id" uuid not null, "message" text not null, "read_at" timestamptz null, constraint "notification_pkey" primary key ("id"));`);
    this.addSql(`create index "notification_unread_index" on "notification" ("recipient_id", "created_at", "id") where "read_at" is null;`);
    this.addSql(`create index "notification_recipient_id_created_at_id_index" on "notification" ("recipient_id", "created_at", "id");`);
    this.addSql(`alter table "notification" add constraint "notification_event_id_recipient_id_unique" unique ("event_id", "recipient_id");`);

    this.addSql(`create table "no_match_decision" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "programme_id" uuid not null, "mentee_id" uuid not null, "note" text not null default '', "decided_by_id" uuid null, "decided_at" timestamptz not null, constraint "no_match_decision_pkey" primary key ("id"));`);
    this.addSql(`alter table "no_match_decision" add constraint "no_match_decision_programme_id_mentee_id_unique" unique ("programme_id", "mentee_id");`);

    this.addSql(`create table "mentor_request" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "programme_id" uuid not null, "mentee_id" uuid not null, "mentor_id" uuid not null, "status" "mentor_request_status" not null default 'PENDING', "message" text null, "score" real not null, "expires_at" timestamptz not null, "resolved_at" timestamptz null, "decline_reason" "decline_reason" null, "decline_note" text null, "proposal_id" uuid null, "mentorship_id" uuid null, constraint "mentor_request_pkey" primary key ("id"));`);
    this.addSql(`create unique index "mentor_request_one_pending_per_pair" on "mentor_request" ("programme_id", "mentee_id", "mentor_id") where "status" = 'PENDING';`);
    this.addSql(`create index "mentor_request_pending_expiry_index" on "mentor_request" ("expires_at") where "status" = 'PENDING';`);
    this.addSql(`create index "mentor_request_programme_id_status_created_at_index" on "mentor_request" ("programme_id", "status", "created_at");`);
    this.addSql(`create index "mentor_request_mentor_id_status_index" on "mentor_request" ("mentor_id", "status");`);
    this.addSql(`create index "mentor_request_mentee_id_status_index" on "mentor_request" ("mentee_id", "status");`);

    this.addSql(`create table "engagement_policy" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "programme_id" uuid not null, "remind_mentor_after_days" smallint not null default 3, "escalate_request_after_days" smallint not null default 7, "check_in_grace_days" smallint not null default 2, "proposal_reminder_after_days" smallint not null default 3, "ending_soon_days" smallint not null default 30, constraint "engagement_policy_pkey" primary key ("id"));`);
    this.addSql(`alter table "engagement_policy" add constraint "engagement_policy_programme_id_unique" unique ("programme_id");`);

    this.addSql(`create table "reminder" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "kind" "reminder_kind" not null, "subject_type" text not null, "subject_id" uuid not null, "recipient_id" uuid not null, "due_on" date not null, constraint "reminder_pkey" primary key ("id"));`);
    this.addSql(`alter table "reminder" add constraint "reminder_once_unique" unique ("kind", "subject_id", "recipient_id", "due_on");`);

    this.addSql(`create table "webhook_endpoint" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "url" text not null, "description" text not null default '', "event_types" text[] not null, "secret" text not null, "enabled" boolean not null default true, "disabled_at" timestamptz null, "disabled_reason" text null, "consecutive_failures" int not null default 0, "created_by_id" uuid null, constraint "webhook_endpoint_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_endpoint_organization_id_created_at_index" on "webhook_endpoint" ("organization_id", "created_at");`);

    this.addSql(`create table "webhook_delivery" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "endpoint_id" uuid not null, "event_id" uuid not null, "aggregate_id" uuid not null, "sequence" int not null, "status" "webhook_delivery_status" not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "lease_until" timestamptz null, "last_attempt_at" timestamptz null, "last_response_status" smallint null, "last_error" text null, "delivered_at" timestamptz null, constraint "webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_due_index" on "webhook_delivery" ("next_attempt_at") where "status" = 'PENDING';`);
    this.addSql(`create index "webhook_delivery_chain_index" on "webhook_delivery" ("endpoint_id", "aggregate_id", "sequence") where "status" = 'PENDING';`);
    this.addSql(`create index "webhook_delivery_endpoint_id_created_at_id_index" on "webhook_delivery" ("endpoint_id", "created_at", "id");`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_event_id_unique" unique ("endpoint_id", "event_id");`);

    this.addSql(`create table "webhook_delivery_attempt" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "delivery_id" uuid not null, "attempted_at" timestamptz not null, "succeeded" boolean not null, "response_status" smallint null, "error" text null, "duration_ms" int not null, constraint "webhook_delivery_attempt_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_attempt_delivery_id_attempted_at_index" on "webhook_delivery_attempt" ("delivery_id", "attempted_at");`);

    this.addSql(`alter table "outbox_event" add constraint "outbox_event_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "outbox_event" add constraint "outbox_event_actor_id_foreign" foreign key ("actor_id") references "person" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "notification" add constraint "notification_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "notification" add constraint "notification_recipient_id_foreign" foreign key ("recipient_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "notification" add constraint "notification_event_id_foreign" foreign key ("event_id") references "outbox_event" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "no_match_decision" add constraint "no_match_decision_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "no_match_decision" add constraint "no_match_decision_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "no_match_decision" add constraint "no_match_decision_mentee_id_foreign" foreign key ("mentee_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "no_match_decision" add constraint "no_match_decision_decided_by_id_foreign" foreign key ("decided_by_id") references "person" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "mentor_request" add constraint "mentor_request_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "mentor_request" add constraint "mentor_request_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "mentor_request" add constraint "mentor_request_mentee_id_foreign" foreign key ("mentee_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "mentor_request" add constraint "mentor_request_mentor_id_foreign" foreign key ("mentor_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "mentor_request" add constraint "mentor_request_proposal_id_foreign" foreign key ("proposal_id") references "match_proposal" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "mentor_request" add constraint "mentor_request_mentorship_id_foreign" foreign key ("mentorship_id") references "mentorship" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "engagement_policy" add constraint "engagement_policy_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "engagement_policy" add constraint "engagement_policy_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "reminder" add constraint "reminder_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "reminder" add constraint "reminder_recipient_id_foreign" foreign key ("recipient_id") references "person" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "webhook_endpoint" add constraint "webhook_endpoint_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_endpoint" add constraint "webhook_endpoint_created_by_id_foreign" foreign key ("created_by_id") references "person" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_event_id_foreign" foreign key ("event_id") references "outbox_event" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "webhook_delivery_attempt" add constraint "webhook_delivery_attempt_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_delivery_attempt" add constraint "webhook_delivery_attempt_delivery_id_foreign" foreign key ("delivery_id") references "webhook_delivery" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notification" drop constraint "notification_event_id_foreign";`);

    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_event_id_foreign";`);

    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_endpoint_id_foreign";`);

    this.addSql(`alter table "webhook_delivery_attempt" drop constraint "webhook_delivery_attempt_delivery_id_foreign";`);

    this.addSql(`drop table if exists "outbox_event" cascade;`);
    this.addSql(`drop function if exists "outbox_event_assign_sequence"();`);

    this.addSql(`drop table if exists "notification" cascade;`);

    this.addSql(`drop table if exists "no_match_decision" cascade;`);

    this.addSql(`drop table if exists "mentor_request" cascade;`);

    this.addSql(`drop table if exists "engagement_policy" cascade;`);

    this.addSql(`drop table if exists "reminder" cascade;`);

    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);

    this.addSql(`drop table if exists "webhook_delivery" cascade;`);

    this.addSql(`drop table if exists "webhook_delivery_attempt" cascade;`);

    this.addSql(`drop type "mentor_request_status";`);
    this.addSql(`drop type "decline_reason";`);
    this.addSql(`drop type "reminder_kind";`);
    this.addSql(`drop type "webhook_delivery_status";`);
  }

}

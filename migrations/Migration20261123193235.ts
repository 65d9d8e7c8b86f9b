import { Migration } from '@mikro-orm/migrations';

export class Migration20261123193235 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "programme_coordinator" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" uuid not null, "programme_id" uuid not null, "person_id" uuid not null, "assigned_by_id" uuid null, constraint "programme_coordinator_pkey" primary key ("id"));`);
    this.addSql(`alter table "programme_coordinator" add constraint "programme_coordinator_programme_id_person_id_unique" unique ("programme_id", "person_id");`);

    this.addSql(`alter table "programme_coordinator" add constraint "programme_coordinator_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "programme_coordinator" add constraint "programme_coordinator_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "programme_coordinator" add constraint "programme_coordinator_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "programme_coordinator" add constraint "programme_coordinator_assigned_by_id_foreign" foreign key ("assigned_by_id") references "person" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "programme_coordinator" cascade;`);
  }

}

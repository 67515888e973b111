import { Migration } from '@mikro-orm/migrations';

export class Migration20261126300000_journal extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "initiatives"."journal" (
      "seq" bigint generated always as identity primary key,
      "id" uuid not null unique,
      "type" text not null,
      "service" text not null,
      "source" text not null,
      "node" text not null,
      "subject" text not null,
      "aggregate_version" integer not null,
      "time" timestamptz not null,
      "data" jsonb not null,
      "taken_at" timestamptz not null default now()
    )`);
    this.addSql(`create index "journal_node_seq" on "initiatives"."journal" ("node", "seq")`);
    this.addSql(`create index "journal_time" on "initiatives"."journal" ("time")`);
  }
}

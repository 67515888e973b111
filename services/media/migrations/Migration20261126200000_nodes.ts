import { Migration } from '@mikro-orm/migrations';

export class Migration20261126200000_nodes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "media"."node_freshness" (
      "node" text primary key,
      "last_event_at" timestamptz not null,
      "last_applied_at" timestamptz not null,
      "events_applied" bigint not null default 0,
      "lag_seconds" double precision not null default 0
    )`);
  }
}

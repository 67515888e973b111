import { Migration } from '@mikro-orm/migrations';

export class Migration20261126200000_nodes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "initiatives"."node_freshness" (
      "node" text primary key,
      "last_event_at" timestamptz not null,
      "last_applied_at" timestamptz not null,
      "events_applied" bigint not null default 0,
      "lag_seconds" double precision not null default 0
    )`);
    this.addSql(`create table "initiatives"."node_heartbeat" (
      "node" text not null,
      "service" text not null,
      "role" text not null,
      "last_heartbeat_at" timestamptz not null,
      primary key ("node", "service")
    )`);
  }
}

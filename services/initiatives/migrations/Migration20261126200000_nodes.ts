import { Migration } from '@mikro-orm/migrations';
import { freshnessTableSql } from '../../kernel/src/nodes/freshness';

export class Migration20261126200000_nodes extends Migration {
  override async up(): Promise<void> {
    for (const sql of freshnessTableSql('initiatives')) this.addSql(sql);
    this.addSql(`create table "initiatives"."node_heartbeat" (
      "node" text not null,
      "service" text not null,
      "role" text not null,
      "last_heartbeat_at" timestamptz not null,
      primary key ("node", "service")
    )`);
  }
}

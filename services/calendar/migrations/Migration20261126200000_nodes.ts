import { Migration } from '@mikro-orm/migrations';
import { freshnessTableSql } from '../../kernel/src/nodes/freshness';

export class Migration20261126200000_nodes extends Migration {
  override async up(): Promise<void> {
    for (const sql of freshnessTableSql('calendar')) this.addSql(sql);
  }
}

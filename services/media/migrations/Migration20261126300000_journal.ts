import { Migration } from '@mikro-orm/migrations';
import { journalTableSql } from '../../kernel/src/events/journal';

export class Migration20261126300000_journal extends Migration {
  override async up(): Promise<void> {
    for (const sql of journalTableSql('media')) this.addSql(sql);
  }
}

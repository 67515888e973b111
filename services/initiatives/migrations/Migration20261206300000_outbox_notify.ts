import { Migration } from '@mikro-orm/migrations';
import { outboxNotifySql } from '../../kernel/src/events/outbox';

/** The outbox notifies its relay at commit, so an event leaves without waiting for a poll. */
export class Migration20261206300000_outbox_notify extends Migration {
  override async up(): Promise<void> {
    for (const sql of outboxNotifySql('initiatives')) this.addSql(sql);
  }
}

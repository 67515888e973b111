import { Migration } from '@mikro-orm/migrations';

/** The retention pruner finds the inbox's old rows without reading the whole table. */
export class Migration20261207000000_inbox_applied_at extends Migration {
  override async up(): Promise<void> {
    // rows arrive in applied_at order, so a block-range index is enough, and costs the consumers' inserts next to nothing
    this.addSql(`create index if not exists "inbox_applied_at" on "media"."inbox" using brin ("applied_at")`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/** The trace context of the change that wrote each outbox row, published as the ce_traceparent header. */
export class Migration20261126100000_traceparent extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "media"."outbox" add column if not exists "traceparent" text null');
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261126100000_traceparent extends Migration {
  override async up(): Promise<void> {
    // the trace of the change travels with its event
    this.addSql('alter table "calendar"."outbox" add column if not exists "traceparent" text null');
  }
}

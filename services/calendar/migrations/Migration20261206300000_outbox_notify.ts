import { Migration } from '@mikro-orm/migrations';

/** The outbox notifies its relay at commit, so an event leaves without waiting for a poll. */
export class Migration20261206300000_outbox_notify extends Migration {
  override async up(): Promise<void> {
    // one notification per inserting statement; PostgreSQL delivers it when the transaction commits
    this.addSql(
      `create or replace function "calendar"."outbox_notify"() returns trigger language plpgsql as $$ begin perform pg_notify('mmhub_outbox_calendar', ''); return null; end $$`,
    );
    this.addSql(
      `create or replace trigger "outbox_notify" after insert on "calendar"."outbox" for each statement execute function "calendar"."outbox_notify"()`,
    );
  }
}

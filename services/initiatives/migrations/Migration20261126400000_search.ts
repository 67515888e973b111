import { Migration } from '@mikro-orm/migrations';

/** The full-text vector kept with the row: a search rechecks stored lexemes instead of stemming every candidate again. */
export class Migration20261126400000_search extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "initiatives"."initiative" add column "search_vector" tsvector generated always as (to_tsvector('arabic', "search_text")) stored`);
    this.addSql(`create index "initiative_search_vector" on "initiatives"."initiative" using gin ("search_vector")`);
    this.addSql(`drop index if exists "initiatives"."initiative_search_fts"`);
  }
}

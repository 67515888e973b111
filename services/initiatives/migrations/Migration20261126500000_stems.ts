import { Migration } from '@mikro-orm/migrations';

/**
 * Full-text search on light stems computed by the service instead of PostgreSQL's root stemmer,
 * which files رقمنة (digitisation) under رقم (number). Rows already stored get their stems from the
 * service at start (`refreshSearchKeys`), by the stemmer's version: SQL alone here.
 */
export class Migration20261126500000_stems extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "initiatives"."initiative" add column "search_stems" text`);
    // left nullable: a replica not yet upgraded writes no stems during a rolling upgrade, and its rows are matched on their normalised words meanwhile
    this.addSql(`drop index if exists "initiatives"."initiative_search_vector"`);
    this.addSql(`alter table "initiatives"."initiative" drop column "search_vector"`);
    this.addSql(
      `alter table "initiatives"."initiative" add column "search_vector" tsvector generated always as (to_tsvector('simple', coalesce("search_stems", "search_text"))) stored`,
    );
    // a search reads a GIN index's whole pending list: kept short, it costs a search little and is merged often
    this.addSql(`create index "initiative_search_vector" on "initiatives"."initiative" using gin ("search_vector") with (gin_pending_list_limit = 64)`);
    this.addSql(`alter index "initiatives"."initiative_search_trgm" set (gin_pending_list_limit = 64)`);
  }
}

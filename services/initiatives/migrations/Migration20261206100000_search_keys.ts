import { Migration } from '@mikro-orm/migrations';

/**
 * Which version of the service's light stemmer keyed each row. Rows of an older version, or keyed
 * by none (written before this column, or by a replica not yet upgraded), are keyed again by the
 * service at start (`refreshSearchKeys`): the stemmer is code, and a migration is kept as it was run.
 */
export class Migration20261206100000_search_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "initiatives"."initiative" add column "search_stems_version" smallint`);
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261206000000_feed_tokens extends Migration {
  override async up(): Promise<void> {
    // one current feed token per person and node: issuing another replaces (revokes) it
    this.addSql(`create table "calendar"."feed_token" (
      "node" text not null,
      "sub" text not null,
      "roles" text[] not null,
      "token_hash" text not null unique,
      "issued_at" timestamptz not null,
      "expires_at" timestamptz not null,
      primary key ("node", "sub"))`);
  }
}

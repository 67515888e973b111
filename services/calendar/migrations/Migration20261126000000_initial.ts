import { Migration } from '@mikro-orm/migrations';

export class Migration20261126000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql('create schema if not exists "calendar"');
    this.addSql(`create table "calendar"."campaign" (
      "id" uuid primary key,
      "node" text not null,
      "title_ar" text not null,
      "title_en" text null,
      "description_ar" text null,
      "description_en" text null,
      "axis" text not null,
      "audiences" text[] not null,
      "channels" text[] not null,
      "starts_at" timestamptz not null,
      "ends_at" timestamptz not null,
      "initiative_ids" uuid[] not null default '{}',
      "status" text not null,
      "sequence" integer not null default 0,
      "created_by" text not null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "version" integer not null,
      constraint "campaign_period_check" check ("ends_at" > "starts_at")
    )`);
    this.addSql('create index "campaign_node_index" on "calendar"."campaign" ("node")');
    // the calendar and clash queries ask which periods overlap a range: a GiST index over the half-open range
    this.addSql(`create index "campaign_period_index" on "calendar"."campaign" using gist (tstzrange("starts_at", "ends_at"))`);
    // Initiative.campaigns: one "&&" over the batch of initiative ids
    this.addSql('create index "campaign_initiatives_index" on "calendar"."campaign" using gin ("initiative_ids")');
    this.addSql(`create table "calendar"."calendar_entry" (
      "id" uuid primary key,
      "node" text not null,
      "kind" text not null,
      "title_ar" text not null,
      "title_en" text null,
      "description_ar" text null,
      "description_en" text null,
      "location" text null,
      "axis" text null,
      "campaign_id" uuid null,
      "all_day" boolean not null,
      "starts_at" timestamptz not null,
      "ends_at" timestamptz not null,
      "status" text not null,
      "occasion_code" text null,
      "occasion_hijri_year" integer null,
      "sequence" integer not null default 0,
      "created_by" text not null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "version" integer not null,
      constraint "calendar_entry_period_check" check ("ends_at" > "starts_at")
    )`);
    this.addSql('create index "calendar_entry_node_index" on "calendar"."calendar_entry" ("node")');
    this.addSql(`create index "calendar_entry_period_index" on "calendar"."calendar_entry" using gist (tstzrange("starts_at", "ends_at"))`);
    this.addSql('create index "calendar_entry_campaign_index" on "calendar"."calendar_entry" ("campaign_id")');
    // generating a year's national occasions twice adds nothing
    this.addSql(
      `create unique index "calendar_entry_occasion_unique" on "calendar"."calendar_entry" ("node", "occasion_code", "occasion_hijri_year") where "occasion_code" is not null`,
    );
    // the outbox and inbox of the service's events
    this.addSql(`create table "calendar"."outbox" (
      "seq" bigint generated always as identity,
      "id" uuid primary key,
      "topic" text not null,
      "type" text not null,
      "source" text not null,
      "subject" text not null,
      "node" text not null,
      "aggregate_version" integer not null,
      "time" timestamptz not null,
      "data" jsonb not null,
      "sent_at" timestamptz null
    )`);
    this.addSql(`create index "outbox_pending_idx" on "calendar"."outbox" ("seq") where "sent_at" is null`);
    this.addSql(`create table "calendar"."inbox" (
      "consumer" text not null,
      "event_id" text not null,
      "applied_at" timestamptz not null default now(),
      primary key ("consumer", "event_id")
    )`);
  }
}

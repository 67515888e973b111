import { Migration } from '@mikro-orm/migrations';

export class Migration20261126000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql('create schema if not exists "media"');
    this.addSql(`create table "media"."media_message" (
      "id" uuid primary key,
      "node" text not null,
      "origin" text not null,
      "campaign_id" uuid null,
      "initiative_id" uuid null,
      "key_message_id" uuid null,
      "body_ar" text not null,
      "body_en" text null,
      "variants" jsonb not null default '[]',
      "status" text not null,
      "publish_at" timestamptz null,
      "published_at" timestamptz null,
      "authors" jsonb not null default '[]',
      "created_by" text not null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "history" jsonb not null default '[]',
      "version" integer not null
    )`);
    this.addSql('create index "media_message_node_status_index" on "media"."media_message" ("node", "status")');
    this.addSql('create index "media_message_campaign_index" on "media"."media_message" ("campaign_id")');
    this.addSql('create index "media_message_initiative_index" on "media"."media_message" ("initiative_id")');
    this.addSql('create index "media_message_key_message_index" on "media"."media_message" ("key_message_id")');
    this.addSql(`create table "media"."charter_rule" (
      "id" uuid primary key,
      "node" text not null,
      "kind" text not null,
      "severity" text not null,
      "channels" jsonb not null default '[]',
      "params" jsonb not null,
      "note_ar" text null,
      "note_en" text null,
      "active" boolean not null,
      "created_by" text not null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "version" integer not null
    )`);
    this.addSql(`create table "media"."key_message" (
      "id" uuid primary key,
      "node" text not null,
      "title_ar" text not null,
      "title_en" text null,
      "template_ar" text not null,
      "template_en" text null,
      "variants" jsonb not null default '[]',
      "campaign_id" uuid null,
      "axis" text null,
      "active" boolean not null,
      "created_by" text not null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "version" integer not null
    )`);
    this.addSql(`create table "media"."review" (
      "id" uuid primary key,
      "node" text not null,
      "message_id" uuid not null,
      "message_node" text not null,
      "message_version" integer not null,
      "decision" text not null,
      "comment" text null,
      "reviewer_id" text not null,
      "reviewer_node" text not null,
      "remote" boolean not null,
      "decided_at" timestamptz not null,
      "version" integer not null
    )`);
    this.addSql('create index "review_message_index" on "media"."review" ("message_id")');
    // read models of other services, fed by their events
    this.addSql(`create table "media"."initiative_view" (
      "id" uuid primary key,
      "node" text not null,
      "code" text not null,
      "title_ar" text not null,
      "title_en" text null,
      "axis" text not null,
      "national_initiative_id" uuid null,
      "status" text not null,
      "planned_start" date not null,
      "planned_end" date not null,
      "targets" jsonb not null default '[]',
      "percent_complete" double precision not null,
      "last_reported_at" timestamptz null,
      "version" integer not null
    )`);
    this.addSql('create index "initiative_view_node_index" on "media"."initiative_view" ("node")');
    this.addSql('create index "initiative_view_axis_index" on "media"."initiative_view" ("axis")');
    this.addSql(`create table "media"."progress_view" (
      "id" uuid primary key,
      "initiative_id" uuid not null,
      "percent_complete" double precision not null,
      "kpi_actuals" jsonb not null default '[]',
      "reported_at" timestamptz not null
    )`);
    this.addSql('create index "progress_view_initiative_index" on "media"."progress_view" ("initiative_id", "reported_at")');
    this.addSql(`create table "media"."campaign_view" (
      "id" uuid primary key,
      "node" text not null,
      "title_ar" text not null,
      "title_en" text null,
      "axis" text null,
      "national" boolean not null,
      "version" integer not null
    )`);
    this.addSql('create index "campaign_view_node_index" on "media"."campaign_view" ("node")');
    // the outbox and inbox of the service's events
    this.addSql(`create table "media"."outbox" (
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
    this.addSql(`create index "outbox_pending_idx" on "media"."outbox" ("seq") where "sent_at" is null`);
    this.addSql(`create table "media"."inbox" (
      "consumer" text not null,
      "event_id" text not null,
      "applied_at" timestamptz not null default now(),
      primary key ("consumer", "event_id")
    )`);
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261126000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql('create schema if not exists "initiatives"');
    this.addSql('create extension if not exists pg_trgm with schema public');
    this.addSql(`create table "initiatives"."initiative" (
      "id" uuid primary key,
      "node" text not null,
      "code" text not null,
      "title_ar" text not null,
      "title_en" text null,
      "description_ar" text null,
      "description_en" text null,
      "axis" text not null,
      "national_initiative_id" uuid null,
      "status" text not null,
      "planned_start" date not null,
      "planned_end" date not null,
      "targets" jsonb not null default '[]',
      "percent_complete" double precision not null default 0,
      "last_reported_at" timestamptz null,
      "search_text" text not null,
      "created_by" text not null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "version" integer not null,
      constraint "initiative_node_code_unique" unique ("node", "code")
    )`);
    this.addSql('create index "initiative_node_index" on "initiatives"."initiative" ("node")');
    this.addSql('create index "initiative_axis_status_index" on "initiatives"."initiative" ("axis", "status")');
    this.addSql('create index "initiative_national_index" on "initiatives"."initiative" ("national_initiative_id")');
    // full text with the arabic configuration, and trigrams for partial words, both over the normalised text
    this.addSql(`create index "initiative_search_fts" on "initiatives"."initiative" using gin (to_tsvector('arabic', "search_text"))`);
    this.addSql('create index "initiative_search_trgm" on "initiatives"."initiative" using gin ("search_text" public.gin_trgm_ops)');
    this.addSql(`create table "initiatives"."progress_report" (
      "id" uuid primary key,
      "initiative_id" uuid not null,
      "node" text not null,
      "percent_complete" double precision not null,
      "kpi_actuals" jsonb not null default '[]',
      "note" text null,
      "reported_at" timestamptz not null,
      "reported_by" text not null
    )`);
    this.addSql('create index "progress_report_initiative_index" on "initiatives"."progress_report" ("initiative_id", "reported_at")');
    this.addSql(`create table "initiatives"."integration_criterion" (
      "id" uuid primary key,
      "node" text not null,
      "name_ar" text not null,
      "name_en" text null,
      "description" text null,
      "weight" double precision not null,
      "created_at" timestamptz not null,
      "version" integer not null
    )`);
    this.addSql(`create table "initiatives"."integration_assessment" (
      "id" uuid primary key,
      "node" text not null,
      "initiative_id" uuid not null,
      "scores" jsonb not null,
      "weighted_score" double precision not null,
      "note" text null,
      "assessed_by" text not null,
      "assessed_at" timestamptz not null,
      "version" integer not null
    )`);
    this.addSql('create index "integration_assessment_initiative_index" on "initiatives"."integration_assessment" ("initiative_id", "assessed_at")');
    // the outbox and inbox of the service's events
    this.addSql(`create table "initiatives"."outbox" (
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
    this.addSql(`create index "outbox_pending_idx" on "initiatives"."outbox" ("seq") where "sent_at" is null`);
    this.addSql(`create table "initiatives"."inbox" (
      "consumer" text not null,
      "event_id" text not null,
      "applied_at" timestamptz not null default now(),
      primary key ("consumer", "event_id")
    )`);
  }
}

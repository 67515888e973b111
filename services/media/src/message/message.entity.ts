import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { Aggregate } from '../../../kernel/src/db';
import type { MessageOrigin, MessageState, MessageStatus, Transition, Variant } from './message';

@Entity({ tableName: 'media_message' })
export class MediaMessageRecord {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) @Index() node!: string;
  @Property({ type: 'text' }) origin!: MessageOrigin;
  @Property({ type: 'uuid', nullable: true }) campaignId!: string | null;
  @Property({ type: 'uuid', nullable: true }) initiativeId!: string | null;
  @Property({ type: 'uuid', nullable: true }) keyMessageId!: string | null;
  @Property({ type: 'text' }) bodyAr!: string;
  @Property({ type: 'text', nullable: true }) bodyEn!: string | null;
  @Property({ type: 'json' }) variants!: Variant[];
  @Property({ type: 'text' }) status!: MessageStatus;
  @Property({ type: 'timestamptz', nullable: true }) publishAt!: Date | null;
  @Property({ type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Property({ type: 'json' }) authors!: string[];
  @Property({ type: 'text' }) createdBy!: string;
  @Property({ type: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'timestamptz' }) updatedAt!: Date;
  @Property({ type: 'json' }) history!: Transition[];
  @Property({ type: 'integer' }) version!: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const date = (s: string | null) => (s ? new Date(s) : null);

export function messageState(r: MediaMessageRecord): MessageState {
  return {
    ...r,
    publishAt: iso(r.publishAt),
    publishedAt: iso(r.publishedAt),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function messageRow(s: MessageState): MediaMessageRecord {
  return {
    ...s,
    publishAt: date(s.publishAt),
    publishedAt: date(s.publishedAt),
    createdAt: new Date(s.createdAt),
    updatedAt: new Date(s.updatedAt),
  };
}

export const messageAggregate: Aggregate<MediaMessageRecord, MessageState> = {
  name: 'message',
  entity: MediaMessageRecord,
  state: messageState,
  row: messageRow,
};

import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Aggregate } from '../../../kernel/src/db';
import type { Axis } from '../../../kernel/src/domain';
import type { KeyMessageState, VariantTemplate } from './key-message';

@Entity({ tableName: 'key_message' })
export class KeyMessageRecord {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) node!: string;
  @Property({ type: 'text' }) titleAr!: string;
  @Property({ type: 'text', nullable: true }) titleEn!: string | null;
  @Property({ type: 'text' }) templateAr!: string;
  @Property({ type: 'text', nullable: true }) templateEn!: string | null;
  @Property({ type: 'json' }) variants!: VariantTemplate[];
  @Property({ type: 'uuid', nullable: true }) campaignId!: string | null;
  @Property({ type: 'text', nullable: true }) axis!: Axis | null;
  @Property({ type: 'boolean' }) active!: boolean;
  @Property({ type: 'text' }) createdBy!: string;
  @Property({ type: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'timestamptz' }) updatedAt!: Date;
  @Property({ type: 'integer' }) version!: number;
}

export const keyMessageState = (r: KeyMessageRecord): KeyMessageState => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });
export const keyMessageRow = (s: KeyMessageState): KeyMessageRecord => ({ ...s, createdAt: new Date(s.createdAt), updatedAt: new Date(s.updatedAt) });

export const keyMessageAggregate: Aggregate<KeyMessageRecord, KeyMessageState> = {
  name: 'key message',
  entity: KeyMessageRecord,
  state: keyMessageState,
  row: keyMessageRow,
};

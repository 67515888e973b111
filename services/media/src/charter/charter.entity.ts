import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Aggregate } from '../../../kernel/src/db';
import type { Channel } from '../channel/channel';
import type { CharterRuleKind, CharterRuleParams, CharterRuleState, Severity } from './charter';

@Entity({ tableName: 'charter_rule' })
export class CharterRuleRecord {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) node!: string;
  @Property({ type: 'text' }) kind!: CharterRuleKind;
  @Property({ type: 'text' }) severity!: Severity;
  @Property({ type: 'json' }) channels!: Channel[];
  @Property({ type: 'json' }) params!: CharterRuleParams;
  @Property({ type: 'text', nullable: true }) noteAr!: string | null;
  @Property({ type: 'text', nullable: true }) noteEn!: string | null;
  @Property({ type: 'boolean' }) active!: boolean;
  @Property({ type: 'text' }) createdBy!: string;
  @Property({ type: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'timestamptz' }) updatedAt!: Date;
  @Property({ type: 'integer' }) version!: number;
}

export const charterRuleState = (r: CharterRuleRecord): CharterRuleState => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
export const charterRuleRow = (s: CharterRuleState): CharterRuleRecord => ({ ...s, createdAt: new Date(s.createdAt), updatedAt: new Date(s.updatedAt) });

export const charterRuleAggregate: Aggregate<CharterRuleRecord, CharterRuleState> = {
  name: 'charter rule',
  entity: CharterRuleRecord,
  state: charterRuleState,
  row: charterRuleRow,
};

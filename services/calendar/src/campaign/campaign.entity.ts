import { ArrayType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { Aggregate } from '../../../kernel/src/db';
import type { Axis } from '../../../kernel/src/domain';
import type { CampaignState, CampaignStatus } from './campaign';

@Entity({ tableName: 'campaign' })
export class CampaignRecord {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) @Index() node!: string;
  @Property({ type: 'text' }) titleAr!: string;
  @Property({ type: 'text', nullable: true }) titleEn!: string | null;
  @Property({ type: 'text', nullable: true }) descriptionAr!: string | null;
  @Property({ type: 'text', nullable: true }) descriptionEn!: string | null;
  @Property({ type: 'text' }) axis!: Axis;
  @Property({ type: ArrayType, columnType: 'text[]' }) audiences!: string[];
  @Property({ type: ArrayType, columnType: 'text[]' }) channels!: string[];
  @Property({ type: 'timestamptz' }) startsAt!: Date;
  @Property({ type: 'timestamptz' }) endsAt!: Date;
  @Property({ type: ArrayType, columnType: 'uuid[]' }) initiativeIds!: string[];
  @Property({ type: 'text' }) status!: CampaignStatus;
  @Property({ type: 'integer' }) sequence!: number;
  @Property({ type: 'text' }) createdBy!: string;
  @Property({ type: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'timestamptz' }) updatedAt!: Date;
  @Property({ type: 'integer' }) version!: number;
}

export function campaignState(r: CampaignRecord): CampaignState {
  return {
    id: r.id,
    node: r.node,
    titleAr: r.titleAr,
    titleEn: r.titleEn,
    descriptionAr: r.descriptionAr,
    descriptionEn: r.descriptionEn,
    axis: r.axis,
    audiences: [...r.audiences],
    channels: [...r.channels],
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    initiativeIds: [...r.initiativeIds],
    status: r.status,
    sequence: r.sequence,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}

export function campaignRow(s: CampaignState): CampaignRecord {
  return {
    ...s,
    startsAt: new Date(s.startsAt),
    endsAt: new Date(s.endsAt),
    createdAt: new Date(s.createdAt),
    updatedAt: new Date(s.updatedAt),
  };
}

export const campaignAggregate: Aggregate<CampaignRecord, CampaignState> = { name: 'campaign', entity: CampaignRecord, state: campaignState, row: campaignRow };

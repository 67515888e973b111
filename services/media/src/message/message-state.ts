import type { Channel } from '../channel/channel';

export enum MessageStatus {
  DRAFT = 'DRAFT',
  IN_REVIEW = 'IN_REVIEW',
  APPROVED = 'APPROVED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  SCHEDULED = 'SCHEDULED',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

/** Where the message came from. */
export enum MessageOrigin {
  AUTHORED = 'AUTHORED',
  KEY_MESSAGE = 'KEY_MESSAGE',
  PRESS_RELEASE = 'PRESS_RELEASE',
  FACT_SHEET = 'FACT_SHEET',
}

export interface Variant {
  channel: Channel;
  text: string;
  hashtags: string[];
  mediaRefs: string[];
  scheduledAt: string | null;
}

export interface Transition {
  at: string;
  by: string;
  byNode: string;
  from: MessageStatus | null;
  to: MessageStatus;
  comment: string | null;
  reviewId: string | null;
}

export interface MessageState {
  id: string;
  node: string;
  origin: MessageOrigin;
  campaignId: string | null;
  initiativeId: string | null;
  keyMessageId: string | null;
  bodyAr: string;
  bodyEn: string | null;
  variants: Variant[];
  status: MessageStatus;
  publishAt: string | null;
  publishedAt: string | null;
  /** Everyone who wrote the content: none of them may approve it. */
  authors: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  history: Transition[];
  version: number;
}

export interface VariantInput {
  channel: string;
  text: string;
  hashtags?: string[] | null;
  mediaRefs?: string[] | null;
  scheduledAt?: Date | null;
}

export interface MessageContent {
  bodyAr?: string | null;
  bodyEn?: string | null;
  campaignId?: string | null;
  initiativeId?: string | null;
  variants?: VariantInput[] | null;
}

export interface DraftMessage extends MessageContent {
  bodyAr: string;
  origin?: MessageOrigin;
  keyMessageId?: string | null;
}

import { MessageStatus, type Command } from '../../services/media/src/message/message';

const S = MessageStatus;

// DRAFT → IN_REVIEW → APPROVED | CHANGES_REQUESTED → SCHEDULED → PUBLISHED, and ARCHIVED; an edit
// after approval goes back to IN_REVIEW (services/media/README.md): each command, the states it
// starts from and the state it leads to; every other pair is INVALID_TRANSITION. Written by hand,
// so that the domain's own table is checked against it, in the unit tests and through the API.
export const STATES = [S.DRAFT, S.IN_REVIEW, S.APPROVED, S.CHANGES_REQUESTED, S.SCHEDULED, S.PUBLISHED, S.ARCHIVED];
export const LEGAL: Record<Command, Partial<Record<MessageStatus, MessageStatus>>> = {
  submit: { DRAFT: S.IN_REVIEW, CHANGES_REQUESTED: S.IN_REVIEW },
  approve: { IN_REVIEW: S.APPROVED },
  requestChanges: { IN_REVIEW: S.CHANGES_REQUESTED },
  schedule: { APPROVED: S.SCHEDULED },
  publish: { APPROVED: S.PUBLISHED, SCHEDULED: S.PUBLISHED },
  archive: { DRAFT: S.ARCHIVED, IN_REVIEW: S.ARCHIVED, CHANGES_REQUESTED: S.ARCHIVED, APPROVED: S.ARCHIVED, SCHEDULED: S.ARCHIVED, PUBLISHED: S.ARCHIVED },
  edit: { DRAFT: S.DRAFT, IN_REVIEW: S.IN_REVIEW, CHANGES_REQUESTED: S.CHANGES_REQUESTED, APPROVED: S.IN_REVIEW, SCHEDULED: S.IN_REVIEW },
};

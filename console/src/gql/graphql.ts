/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The six axes of municipal initiatives and campaigns. */
export type Axis =
  /** الخدمات الإلكترونية — e-services */
  | 'E_SERVICES'
  /** التوعية الصحية — health awareness */
  | 'HEALTH_AWARENESS'
  /** البنية التحتية — infrastructure */
  | 'INFRASTRUCTURE'
  /** الخدمات التفاعلية — interactive services */
  | 'INTERACTIVE_SERVICES'
  /** الرقابة — oversight and inspection */
  | 'OVERSIGHT'
  /** تحسين الإجراءات — procedure improvement */
  | 'PROCEDURE_IMPROVEMENT';

export type CalendarEntryKind =
  | 'CAMPAIGN_LAUNCH'
  | 'EVENT'
  | 'MILESTONE'
  | 'OCCASION'
  | 'PRESS_CONFERENCE';

/** A cancelled entry stays in the calendar, marked CANCELLED. */
export type CalendarEntryStatus =
  | 'CANCELLED'
  | 'CONFIRMED';

/** Every list given narrows the calendar; national occasions of every axis pass the axis, channel and audience filters. */
export type CalendarFilter = {
  /** Campaigns for one of these audiences, and their entries. */
  audience?: Array<string> | null | undefined;
  axis?: Array<Axis> | null | undefined;
  /** Campaigns on one of these channels, and their entries. */
  channel?: Array<string> | null | undefined;
  /** Cancelled campaigns and entries (default true: they stay visible). */
  includeCancelled?: boolean | null | undefined;
  /** Entries of these kinds only; campaigns are left out. */
  kind?: Array<CalendarEntryKind> | null | undefined;
  /** Owner nodes. */
  node?: Array<string> | null | undefined;
};

/** NATIONAL when the ministry owns the campaign, LOCAL when a municipality does. */
export type CampaignScope =
  | 'LOCAL'
  | 'NATIONAL';

/** DRAFT → SCHEDULED → LIVE → DONE, or CANCELLED. */
export type CampaignStatus =
  | 'CANCELLED'
  | 'DONE'
  | 'DRAFT'
  | 'LIVE'
  | 'SCHEDULED';

/** The channels a message goes out on. */
export type Channel =
  | 'INSTAGRAM'
  | 'OUTDOOR'
  | 'PRESS'
  | 'SMS'
  | 'SNAPCHAT'
  | 'TIKTOK'
  | 'WEBSITE'
  | 'X'
  | 'YOUTUBE';

/** The kinds of rule of the unified communication charter. */
export type CharterRuleKind =
  | 'ARABIC_REQUIRED'
  | 'BANNED_TERM'
  | 'LINK_DOMAIN_ALLOWLIST'
  | 'MAX_LENGTH'
  | 'REQUIRED_HASHTAG'
  | 'REQUIRED_MENTION';

export type ClashKind =
  /** A local campaign on the axis of a national campaign running at the same time. */
  | 'NATIONAL_CAMPAIGN'
  /** A local campaign during a national occasion of its axis, or of every axis. */
  | 'NATIONAL_OCCASION'
  /** Two campaigns of one node on the same axis, for a shared audience, at the same time. */
  | 'SAME_NODE';

/** Calendar days in Asia/Riyadh, both included. */
export type DateRangeInput = {
  from: string;
  to: string;
};

/** A month of the Umm al-Qura calendar, e.g. {year: 1447, month: 9} for Ramadan 1447. */
export type HijriMonthInput = {
  /** 1 (Muharram) to 12 (Dhu al-Hijjah). */
  month: number;
  year: number;
};

export type InitiativeFilter = {
  axis?: Array<Axis> | null | undefined;
  /** Initiatives rolling up to this national initiative. */
  nationalInitiative?: string | number | null | undefined;
  /** Owner nodes. */
  node?: Array<string> | null | undefined;
  /** RAG as of today (Asia/Riyadh), as `Initiative.rag` gives it; proposed and cancelled initiatives are not rated, so never match. */
  rag?: Array<Rag> | null | undefined;
  /** Arabic-aware search over codes, titles and descriptions; at most 200 characters. */
  search?: string | null | undefined;
  status?: Array<InitiativeStatus> | null | undefined;
};

/** PROPOSED → APPROVED → IN_PROGRESS → COMPLETED, with SUSPENDED and CANCELLED. */
export type InitiativeStatus =
  | 'APPROVED'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'IN_PROGRESS'
  | 'PROPOSED'
  | 'SUSPENDED';

/** Written here, localised from a key message, or generated press material. */
export type MessageOrigin =
  | 'AUTHORED'
  | 'FACT_SHEET'
  | 'KEY_MESSAGE'
  | 'PRESS_RELEASE';

/** DRAFT → IN_REVIEW → APPROVED | CHANGES_REQUESTED → SCHEDULED → PUBLISHED, and ARCHIVED. An edit after approval returns to IN_REVIEW. */
export type MessageStatus =
  | 'APPROVED'
  | 'ARCHIVED'
  | 'CHANGES_REQUESTED'
  | 'DRAFT'
  | 'IN_REVIEW'
  | 'PUBLISHED'
  | 'SCHEDULED';

/** LIVE: heard from within the threshold; STALE: heard from before, its data as last seen; SILENT: never heard from. */
export type NodeLiveness =
  | 'LIVE'
  | 'SILENT'
  | 'STALE';

/** Red/amber/green rating of implementation against plan. */
export type Rag =
  | 'AT_RISK'
  | 'OFF_TRACK'
  | 'ON_TRACK';

export type ReviewDecision =
  | 'APPROVE'
  | 'REQUEST_CHANGES';

/** Whether a review took effect on the message, as this node has the message. */
export type ReviewOutcome =
  /** The message carries the decision. */
  | 'APPLIED'
  /** The message changed before the decision reached its owner node: the decision did not take effect; review the message as it is now. */
  | 'NOT_APPLIED'
  /** Decided away from the owner node and not yet applied there, or its application not yet seen here. */
  | 'PENDING';

/** BLOCKING stops submission and approval; ADVISORY only informs. */
export type Severity =
  | 'ADVISORY'
  | 'BLOCKING';

export type ConsoleNodesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleNodesQuery = { nodes: Array<{ code: string, nameAr: string, nameEn: string, role: string, status: NodeLiveness, lastEventAt: string | null, lastHeartbeatAt: string | null, lagSeconds: number | null, eventsApplied: number }> };

export type CalendarMonthQueryVariables = Exact<{
  hijriMonth?: HijriMonthInput | null | undefined;
  range?: DateRangeInput | null | undefined;
  filter?: CalendarFilter | null | undefined;
}>;


export type CalendarMonthQuery = { calendar: { from: string, to: string, fromHijri: { year: number, month: number, day: number, ar: string, en: string }, toHijri: { year: number, month: number, day: number, ar: string, en: string }, items: Array<
      | { __typename: 'CalendarEntry', id: string, node: string, kind: CalendarEntryKind, titleAr: string, titleEn: string | null, descriptionAr: string | null, descriptionEn: string | null, occasionCode: string | null, allDay: boolean, startsAt: string, endsAt: string, startDate: string, endDate: string, location: string | null, campaignId: string | null, entryAxis: Axis | null, entryStatus: CalendarEntryStatus, startDateHijri: { ar: string, en: string }, endDateHijri: { ar: string, en: string } }
      | { __typename: 'Campaign', id: string, node: string, titleAr: string, titleEn: string | null, descriptionAr: string | null, descriptionEn: string | null, axis: Axis, scope: CampaignScope, status: CampaignStatus, channels: Array<string>, audiences: Array<string>, startsAt: string, endsAt: string, startsAtHijri: { ar: string, en: string }, lastDayHijri: { ar: string, en: string } }
    > }, clashes: Array<{ kind: ClashKind, node: string, axis: Axis, reasonAr: string, reasonEn: string, overlapFrom: string, overlapTo: string, campaign: { id: string }, otherCampaign: { id: string } | null, occasion: { id: string } | null }> };

export type ConsoleInitiativesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: InitiativeFilter | null | undefined;
}>;


export type ConsoleInitiativesQuery = { initiatives: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, node: string, code: string, titleAr: string, titleEn: string | null, axis: Axis, status: InitiativeStatus, rag: Rag | null, percentComplete: number, expectedProgress: number, lateDays: number, plannedStart: string, plannedEnd: string } }> } };

export type ConsoleInitiativeQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleInitiativeQuery = { initiative: { id: string, node: string, code: string, titleAr: string, titleEn: string | null, descriptionAr: string | null, descriptionEn: string | null, axis: Axis, status: InitiativeStatus, rag: Rag | null, percentComplete: number, expectedProgress: number, lateDays: number, plannedStart: string, plannedEnd: string, lastReportedAt: string | null, targets: Array<{ kpi: string, unit: string, targetValue: number }>, progressReports: Array<{ id: string, percentComplete: number, reportedAt: string, note: string | null }>, assessments: Array<{ id: string, weightedScore: number, assessedAt: string, assessedBy: string, note: string | null }>, campaigns: Array<{ id: string, titleAr: string, titleEn: string | null, status: CampaignStatus, scope: CampaignScope, startsAtHijri: { ar: string, en: string } }> | null, messages: Array<{ id: string, status: MessageStatus, bodyAr: string, bodyEn: string | null }> | null } | null };

export type ConsoleDashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleDashboardQuery = { nodes: Array<{ code: string, nameAr: string, nameEn: string, status: NodeLiveness, lastEventAt: string | null, lagSeconds: number | null, eventsApplied: number }>, sectorDashboard: { today: string, implementationByNode: Array<{ node: string, nodeNameAr: string, nodeNameEn: string, initiatives: number, averageProgress: number | null, late: number, averageLateDays: number | null, rag: { onTrack: number, atRisk: number, offTrack: number, notRated: number } }>, integrationRanking: Array<{ rank: number, score: number, node: string, initiativeId: string, initiative: { titleAr: string, titleEn: string | null, code: string } }> }, HEALTH_AWARENESS: { implementationByNode: Array<{ rag: { onTrack: number, atRisk: number, offTrack: number, notRated: number } }> }, E_SERVICES: { implementationByNode: Array<{ rag: { onTrack: number, atRisk: number, offTrack: number, notRated: number } }> }, INTERACTIVE_SERVICES: { implementationByNode: Array<{ rag: { onTrack: number, atRisk: number, offTrack: number, notRated: number } }> }, INFRASTRUCTURE: { implementationByNode: Array<{ rag: { onTrack: number, atRisk: number, offTrack: number, notRated: number } }> }, OVERSIGHT: { implementationByNode: Array<{ rag: { onTrack: number, atRisk: number, offTrack: number, notRated: number } }> }, PROCEDURE_IMPROVEMENT: { implementationByNode: Array<{ rag: { onTrack: number, atRisk: number, offTrack: number, notRated: number } }> } };

export type IssueFeedTokenMutationVariables = Exact<{ [key: string]: never; }>;


export type IssueFeedTokenMutation = { issueCalendarFeedToken: { token: string, expiresAt: string } };

export type ReviewQueueQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ReviewQueueQuery = { mediaMessages: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, node: string, version: number, status: MessageStatus, origin: MessageOrigin, bodyAr: string, bodyEn: string | null, authors: Array<string>, createdAt: string, campaign: { id: string, titleAr: string, titleEn: string | null, scope: CampaignScope } | null, initiative: { id: string, titleAr: string, titleEn: string | null } | null, variants: Array<{ channel: Channel, text: string, hashtags: Array<string>, mediaRefs: Array<string>, publishedText: string, length: number, limit: number, lengthAr: string, lengthEn: string }>, reviews: Array<{ id: string, decision: ReviewDecision, comment: string | null, reviewerId: string, reviewerNode: string, messageVersion: number, decidedAt: string, outcome: ReviewOutcome }>, violations: Array<{ ruleId: string, kind: CharterRuleKind, severity: Severity, channel: Channel, messageAr: string, messageEn: string, span: { start: number, end: number, text: string } | null }> } }> } };

export type ReviewMessageMutationVariables = Exact<{
  id: string | number;
  version: number;
  decision: ReviewDecision;
  comment?: string | null | undefined;
}>;


export type ReviewMessageMutation = { reviewMessage: { id: string, decision: ReviewDecision, messageId: string, message: { id: string, status: MessageStatus, version: number } | null } };

export type LiveInitiativesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type LiveInitiativesSubscription = { initiativeChanged: { id: string, node: string, code: string, titleAr: string, titleEn: string | null, status: InitiativeStatus, updatedAt: string, version: number } };

export type LiveCampaignsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type LiveCampaignsSubscription = { campaignChanged: { id: string, node: string, titleAr: string, titleEn: string | null, status: CampaignStatus, updatedAt: string, version: number } };

export type LiveMessagesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type LiveMessagesSubscription = { messageStatusChanged: { id: string, node: string, bodyAr: string, bodyEn: string | null, status: MessageStatus, updatedAt: string, version: number } };


export const ConsoleNodesDocument = {"__meta__":{"hash":"sha256:e8463114c523eb031626f792fd8dd6bc5dba3273879ced5bcaeca7bb37e6051a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleNodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"nameAr"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastEventAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastHeartbeatAt"}},{"kind":"Field","name":{"kind":"Name","value":"lagSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"eventsApplied"}}]}}]}}]} as unknown as DocumentNode<ConsoleNodesQuery, ConsoleNodesQueryVariables>;
export const CalendarMonthDocument = {"__meta__":{"hash":"sha256:47fbc2a8c7522abbe1607472a34345b005f743b57033ababb877fffc634dd11c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CalendarMonth"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hijriMonth"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"HijriMonthInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"range"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateRangeInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CalendarFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"calendar"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"hijriMonth"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hijriMonth"}}},{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"fromHijri"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"toHijri"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Campaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"node"}},{"kind":"Field","name":{"kind":"Name","value":"titleAr"}},{"kind":"Field","name":{"kind":"Name","value":"titleEn"}},{"kind":"Field","name":{"kind":"Name","value":"descriptionAr"}},{"kind":"Field","name":{"kind":"Name","value":"descriptionEn"}},{"kind":"Field","name":{"kind":"Name","value":"axis"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}},{"kind":"Field","name":{"kind":"Name","value":"audiences"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"startsAtHijri"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastDayHijri"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CalendarEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"node"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"titleAr"}},{"kind":"Field","name":{"kind":"Name","value":"titleEn"}},{"kind":"Field","name":{"kind":"Name","value":"descriptionAr"}},{"kind":"Field","name":{"kind":"Name","value":"descriptionEn"}},{"kind":"Field","alias":{"kind":"Name","value":"entryAxis"},"name":{"kind":"Name","value":"axis"}},{"kind":"Field","alias":{"kind":"Name","value":"entryStatus"},"name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"occasionCode"}},{"kind":"Field","name":{"kind":"Name","value":"allDay"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"campaignId"}},{"kind":"Field","name":{"kind":"Name","value":"startDateHijri"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"endDateHijri"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"clashes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"hijriMonth"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hijriMonth"}}},{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"node"}},{"kind":"Field","name":{"kind":"Name","value":"axis"}},{"kind":"Field","name":{"kind":"Name","value":"reasonAr"}},{"kind":"Field","name":{"kind":"Name","value":"reasonEn"}},{"kind":"Field","name":{"kind":"Name","value":"overlapFrom"}},{"kind":"Field","name":{"kind":"Name","value":"overlapTo"}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"otherCampaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"occasion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<CalendarMonthQuery, CalendarMonthQueryVariables>;
export const ConsoleInitiativesDocument = {"__meta__":{"hash":"sha256:0757b090d7dec90e39d389e2e94bc32c6f52151240c47aafb8f3d0442274926d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleInitiatives"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InitiativeFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"initiatives"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"node"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"titleAr"}},{"kind":"Field","name":{"kind":"Name","value":"titleEn"}},{"kind":"Field","name":{"kind":"Name","value":"axis"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rag"}},{"kind":"Field","name":{"kind":"Name","value":"percentComplete"}},{"kind":"Field","name":{"kind":"Name","value":"expectedProgress"}},{"kind":"Field","name":{"kind":"Name","value":"lateDays"}},{"kind":"Field","name":{"kind":"Name","value":"plannedStart"}},{"kind":"Field","name":{"kind":"Name","value":"plannedEnd"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleInitiativesQuery, ConsoleInitiativesQueryVariables>;
export const ConsoleInitiativeDocument = {"__meta__":{"hash":"sha256:b88b3ad17d381ba5026c04b1dc5d940bdc0d9f16ded278ae6a944a61f1c89484"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleInitiative"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"initiative"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"node"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"titleAr"}},{"kind":"Field","name":{"kind":"Name","value":"titleEn"}},{"kind":"Field","name":{"kind":"Name","value":"descriptionAr"}},{"kind":"Field","name":{"kind":"Name","value":"descriptionEn"}},{"kind":"Field","name":{"kind":"Name","value":"axis"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rag"}},{"kind":"Field","name":{"kind":"Name","value":"percentComplete"}},{"kind":"Field","name":{"kind":"Name","value":"expectedProgress"}},{"kind":"Field","name":{"kind":"Name","value":"lateDays"}},{"kind":"Field","name":{"kind":"Name","value":"plannedStart"}},{"kind":"Field","name":{"kind":"Name","value":"plannedEnd"}},{"kind":"Field","name":{"kind":"Name","value":"lastReportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"targetValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progressReports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"percentComplete"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assessments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"weightedScore"}},{"kind":"Field","name":{"kind":"Name","value":"assessedAt"}},{"kind":"Field","name":{"kind":"Name","value":"assessedBy"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"titleAr"}},{"kind":"Field","name":{"kind":"Name","value":"titleEn"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"startsAtHijri"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"bodyAr"}},{"kind":"Field","name":{"kind":"Name","value":"bodyEn"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleInitiativeQuery, ConsoleInitiativeQueryVariables>;
export const ConsoleDashboardDocument = {"__meta__":{"hash":"sha256:1185a08beeca7a16ee1f3ec6e4134da141fcce6011c3bea4e37578050132b1e9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleDashboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"nameAr"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastEventAt"}},{"kind":"Field","name":{"kind":"Name","value":"lagSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"eventsApplied"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sectorDashboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"today"}},{"kind":"Field","name":{"kind":"Name","value":"implementationByNode"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"}},{"kind":"Field","name":{"kind":"Name","value":"nodeNameAr"}},{"kind":"Field","name":{"kind":"Name","value":"nodeNameEn"}},{"kind":"Field","name":{"kind":"Name","value":"initiatives"}},{"kind":"Field","name":{"kind":"Name","value":"averageProgress"}},{"kind":"Field","name":{"kind":"Name","value":"late"}},{"kind":"Field","name":{"kind":"Name","value":"averageLateDays"}},{"kind":"Field","name":{"kind":"Name","value":"rag"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"onTrack"}},{"kind":"Field","name":{"kind":"Name","value":"atRisk"}},{"kind":"Field","name":{"kind":"Name","value":"offTrack"}},{"kind":"Field","name":{"kind":"Name","value":"notRated"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"integrationRanking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"node"}},{"kind":"Field","name":{"kind":"Name","value":"initiativeId"}},{"kind":"Field","name":{"kind":"Name","value":"initiative"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"titleAr"}},{"kind":"Field","name":{"kind":"Name","value":"titleEn"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"HEALTH_AWARENESS"},"name":{"kind":"Name","value":"sectorDashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"axis"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"HEALTH_AWARENESS"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"implementationByNode"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rag"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"onTrack"}},{"kind":"Field","name":{"kind":"Name","value":"atRisk"}},{"kind":"Field","name":{"kind":"Name","value":"offTrack"}},{"kind":"Field","name":{"kind":"Name","value":"notRated"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"E_SERVICES"},"name":{"kind":"Name","value":"sectorDashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"axis"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"E_SERVICES"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"implementationByNode"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rag"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"onTrack"}},{"kind":"Field","name":{"kind":"Name","value":"atRisk"}},{"kind":"Field","name":{"kind":"Name","value":"offTrack"}},{"kind":"Field","name":{"kind":"Name","value":"notRated"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"INTERACTIVE_SERVICES"},"name":{"kind":"Name","value":"sectorDashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"axis"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"INTERACTIVE_SERVICES"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"implementationByNode"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rag"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"onTrack"}},{"kind":"Field","name":{"kind":"Name","value":"atRisk"}},{"kind":"Field","name":{"kind":"Name","value":"offTrack"}},{"kind":"Field","name":{"kind":"Name","value":"notRated"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"INFRASTRUCTURE"},"name":{"kind":"Name","value":"sectorDashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"axis"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"INFRASTRUCTURE"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"implementationByNode"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rag"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"onTrack"}},{"kind":"Field","name":{"kind":"Name","value":"atRisk"}},{"kind":"Field","name":{"kind":"Name","value":"offTrack"}},{"kind":"Field","name":{"kind":"Name","value":"notRated"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"OVERSIGHT"},"name":{"kind":"Name","value":"sectorDashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"axis"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"OVERSIGHT"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"implementationByNode"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rag"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"onTrack"}},{"kind":"Field","name":{"kind":"Name","value":"atRisk"}},{"kind":"Field","name":{"kind":"Name","value":"offTrack"}},{"kind":"Field","name":{"kind":"Name","value":"notRated"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"PROCEDURE_IMPROVEMENT"},"name":{"kind":"Name","value":"sectorDashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"axis"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"PROCEDURE_IMPROVEMENT"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"implementationByNode"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rag"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"onTrack"}},{"kind":"Field","name":{"kind":"Name","value":"atRisk"}},{"kind":"Field","name":{"kind":"Name","value":"offTrack"}},{"kind":"Field","name":{"kind":"Name","value":"notRated"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleDashboardQuery, ConsoleDashboardQueryVariables>;
export const IssueFeedTokenDocument = {"__meta__":{"hash":"sha256:05289bec7797819eeaaccae55610bc5ef6b43f2aa31c168b5b3f8f52d3fe6bfc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IssueFeedToken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issueCalendarFeedToken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<IssueFeedTokenMutation, IssueFeedTokenMutationVariables>;
export const ReviewQueueDocument = {"__meta__":{"hash":"sha256:cada5f1d22852ed17d5d4695c0091f1961f73d8e25d7769ea99648dea5662bd9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReviewQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mediaMessages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"IN_REVIEW"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"node"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}},{"kind":"Field","name":{"kind":"Name","value":"bodyAr"}},{"kind":"Field","name":{"kind":"Name","value":"bodyEn"}},{"kind":"Field","name":{"kind":"Name","value":"authors"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"titleAr"}},{"kind":"Field","name":{"kind":"Name","value":"titleEn"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}}]}},{"kind":"Field","name":{"kind":"Name","value":"initiative"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"titleAr"}},{"kind":"Field","name":{"kind":"Name","value":"titleEn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"variants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"hashtags"}},{"kind":"Field","name":{"kind":"Name","value":"mediaRefs"}},{"kind":"Field","name":{"kind":"Name","value":"publishedText"}},{"kind":"Field","name":{"kind":"Name","value":"length"}},{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"lengthAr"}},{"kind":"Field","name":{"kind":"Name","value":"lengthEn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reviews"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"reviewerId"}},{"kind":"Field","name":{"kind":"Name","value":"reviewerNode"}},{"kind":"Field","name":{"kind":"Name","value":"messageVersion"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"violations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ruleId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"messageAr"}},{"kind":"Field","name":{"kind":"Name","value":"messageEn"}},{"kind":"Field","name":{"kind":"Name","value":"span"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReviewQueueQuery, ReviewQueueQueryVariables>;
export const ReviewMessageDocument = {"__meta__":{"hash":"sha256:59bf9112a7e54fa697da16af1151b89db4a61cb1a7ddd5ad71ac51dc597f0356"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReviewMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"decision"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReviewDecision"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"comment"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviewMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"decision"},"value":{"kind":"Variable","name":{"kind":"Name","value":"decision"}}},{"kind":"Argument","name":{"kind":"Name","value":"comment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"comment"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"message"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<ReviewMessageMutation, ReviewMessageMutationVariables>;
export const LiveInitiativesDocument = {"__meta__":{"hash":"sha256:099a599e07330bb968c5c2a1c1cce759fec08a312d28d15c7d0e90ae9837de5b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveInitiatives"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"initiativeChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"node"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"titleAr"}},{"kind":"Field","name":{"kind":"Name","value":"titleEn"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<LiveInitiativesSubscription, LiveInitiativesSubscriptionVariables>;
export const LiveCampaignsDocument = {"__meta__":{"hash":"sha256:329ebecdeaf7b11ee9bbf2196c2deb5e2fe261276bd3aaa2cc317a6e0aa75a8d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveCampaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaignChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"node"}},{"kind":"Field","name":{"kind":"Name","value":"titleAr"}},{"kind":"Field","name":{"kind":"Name","value":"titleEn"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<LiveCampaignsSubscription, LiveCampaignsSubscriptionVariables>;
export const LiveMessagesDocument = {"__meta__":{"hash":"sha256:643a60907a89cdfc488147dc916fabf59b9ba98c4002c8808a5fdf042e77bbe4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveMessages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageStatusChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"node"}},{"kind":"Field","name":{"kind":"Name","value":"bodyAr"}},{"kind":"Field","name":{"kind":"Name","value":"bodyEn"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<LiveMessagesSubscription, LiveMessagesSubscriptionVariables>;
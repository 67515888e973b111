import type { EntityManager, EntityName } from '@mikro-orm/postgresql';
import { MINISTRY } from '../domain/sector';
import { DomainError, forbidden } from '../domain/errors';
import { requireCaller, rolesInArabic, ROLES, type Caller, type Role } from './caller';

/** Where the record is, seen from the caller: their own node's, another municipality's, or (for the ministry) any. */
export type Reach = 'own' | 'other' | 'ministry';

export interface Permission {
  description: string;
  /** Per role, the reaches it may act in. */
  roles: Partial<Record<Role, Reach[]>>;
  /** The record must belong to this node (e.g. criteria are the ministry's). */
  ownerOnly?: typeof MINISTRY;
  /** The root fields that perform the action; the gateway checks roles on them before planning. */
  fields: string[];
}

const ALL: Reach[] = ['own', 'other', 'ministry'];
const everyone = Object.fromEntries(ROLES.map((r) => [r, ALL])) as Record<Role, Reach[]>;

/**
 * The permission matrix: role × reach × action. Services enforce it on every call; the gateway
 * checks roles first. docs/frontend.md shows the same table.
 */
export const PERMISSIONS = {
  'initiatives.read': {
    description: 'read initiatives, progress, criteria and assessments',
    roles: everyone,
    fields: [
      'initiative',
      'initiatives',
      'nationalInitiatives',
      'integrationCriteria',
      'sectorDashboard',
      'similarInitiatives',
      'duplicateCandidates',
      'initiativeChanged',
      'nodes',
    ],
  },
  'initiative.write': {
    description: 'propose, edit, change the status of and report progress on an initiative',
    roles: { editor: ['own'], admin: ['own'] },
    fields: ['proposeInitiative', 'updateInitiative', 'changeInitiativeStatus', 'reportProgress'],
  },
  'initiative.assess': {
    description: 'score an initiative against the integration criteria',
    roles: { reviewer: ['own', 'ministry'], admin: ['own', 'ministry'] },
    fields: ['assessInitiative'],
  },
  'criterion.define': {
    description: 'define an integration criterion',
    roles: { admin: ['own'] },
    ownerOnly: MINISTRY,
    fields: ['defineIntegrationCriterion'],
  },
  'media.read': {
    description: 'read messages, the charter, key messages and channel rules',
    roles: everyone,
    fields: [
      'mediaMessage',
      'mediaMessages',
      'checkMessage',
      'measureText',
      'channelRules',
      'charterRules',
      'keyMessages',
      'keyMessage',
      'keyMessagePlaceholders',
      'messageStatusChanged',
    ],
  },
  'message.write': {
    description: 'draft, edit, submit, schedule, publish or archive a media message, or generate press material',
    roles: { editor: ['own'], admin: ['own'] },
    fields: [
      'draftMessage',
      'editMessage',
      'submitMessage',
      'scheduleMessage',
      'publishMessage',
      'archiveMessage',
      'localiseKeyMessage',
      'pressRelease',
      'sectorFactSheet',
    ],
  },
  'message.review': {
    description: 'approve a media message or request changes (the ministry: messages of national campaigns)',
    roles: { reviewer: ['own', 'ministry'] },
    fields: ['reviewMessage'],
  },
  'charter.define': {
    description: 'define, revise or retire a rule of the communication charter',
    roles: { admin: ['own'] },
    ownerOnly: MINISTRY,
    fields: ['defineCharterRule', 'reviseCharterRule', 'retireCharterRule'],
  },
  'keymessage.define': {
    description: 'write, revise or retire a key message',
    roles: { editor: ['own'], admin: ['own'] },
    ownerOnly: MINISTRY,
    fields: ['defineKeyMessage', 'reviseKeyMessage', 'retireKeyMessage'],
  },
  'drafts.read': {
    description: 'read campaigns in DRAFT and media messages not yet approved (DRAFT, IN_REVIEW, CHANGES_REQUESTED); to anyone else they are not there',
    roles: { viewer: ['own'], editor: ['own'], reviewer: ['own', 'ministry'], admin: ['own', 'ministry'], analyst: ['own'] },
    fields: [],
  },
  'calendar.read': {
    description: 'read campaigns, calendar entries, the calendar and its clashes, the national occasions and the Hijri dates of days',
    roles: everyone,
    fields: ['campaign', 'campaigns', 'calendarEntry', 'calendar', 'clashes', 'campaignChanged', 'sectorOccasions', 'gregorianToHijri', 'hijriToGregorian'],
  },
  'campaign.write': {
    description: 'draft, edit, schedule, reschedule, cancel or change the status of a campaign',
    roles: { editor: ['own'], admin: ['own'] },
    fields: ['draftCampaign', 'updateCampaign', 'scheduleCampaign', 'rescheduleCampaign', 'cancelCampaign', 'changeCampaignStatus'],
  },
  'calendarentry.write': {
    description: 'add, move or cancel a calendar entry',
    roles: { editor: ['own'], admin: ['own'] },
    fields: ['addCalendarEntry', 'moveCalendarEntry', 'cancelCalendarEntry'],
  },
  'calendarfeed.token': {
    description: 'issue one’s own read-only calendar feed token',
    roles: Object.fromEntries(ROLES.map((r) => [r, ['own']])) as Record<Role, Reach[]>,
    fields: ['issueCalendarFeedToken'],
  },
  'occasions.generate': {
    description: 'generate the national occasions of a Hijri year',
    roles: { admin: ['own'] },
    ownerOnly: MINISTRY,
    fields: ['generateNationalOccasions'],
  },
  'events.subscribe': {
    description: "subscribe to the event streams (a municipality's own events and the ministry's; the ministry's callers, every node's)",
    roles: { analyst: ['own', 'ministry'], admin: ['own', 'ministry'] },
    fields: ['events'],
  },
} satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;

export function reachOf(callerNode: string, ownerNode: string): Reach {
  if (callerNode === ownerNode) return 'own';
  return callerNode === MINISTRY ? 'ministry' : 'other';
}

/** Whether the table lets `caller` do `action` on a record of `ownerNode`. */
export function allows(caller: Caller, action: Action, ownerNode: string): boolean {
  const p: Permission = PERMISSIONS[action];
  if (p.ownerOnly && ownerNode !== p.ownerOnly) return false;
  const reach = reachOf(caller.node, ownerNode);
  return caller.roles.some((r) => p.roles[r]?.includes(reach));
}

/** The caller, if they hold a role that may perform `action` somewhere; else FORBIDDEN. */
export function requireRoleFor(caller: Caller | null, action: Action): Caller {
  const c = requireCaller(caller);
  const p: Permission = PERMISSIONS[action];
  if (c.roles.some((r) => p.roles[r])) return c;
  const roles = Object.keys(p.roles);
  throw forbidden({ en: `To ${p.description} you need one of the roles: ${roles.join(', ')}.`, ar: `يتطلب هذا الإجراء دور ${rolesInArabic(roles)}.` });
}

/**
 * The caller, if the matrix lets them do `action` on a record owned by `ownerNode`; else FORBIDDEN.
 * With `writingAt`, the caller must also belong to that node: every node writes only its own records.
 */
export function authorize(caller: Caller | null, action: Action, ownerNode: string, writingAt?: string): Caller {
  const c = requireRoleFor(caller, action);
  if (writingAt && c.node !== writingAt) {
    throw new DomainError('FORBIDDEN', {
      en: `You belong to "${c.node}": make changes through your own node, not "${writingAt}".`,
      ar: `أنت تتبع "${c.node}": أجرِ التعديلات عبر عقدتك لا عبر "${writingAt}".`,
    });
  }
  if (allows(c, action, ownerNode)) return c;
  const p: Permission = PERMISSIONS[action];
  // what only one node's records may be (the ministry's definitions): say so, rather than name the caller's own node as the owner
  if (p.ownerOnly && ownerNode !== p.ownerOnly) {
    throw new DomainError('FORBIDDEN', {
      en: `Only "${p.ownerOnly}" may ${p.description}: such records are its own.`,
      ar: `لا يملك تنفيذ هذا الإجراء إلا "${p.ownerOnly}"، فهذه السجلات تخصه وحده.`,
    });
  }
  throw new DomainError('FORBIDDEN', {
    en: `As a caller of "${c.node}" you cannot ${p.description} on a record of "${ownerNode}".`,
    ar: `بصفتك من "${c.node}" لا يمكنك تنفيذ هذا الإجراء على سجل يخص "${ownerNode}".`,
  });
}

/** The nodes whose unpublished records the caller may read: 'all' for the ministry's reviewers and admins. */
export function unpublishedReadableBy(caller: Caller | null): 'all' | string[] {
  if (!caller) return [];
  const p: Permission = PERMISSIONS['drafts.read'];
  if (caller.node === MINISTRY && caller.roles.some((r) => p.roles[r]?.includes('ministry'))) return 'all';
  return caller.roles.some((r) => p.roles[r]?.includes('own')) ? [caller.node] : [];
}

/** Leaves unpublished records (`status` among `unpublished`) the caller may not read out of every read of this request's entity manager. */
export function hideUnpublished(em: EntityManager, caller: Caller | null, entity: EntityName<object>, unpublished: readonly string[]): void {
  const readable = unpublishedReadableBy(caller);
  if (readable === 'all') return;
  em.addFilter('unpublished', { $or: [{ status: { $nin: [...unpublished] } }, { node: { $in: readable } }] }, entity, true);
}

/** Records not yet published, by the prefix of their events' types: the statuses in which only some callers see them. */
export type Unpublished = Readonly<Record<string, readonly string[]>>;

/**
 * Whether an event shows the caller a record they may not read yet: a state among its unpublished
 * statuses, of a node whose unpublished records the caller may not read (as hideUnpublished leaves them out of reads).
 */
export function unpublishedEventHiddenFrom(caller: Caller | null, unpublished: Unpublished): (e: { type: string; node: string; data: unknown }) => boolean {
  const readable = unpublishedReadableBy(caller);
  return (e) => {
    if (readable === 'all' || readable.includes(e.node)) return false;
    const prefix = Object.keys(unpublished).find((p) => e.type.startsWith(p));
    const status = (e.data as { state?: { status?: unknown } } | null)?.state?.status;
    return prefix !== undefined && typeof status === 'string' && unpublished[prefix].includes(status);
  };
}

/** The roles that may perform some action through a root field, for the gateway's first check. */
export function rolesForField(field: string): Role[] | undefined {
  for (const p of Object.values(PERMISSIONS) as Permission[]) {
    if (p.fields.includes(field)) return Object.keys(p.roles) as Role[];
  }
  return undefined;
}

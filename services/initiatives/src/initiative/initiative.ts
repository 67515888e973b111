import {
  type Acting,
  type Actor,
  Axis,
  badInput,
  closedTo,
  boundedNumber,
  Lifecycle,
  localDate,
  MINISTRY,
  normalizeArabic,
  optionalText,
  period,
  requireChange,
  requiredText,
} from '../../../kernel/src/domain';
import { eventType, type DomainEvent } from '../../../kernel/src/events';

export enum InitiativeStatus {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  SUSPENDED = 'SUSPENDED',
  CANCELLED = 'CANCELLED',
}

const S = InitiativeStatus;
export const initiativeLifecycle = new Lifecycle<InitiativeStatus>('initiative', {
  PROPOSED: [S.APPROVED, S.CANCELLED],
  APPROVED: [S.IN_PROGRESS, S.SUSPENDED, S.CANCELLED],
  IN_PROGRESS: [S.COMPLETED, S.SUSPENDED, S.CANCELLED],
  SUSPENDED: [S.APPROVED, S.IN_PROGRESS, S.CANCELLED],
  COMPLETED: [],
  CANCELLED: [],
});

/** The status an initiative is in, as its people say it: in refusals and in press texts. */
export const initiativeStatusWords: Record<InitiativeStatus, { ar: string; en: string }> = {
  PROPOSED: { ar: 'مقترحة', en: 'proposed' },
  APPROVED: { ar: 'معتمدة', en: 'approved' },
  IN_PROGRESS: { ar: 'قيد التنفيذ', en: 'in progress' },
  COMPLETED: { ar: 'مكتملة', en: 'completed' },
  SUSPENDED: { ar: 'معلّقة', en: 'suspended' },
  CANCELLED: { ar: 'ملغاة', en: 'cancelled' },
};

/** The verb an analyst reads in the event type for each status change. */
function statusVerb(from: InitiativeStatus, to: InitiativeStatus): string {
  if (from === S.SUSPENDED && to !== S.CANCELLED) return 'resumed';
  return { PROPOSED: 'proposed', APPROVED: 'approved', IN_PROGRESS: 'started', COMPLETED: 'completed', SUSPENDED: 'suspended', CANCELLED: 'cancelled' }[to];
}

export interface Target {
  kpi: string;
  unit: string;
  targetValue: number;
  /** The KPI and its unit in English, for English texts; absent from events of earlier versions. */
  kpiEn?: string | null;
  unitEn?: string | null;
}

export interface InitiativeState {
  id: string;
  node: string;
  code: string;
  titleAr: string;
  titleEn: string | null;
  descriptionAr: string | null;
  descriptionEn: string | null;
  axis: Axis;
  nationalInitiativeId: string | null;
  status: InitiativeStatus;
  plannedStart: string;
  plannedEnd: string;
  targets: Target[];
  percentComplete: number;
  lastReportedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface InitiativeFields {
  titleAr: string;
  titleEn?: string | null;
  descriptionAr?: string | null;
  descriptionEn?: string | null;
  axis: Axis;
  nationalInitiativeId?: string | null;
  plannedStart: string;
  plannedEnd: string;
  targets?: Target[] | null;
}

export interface ProposeInitiative extends InitiativeFields {
  code: string;
}

/** The parent named by a proposal or update, as found in the database. */
export interface ParentInitiative {
  id: string;
  node: string;
  nationalInitiativeId: string | null;
}

export type InitiativeEvent = DomainEvent<{ state: InitiativeState; change: Record<string, unknown> }>;

const L = {
  code: { en: 'The code', ar: 'الرمز' },
  titleAr: { en: 'The Arabic title', ar: 'العنوان العربي' },
  titleEn: { en: 'The English title', ar: 'العنوان الإنجليزي' },
  descriptionAr: { en: 'The Arabic description', ar: 'الوصف العربي' },
  descriptionEn: { en: 'The English description', ar: 'الوصف الإنجليزي' },
  plannedStart: { en: 'The planned start', ar: 'تاريخ البدء المخطط' },
  plannedEnd: { en: 'The planned end', ar: 'تاريخ الانتهاء المخطط' },
  kpi: { en: 'The KPI name', ar: 'اسم المؤشر' },
  unit: { en: 'The KPI unit', ar: 'وحدة المؤشر' },
  kpiEn: { en: 'The English KPI name', ar: 'اسم المؤشر بالإنجليزية' },
  unitEn: { en: 'The English KPI unit', ar: 'وحدة المؤشر بالإنجليزية' },
  targetValue: { en: 'The target value', ar: 'القيمة المستهدفة' },
};

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/;
export const MAX_TARGETS = 20;

function validCode(code: string): string {
  const c = code.trim();
  if (!CODE.test(c)) {
    throw badInput('code', {
      en: 'The code must be 2 to 40 letters, digits, dots, dashes or underscores, e.g. RUH-2026-014.',
      ar: 'يجب أن يتكون الرمز من 2 إلى 40 حرفاً لاتينياً أو رقماً أو نقطة أو شرطة، مثل RUH-2026-014.',
    });
  }
  return c.toUpperCase();
}

function validTargets(targets: Target[] | null | undefined): Target[] {
  const list = targets ?? [];
  if (list.length > MAX_TARGETS) {
    throw badInput('targets', { en: `At most ${MAX_TARGETS} targets.`, ar: `الحد الأقصى ${MAX_TARGETS} مؤشراً.` });
  }
  const seen = new Set<string>();
  return list.map((t, i) => {
    const kpi = requiredText(`targets.${i}.kpi`, t.kpi, { label: L.kpi, max: 200 });
    const key = normalizeArabic(kpi);
    if (seen.has(key)) throw badInput(`targets.${i}.kpi`, { en: `The KPI "${kpi}" is listed twice.`, ar: `المؤشر "${kpi}" مكرر.` });
    seen.add(key);
    const kpiEn = optionalText(`targets.${i}.kpiEn`, t.kpiEn, { label: L.kpiEn, max: 200 });
    const unitEn = optionalText(`targets.${i}.unitEn`, t.unitEn, { label: L.unitEn, max: 50 });
    // English names only when given, so a target saved without them is unchanged when saved again
    return {
      kpi,
      unit: requiredText(`targets.${i}.unit`, t.unit, { label: L.unit, max: 50 }),
      targetValue: boundedNumber(`targets.${i}.targetValue`, t.targetValue, 0, 1e12, L.targetValue),
      ...(kpiEn ? { kpiEn } : {}),
      ...(unitEn ? { unitEn } : {}),
    };
  });
}

/** A national initiative is one the ministry owns and that rolls up to nothing else. */
function validParent(node: string, parentId: string | null | undefined, parent: ParentInitiative | null, selfId?: string): string | null {
  if (!parentId) return null;
  if (node === MINISTRY) {
    throw badInput('nationalInitiativeId', {
      en: 'A national initiative cannot itself roll up to another national initiative.',
      ar: 'لا يمكن ربط مبادرة وطنية بمبادرة وطنية أخرى.',
    });
  }
  if (!parent || parent.id === selfId) {
    throw badInput('nationalInitiativeId', { en: `No national initiative with id ${parentId}.`, ar: `لا توجد مبادرة وطنية بالمعرّف ${parentId}.` });
  }
  if (parent.node !== MINISTRY || parent.nationalInitiativeId) {
    throw badInput('nationalInitiativeId', {
      en: 'The parent must be a national initiative owned by the ministry.',
      ar: 'يجب أن تكون المبادرة الأم مبادرة وطنية تملكها الوزارة.',
    });
  }
  return parent.id;
}

function validFields(f: InitiativeFields, node: string, parent: ParentInitiative | null, selfId?: string) {
  const titleAr = requiredText('titleAr', f.titleAr, { label: L.titleAr, max: 300, arabic: true });
  const plannedStart = localDate('plannedStart', f.plannedStart, L.plannedStart);
  const plannedEnd = localDate('plannedEnd', f.plannedEnd, L.plannedEnd);
  period('plannedStart', plannedStart, 'plannedEnd', plannedEnd);
  if (!Object.values(Axis).includes(f.axis)) {
    throw badInput('axis', { en: `Unknown axis "${f.axis}".`, ar: `المحور "${f.axis}" غير معروف.` });
  }
  return {
    titleAr,
    titleEn: optionalText('titleEn', f.titleEn, { label: L.titleEn, max: 300 }),
    descriptionAr: optionalText('descriptionAr', f.descriptionAr, { label: L.descriptionAr, max: 5000, multiline: true }),
    descriptionEn: optionalText('descriptionEn', f.descriptionEn, { label: L.descriptionEn, max: 5000, multiline: true }),
    axis: f.axis,
    nationalInitiativeId: validParent(node, f.nationalInitiativeId, parent, selfId),
    plannedStart,
    plannedEnd,
    targets: validTargets(f.targets),
  };
}

/** Proposes a new initiative at the acting node. */
export function proposeInitiative(cmd: ProposeInitiative, parent: ParentInitiative | null, a: Acting): InitiativeEvent {
  const now = a.now.toISOString();
  const state: InitiativeState = {
    id: a.id,
    node: a.node,
    code: validCode(cmd.code),
    ...validFields(cmd, a.node, parent),
    status: S.PROPOSED,
    percentComplete: 0,
    lastReportedAt: null,
    createdBy: a.by,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  return { type: eventType('initiative', 'proposed'), subject: state.id, aggregateVersion: 1, data: { state, change: { ...state } } };
}

const EDITABLE = ['titleAr', 'titleEn', 'descriptionAr', 'descriptionEn', 'axis', 'nationalInitiativeId', 'plannedStart', 'plannedEnd', 'targets'] as const;

/** Changes the descriptive fields; a finished initiative is no longer edited. */
export function updateInitiative(
  state: InitiativeState,
  patch: Partial<InitiativeFields>,
  parent: ParentInitiative | null,
  a: Pick<Actor, 'by' | 'now'>,
): InitiativeEvent {
  if (initiativeLifecycle.isFinal(state.status)) {
    throw closedTo({ en: `A ${state.status.toLowerCase()} initiative can no longer be edited.`, ar: 'لا يمكن تعديل مبادرة مكتملة أو ملغاة.' }, state.status);
  }
  const merged: InitiativeFields = { ...state };
  for (const k of EDITABLE) if (patch[k] !== undefined) (merged as unknown as Record<string, unknown>)[k] = patch[k];
  const fields = validFields(merged, state.node, parent, state.id);
  const change: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of EDITABLE) {
    if (JSON.stringify(state[k]) !== JSON.stringify(fields[k])) change[k] = { from: state[k], to: fields[k] };
  }
  requireChange(change);
  const next: InitiativeState = { ...state, ...fields, version: state.version + 1, updatedAt: a.now.toISOString() };
  return { type: eventType('initiative', 'updated'), subject: state.id, aggregateVersion: next.version, data: { state: next, change } };
}

/** Moves the initiative along its lifecycle; an illegal move is INVALID_TRANSITION. */
export function changeInitiativeStatus(
  state: InitiativeState,
  to: InitiativeStatus,
  reason: string | null | undefined,
  a: Pick<Actor, 'by' | 'now'>,
): InitiativeEvent {
  initiativeLifecycle.assert(state.status, to);
  const why = optionalText('reason', reason, { label: { en: 'The reason', ar: 'السبب' }, max: 1000, multiline: true });
  const next: InitiativeState = { ...state, status: to, version: state.version + 1, updatedAt: a.now.toISOString() };
  return {
    type: eventType('initiative', statusVerb(state.status, to)),
    subject: state.id,
    aggregateVersion: next.version,
    data: { state: next, change: { status: { from: state.status, to }, reason: why, by: a.by } },
  };
}

/** Text the search indexes: every name and description, normalised once. */
export function searchText(s: Pick<InitiativeState, 'code' | 'titleAr' | 'titleEn' | 'descriptionAr' | 'descriptionEn'>): string {
  return normalizeArabic([s.code, s.titleAr, s.titleEn, s.descriptionAr, s.descriptionEn].filter(Boolean).join(' '));
}

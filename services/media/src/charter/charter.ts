import { extractHashtags, extractMentions, extractUrlsWithIndices } from 'twitter-text';
import {
  counted,
  cutShort,
  figure,
  MINISTRY,
  badInput,
  containsArabic,
  normalizeArabic,
  optionalText,
  requiredText,
  validId,
  type Acting,
  type Message,
} from '../../../kernel/src/domain';
import { eventType, type DomainEvent } from '../../../kernel/src/events';
import { CHANNEL_RULES, type Channel, UNIT, channelName, measure, overflowOffset, validChannel } from '../channel/channel';
import { findTerm, type Span } from './arabic-match';

/** The kinds of rule the unified communication charter (ميثاق التواصل الموحد) is made of. */
export enum CharterRuleKind {
  REQUIRED_HASHTAG = 'REQUIRED_HASHTAG',
  BANNED_TERM = 'BANNED_TERM',
  REQUIRED_MENTION = 'REQUIRED_MENTION',
  MAX_LENGTH = 'MAX_LENGTH',
  ARABIC_REQUIRED = 'ARABIC_REQUIRED',
  LINK_DOMAIN_ALLOWLIST = 'LINK_DOMAIN_ALLOWLIST',
}

export enum Severity {
  BLOCKING = 'BLOCKING',
  ADVISORY = 'ADVISORY',
}

/** What a rule needs, by kind; fields a kind does not use stay null. */
export interface CharterRuleParams {
  hashtag: string | null;
  campaignId: string | null;
  term: string | null;
  variants: string[];
  mention: string | null;
  maxLength: number | null;
  domains: string[];
}

export interface CharterRuleState {
  id: string;
  node: string;
  kind: CharterRuleKind;
  severity: Severity;
  /** The channels it applies to; empty means every channel. */
  channels: Channel[];
  params: CharterRuleParams;
  noteAr: string | null;
  noteEn: string | null;
  active: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CharterRuleInput {
  kind: CharterRuleKind;
  severity: Severity;
  channels?: string[] | null;
  hashtag?: string | null;
  campaignId?: string | null;
  term?: string | null;
  variants?: string[] | null;
  mention?: string | null;
  maxLength?: number | null;
  domains?: string[] | null;
  noteAr?: string | null;
  noteEn?: string | null;
}

export interface Violation {
  ruleId: string;
  kind: CharterRuleKind;
  severity: Severity;
  channel: Channel;
  message: Message;
  span: (Span & { text: string }) | null;
}

/** What is checked: one channel's text, and the campaign it belongs to. */
export interface CheckedText {
  text: string;
  channel: Channel;
  campaignId: string | null;
}

interface Finding {
  message: Message;
  span: Span | null;
}

interface RuleKind {
  /** Validates and keeps the params this kind uses. */
  params(input: CharterRuleInput): Partial<CharterRuleParams>;
  /** Whether the rule concerns this text at all (e.g. a campaign's hashtag). */
  appliesTo?(p: CharterRuleParams, t: CheckedText): boolean;
  check(p: CharterRuleParams, t: CheckedText): Finding[];
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const tagOf = (s: string) => normalizeArabic(s.replace(/^#/, ''));
const handleOf = (s: string) => s.replace(/^@/, '').toLowerCase();

/** The most spellings a banned term or domains an allowlist may list: every message at every node is checked against each. */
export const MAX_RULE_ENTRIES = 50;

function atMost<T>(field: string, list: T[], what: Message): T[] {
  if (list.length > MAX_RULE_ENTRIES) {
    throw badInput(
      field,
      {
        en: `${what.en}: at most ${MAX_RULE_ENTRIES} in one rule; this one has ${figure(list.length, 'en')}.`,
        ar: `${what.ar}: ${figure(MAX_RULE_ENTRIES, 'ar')} على الأكثر في القاعدة الواحدة، وفي هذه ${figure(list.length, 'ar')}.`,
      },
      { count: list.length, limit: MAX_RULE_ENTRIES },
    );
  }
  return list;
}

function required<T>(field: string, v: T | null | undefined, what: Message): T {
  if (v == null || (typeof v === 'string' && !v.trim()) || (Array.isArray(v) && !v.length)) {
    throw badInput(field, { en: `${what.en} is required for this kind of rule.`, ar: `${what.ar} مطلوب لهذا النوع من القواعد.` });
  }
  return v;
}

function hostOf(url: string): string | null {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** The charter's rule kinds as data: each validates its params and finds its violations. */
export const RULE_KINDS: Record<CharterRuleKind, RuleKind> = {
  REQUIRED_HASHTAG: {
    params: (i) => {
      const tag = required('hashtag', i.hashtag, { en: 'The hashtag', ar: 'الوسم' }).trim().replace(/^#/, '');
      if (extractHashtags(`#${tag}`)[0] !== tag) {
        throw badInput('hashtag', { en: `"${i.hashtag}" is not a hashtag the networks recognise.`, ar: `"${i.hashtag}" ليس وسماً صالحاً.` });
      }
      if (i.campaignId) validId('campaignId', i.campaignId);
      return { hashtag: tag, campaignId: i.campaignId ?? null };
    },
    appliesTo: (p, t) => !p.campaignId || p.campaignId === t.campaignId,
    check: (p, t) =>
      extractHashtags(t.text).some((h) => tagOf(h) === tagOf(p.hashtag!))
        ? []
        : [{ span: null, message: { en: `The hashtag #${p.hashtag} is missing.`, ar: `الوسم #${p.hashtag} غير موجود.` } }],
  },
  BANNED_TERM: {
    params: (i) => ({
      term: requiredText('term', i.term, { label: { en: 'The term', ar: 'العبارة' }, max: 200 }),
      variants: atMost('variants', i.variants ?? [], { en: 'Spelling variants', ar: 'صيغ الكتابة' }).map((v, n) =>
        requiredText(`variants.${n}`, v, { label: { en: 'A spelling variant', ar: 'صيغة الكتابة' }, max: 200 }),
      ),
    }),
    check: (p, t) =>
      [p.term!, ...p.variants]
        .flatMap((term) => findTerm(t.text, term))
        .sort((a, b) => a.start - b.start)
        .filter((s, i, all) => i === 0 || s.start >= all[i - 1].end)
        .map((span) => ({
          span,
          message: {
            en: `The term "${t.text.slice(span.start, span.end)}" is banned by the charter.`,
            ar: `العبارة "${t.text.slice(span.start, span.end)}" محظورة في الميثاق.`,
          },
        })),
  },
  REQUIRED_MENTION: {
    params: (i) => {
      const handle = required('mention', i.mention, { en: 'The account to mention', ar: 'الحساب المطلوب ذكره' }).trim().replace(/^@/, '');
      if (!/^[A-Za-z0-9_]{1,30}$/.test(handle)) {
        throw badInput('mention', { en: `"${i.mention}" is not an account handle.`, ar: `"${i.mention}" ليس اسم حساب صالحاً.` });
      }
      return { mention: handle };
    },
    check: (p, t) =>
      extractMentions(t.text).some((m) => handleOf(m) === handleOf(p.mention!))
        ? []
        : [{ span: null, message: { en: `The official account @${p.mention} is not mentioned.`, ar: `لم يُذكر الحساب الرسمي @${p.mention}.` } }],
  },
  MAX_LENGTH: {
    params: (i) => {
      const max = required('maxLength', i.maxLength, { en: 'The maximum length', ar: 'الطول الأقصى' });
      if (!Number.isInteger(max) || max < 1)
        throw badInput('maxLength', { en: 'The maximum length must be a whole number above 0.', ar: 'يجب أن يكون الطول الأقصى عدداً صحيحاً أكبر من صفر.' });
      if (!i.channels?.length) {
        throw badInput('channels', { en: 'A length limit names the channels it applies to.', ar: 'حدد القنوات التي ينطبق عليها حد الطول.' });
      }
      for (const c of i.channels) {
        const rule = CHANNEL_RULES[validChannel('channels', c)];
        if (max >= rule.maxLength) {
          throw badInput('maxLength', {
            en: `The charter's limit must be stricter than ${c}'s own (${counted(rule.maxLength, UNIT[rule.counting]).en}).`,
            ar: `يجب أن يكون حد الميثاق أقل من حد ${c} نفسه (${counted(rule.maxLength, UNIT[rule.counting]).ar}).`,
          });
        }
      }
      return { maxLength: max };
    },
    check: (p, t) => {
      const { counting } = CHANNEL_RULES[t.channel];
      const at = overflowOffset(t.text, counting, p.maxLength!);
      if (at == null) return [];
      const length = measure(t.text, counting);
      return [
        {
          span: { start: at, end: t.text.length },
          message: {
            en: `The ${t.channel} text is ${counted(length, UNIT[counting]).en}; the charter allows ${figure(p.maxLength!, 'en')}.`,
            ar: `نص ${channelName(t.channel).ar} ${counted(length, UNIT[counting]).ar}؛ ويسمح الميثاق بـ ${figure(p.maxLength!, 'ar')}.`,
          },
        },
      ];
    },
  },
  ARABIC_REQUIRED: {
    params: () => ({}),
    check: (_p, t) =>
      containsArabic(t.text)
        ? []
        : [{ span: null, message: { en: `The ${t.channel} text has no Arabic.`, ar: `نص ${channelName(t.channel).ar} لا يحتوي على العربية.` } }],
  },
  LINK_DOMAIN_ALLOWLIST: {
    params: (i) => ({
      domains: atMost('domains', required('domains', i.domains, { en: 'The allowed domains', ar: 'النطاقات المسموح بها' }), {
        en: 'Allowed domains',
        ar: 'النطاقات المسموح بها',
      }).map((d, n) => {
        const domain = d.trim().toLowerCase().replace(/^\*\./, '');
        const shown = cutShort(d);
        if (!DOMAIN.test(domain)) throw badInput(`domains.${n}`, { en: `"${shown}" is not a domain name.`, ar: `"${shown}" ليس اسم نطاق صالحاً.` });
        return domain;
      }),
    }),
    check: (p, t) =>
      extractUrlsWithIndices(t.text)
        .filter(({ url }) => {
          const host = hostOf(url);
          return !host || !p.domains.some((d) => host === d || host.endsWith(`.${d}`));
        })
        .map(({ url, indices }) => ({
          span: { start: indices[0], end: indices[1] },
          message: {
            en: `The link ${url} is not on an allowed domain (${p.domains.join(', ')}).`,
            ar: `الرابط ${url} ليس من النطاقات المسموح بها (${p.domains.join('، ')}).`,
          },
        })),
  },
};

const NO_PARAMS: CharterRuleParams = { hashtag: null, campaignId: null, term: null, variants: [], mention: null, maxLength: null, domains: [] };
const NOTE = { max: 1000, multiline: true };

function validRule(i: CharterRuleInput) {
  const kind = RULE_KINDS[i.kind];
  if (!kind) throw badInput('kind', { en: `Unknown rule kind "${i.kind}".`, ar: `نوع القاعدة "${i.kind}" غير معروف.` });
  if (!Object.values(Severity).includes(i.severity))
    throw badInput('severity', { en: `Unknown severity "${i.severity}".`, ar: `درجة الإلزام "${i.severity}" غير معروفة.` });
  return {
    kind: i.kind,
    severity: i.severity,
    channels: [...new Set((i.channels ?? []).map((c, n) => validChannel(`channels.${n}`, c)))],
    params: { ...NO_PARAMS, ...kind.params(i) },
    noteAr: optionalText('noteAr', i.noteAr, { label: { en: 'The Arabic note', ar: 'الملاحظة العربية' }, ...NOTE }),
    noteEn: optionalText('noteEn', i.noteEn, { label: { en: 'The English note', ar: 'الملاحظة الإنجليزية' }, ...NOTE }),
  };
}

export type CharterRuleEvent = DomainEvent<{ state: CharterRuleState; change: Record<string, unknown> }>;

function ministryOnly(node: string): void {
  if (node !== MINISTRY) {
    throw badInput('node', { en: 'The charter is written at the ministry.', ar: 'يُكتب ميثاق التواصل لدى الوزارة.' });
  }
}

export function defineCharterRule(input: CharterRuleInput, a: Acting): CharterRuleEvent {
  ministryOnly(a.node);
  const now = a.now.toISOString();
  const state: CharterRuleState = { id: a.id, node: a.node, ...validRule(input), active: true, createdBy: a.by, createdAt: now, updatedAt: now, version: 1 };
  return { type: eventType('charterrule', 'defined'), subject: state.id, aggregateVersion: 1, data: { state, change: { ...state } } };
}

/** Replaces the rule's definition; the new version applies to every later submission. */
export function reviseCharterRule(state: CharterRuleState, input: CharterRuleInput, a: Pick<Acting, 'by' | 'now'>): CharterRuleEvent {
  if (!state.active) throw badInput('id', { en: 'A retired charter rule is not revised; define a new one.', ar: 'لا تُعدَّل قاعدة ملغاة؛ عرّف قاعدة جديدة.' });
  const next: CharterRuleState = { ...state, ...validRule(input), updatedAt: a.now.toISOString(), version: state.version + 1 };
  return {
    type: eventType('charterrule', 'revised'),
    subject: state.id,
    aggregateVersion: next.version,
    data: { state: next, change: { from: state, by: a.by } },
  };
}

export function retireCharterRule(state: CharterRuleState, a: Pick<Acting, 'by' | 'now'>): CharterRuleEvent {
  if (!state.active) throw badInput('id', { en: 'The charter rule is already retired.', ar: 'القاعدة ملغاة من قبل.' });
  const next: CharterRuleState = { ...state, active: false, updatedAt: a.now.toISOString(), version: state.version + 1 };
  return {
    type: eventType('charterrule', 'retired'),
    subject: state.id,
    aggregateVersion: next.version,
    data: { state: next, change: { active: { from: true, to: false }, by: a.by } },
  };
}

/** Checks one channel's text against the active rules; violations in rule and text order. */
export function checkText(rules: CharterRuleState[], t: CheckedText): Violation[] {
  return rules
    .filter((r) => r.active && (!r.channels.length || r.channels.includes(t.channel)))
    .filter((r) => RULE_KINDS[r.kind].appliesTo?.(r.params, t) ?? true)
    .flatMap((r) =>
      RULE_KINDS[r.kind].check(r.params, t).map((f) => ({
        ruleId: r.id,
        kind: r.kind,
        severity: r.severity,
        channel: t.channel,
        message: r.noteEn || r.noteAr ? { en: `${f.message.en} ${r.noteEn ?? ''}`.trim(), ar: `${f.message.ar} ${r.noteAr ?? ''}`.trim() } : f.message,
        span: f.span ? { ...f.span, text: t.text.slice(f.span.start, f.span.end) } : null,
      })),
    );
}

export const blocking = (vs: Violation[]): Violation[] => vs.filter((v) => v.severity === Severity.BLOCKING);

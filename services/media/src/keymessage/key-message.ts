import {
  Axis,
  MINISTRY,
  NOUNS,
  badInput,
  counted,
  figure,
  gregorianDayOf,
  hijriOfDay,
  nodeName,
  optionalText,
  requiredText,
  validId,
  type Acting,
  type Message,
} from '../../../kernel/src/domain';
import { eventType, type DomainEvent } from '../../../kernel/src/events';
import { type Channel, validChannel } from '../channel/channel';
import type { VariantInput } from '../message/message';
import { MAX_HASHTAGS, validHashtags } from '../message/message-content';

/** A ministry template for one channel. */
export interface VariantTemplate {
  channel: Channel;
  template: string;
  hashtags: string[];
}

/** A key message (رسالة رئيسية): the ministry's wording, localised by every node with its own values. */
export interface KeyMessageState {
  id: string;
  node: string;
  titleAr: string;
  titleEn: string | null;
  templateAr: string;
  templateEn: string | null;
  variants: VariantTemplate[];
  campaignId: string | null;
  axis: Axis | null;
  active: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface KeyMessageInput {
  titleAr: string;
  titleEn?: string | null;
  templateAr: string;
  templateEn?: string | null;
  variants?: { channel: string; template: string; hashtags?: string[] | null }[] | null;
  campaignId?: string | null;
  axis?: Axis | null;
}

/** The values a node fills a template with. */
export interface LocalValues {
  node: string;
  /** The day the message speaks of, YYYY-MM-DD. */
  date: string;
  initiative: { titleAr: string; titleEn: string | null } | null;
  campaign: { titleAr: string; titleEn: string | null } | null;
}

/** Every placeholder a template may use, what it means and where its value comes from. */
export const PLACEHOLDERS: Record<string, { about: Message; value: (v: LocalValues) => string | null }> = {
  municipality_name_ar: { about: { en: "the node's Arabic name", ar: 'اسم الأمانة بالعربية' }, value: (v) => nodeName(v.node).nameAr },
  municipality_name_en: { about: { en: "the node's English name", ar: 'اسم الأمانة بالإنجليزية' }, value: (v) => nodeName(v.node).nameEn },
  date_hijri: {
    about: { en: 'the date in the Umm al-Qura calendar, in Arabic', ar: 'التاريخ الهجري (أم القرى) بالعربية' },
    value: (v) => hijriOfDay(v.date).ar,
  },
  date_hijri_en: { about: { en: 'the Umm al-Qura date, in English', ar: 'التاريخ الهجري بالإنجليزية' }, value: (v) => hijriOfDay(v.date).en },
  date_gregorian: { about: { en: 'the Gregorian date, in Arabic', ar: 'التاريخ الميلادي بالعربية' }, value: (v) => gregorianDayOf(v.date, 'ar') },
  date_gregorian_en: { about: { en: 'the Gregorian date, in English', ar: 'التاريخ الميلادي بالإنجليزية' }, value: (v) => gregorianDayOf(v.date, 'en') },
  initiative_title_ar: { about: { en: "the initiative's Arabic title", ar: 'عنوان المبادرة بالعربية' }, value: (v) => v.initiative?.titleAr ?? null },
  initiative_title_en: {
    about: { en: "the initiative's English title", ar: 'عنوان المبادرة بالإنجليزية' },
    value: (v) => (v.initiative ? (v.initiative.titleEn ?? v.initiative.titleAr) : null),
  },
  campaign_title_ar: { about: { en: "the campaign's Arabic title", ar: 'عنوان الحملة بالعربية' }, value: (v) => v.campaign?.titleAr ?? null },
  campaign_title_en: {
    about: { en: "the campaign's English title", ar: 'عنوان الحملة بالإنجليزية' },
    value: (v) => (v.campaign ? (v.campaign.titleEn ?? v.campaign.titleAr) : null),
  },
};

const PLACEHOLDER = /\{([a-z_]+)\}/g;

export const placeholdersIn = (template: string): string[] => [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
// own keys only: {constructor} and {__proto__} are in every object, not placeholders
const placeholderNamed = (name: string) => (Object.hasOwn(PLACEHOLDERS, name) ? PLACEHOLDERS[name] : undefined);

function validTemplate(field: string, template: string | null | undefined, label: Message, arabic: boolean, required: boolean): string | null {
  const rule = { label, max: 20_000, multiline: true, arabic };
  const t = required ? requiredText(field, template, rule) : optionalText(field, template, rule);
  const unknown = t ? placeholdersIn(t).filter((p) => !placeholderNamed(p)) : [];
  if (unknown.length) {
    const known = Object.keys(PLACEHOLDERS)
      .map((p) => `{${p}}`)
      .join(', ');
    throw badInput(
      field,
      {
        en: `Unknown placeholder(s) ${unknown.map((p) => `{${p}}`).join(', ')}. The placeholders are: ${known}.`,
        ar: `عناصر غير معروفة: ${unknown.map((p) => `{${p}}`).join('، ')}. العناصر المتاحة: ${known}.`,
      },
      { unknown, known: Object.keys(PLACEHOLDERS) },
    );
  }
  return t;
}

function validKeyMessage(i: KeyMessageInput) {
  if (i.campaignId) validId('campaignId', i.campaignId);
  if (i.axis && !Object.values(Axis).includes(i.axis)) throw badInput('axis', { en: `Unknown axis "${i.axis}".`, ar: `المحور "${i.axis}" غير معروف.` });
  const variants = (i.variants ?? []).map((v, n) => ({
    channel: validChannel(`variants.${n}.channel`, v.channel),
    template: validTemplate(`variants.${n}.template`, v.template, { en: 'The variant template', ar: 'قالب القناة' }, false, true)!,
    hashtags: validHashtags(`variants.${n}.hashtags`, v.hashtags),
  }));
  const crowded = variants.findIndex((v) => v.hashtags.length > MAX_HASHTAGS);
  if (crowded >= 0) {
    throw badInput(`variants.${crowded}.hashtags`, {
      en: `A template takes at most ${counted(MAX_HASHTAGS, NOUNS.hashtag).en}; this one has ${figure(variants[crowded].hashtags.length, 'en')}.`,
      ar: `يقبل القالب ${counted(MAX_HASHTAGS, NOUNS.hashtag, 'oblique').ar} على الأكثر؛ وفي هذا القالب ${figure(variants[crowded].hashtags.length, 'ar')}.`,
    });
  }
  if (new Set(variants.map((v) => v.channel)).size !== variants.length) {
    throw badInput('variants', { en: 'One template per channel.', ar: 'قالب واحد لكل قناة.' });
  }
  return {
    titleAr: requiredText('titleAr', i.titleAr, { label: { en: 'The Arabic title', ar: 'العنوان العربي' }, max: 300, arabic: true }),
    titleEn: optionalText('titleEn', i.titleEn, { label: { en: 'The English title', ar: 'العنوان الإنجليزي' }, max: 300 }),
    templateAr: validTemplate('templateAr', i.templateAr, { en: 'The Arabic template', ar: 'القالب العربي' }, true, true)!,
    templateEn: validTemplate('templateEn', i.templateEn, { en: 'The English template', ar: 'القالب الإنجليزي' }, false, false),
    variants,
    campaignId: i.campaignId ?? null,
    axis: i.axis ?? null,
  };
}

export type KeyMessageEvent = DomainEvent<{ state: KeyMessageState; change: Record<string, unknown> }>;

export function defineKeyMessage(i: KeyMessageInput, a: Acting): KeyMessageEvent {
  if (a.node !== MINISTRY) throw badInput('node', { en: 'Key messages are written at the ministry.', ar: 'تُكتب الرسائل الرئيسية لدى الوزارة.' });
  const now = a.now.toISOString();
  const state: KeyMessageState = { id: a.id, node: a.node, ...validKeyMessage(i), active: true, createdBy: a.by, createdAt: now, updatedAt: now, version: 1 };
  return { type: eventType('keymessage', 'defined'), subject: state.id, aggregateVersion: 1, data: { state, change: { ...state } } };
}

export function reviseKeyMessage(state: KeyMessageState, i: KeyMessageInput, a: Pick<Acting, 'by' | 'now'>): KeyMessageEvent {
  if (!state.active) throw badInput('id', { en: 'A retired key message is not revised.', ar: 'لا تُعدَّل رسالة رئيسية ملغاة.' });
  const next: KeyMessageState = { ...state, ...validKeyMessage(i), updatedAt: a.now.toISOString(), version: state.version + 1 };
  return {
    type: eventType('keymessage', 'revised'),
    subject: state.id,
    aggregateVersion: next.version,
    data: { state: next, change: { from: state, by: a.by } },
  };
}

export function retireKeyMessage(state: KeyMessageState, a: Pick<Acting, 'by' | 'now'>): KeyMessageEvent {
  if (!state.active) throw badInput('id', { en: 'The key message is already retired.', ar: 'الرسالة الرئيسية ملغاة من قبل.' });
  const next: KeyMessageState = { ...state, active: false, updatedAt: a.now.toISOString(), version: state.version + 1 };
  return {
    type: eventType('keymessage', 'retired'),
    subject: state.id,
    aggregateVersion: next.version,
    data: { state: next, change: { active: { from: true, to: false }, by: a.by } },
  };
}

/** Fills a template; a placeholder with no value at this node is refused, naming what to give. */
export function fill(field: string, template: string, values: LocalValues): string {
  return template.replace(PLACEHOLDER, (written, name: string) => {
    const placeholder = placeholderNamed(name);
    // a template is checked when it is written: what is not a placeholder stays text
    if (!placeholder) return written;
    const v = placeholder.value(values);
    if (v == null) {
      const needs = name.startsWith('initiative') ? 'initiativeId' : name.startsWith('campaign') ? 'campaignId' : name;
      throw badInput(
        needs,
        {
          en: `The key message uses {${name}}: give ${needs} (known at this node) to localise it.`,
          ar: `تستخدم الرسالة الرئيسية {${name}}: حدّد ${needs} (المعروف لدى هذه العقدة) لتوطينها.`,
        },
        { placeholder: name },
      );
    }
    return v;
  });
}

/** The content of the DRAFT a node makes from a key message. */
export function localise(
  k: KeyMessageState,
  values: LocalValues,
  channels: Channel[] | null,
): { bodyAr: string; bodyEn: string | null; variants: VariantInput[] } {
  if (!k.active) throw badInput('keyMessageId', { en: 'This key message is retired.', ar: 'هذه الرسالة الرئيسية ملغاة.' });
  const chosen = channels?.length ? k.variants.filter((v) => channels.includes(v.channel)) : k.variants;
  return {
    bodyAr: fill('templateAr', k.templateAr, values),
    bodyEn: k.templateEn ? fill('templateEn', k.templateEn, values) : null,
    variants: chosen.map((v, n) => ({ channel: v.channel, text: fill(`variants.${n}.template`, v.template, values), hashtags: v.hashtags })),
  };
}

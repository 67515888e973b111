import { counted, figure, NOUNS, badInput, optionalText, requiredText, validId } from '../../../kernel/src/domain';
import { CHANNEL_RULES, type Channel, UNIT, channelName, measure, validChannel } from '../channel/channel';
import type { MessageContent, MessageState, Variant, VariantInput } from './message-state';

const L = {
  bodyAr: { en: 'The Arabic body', ar: 'النص العربي' },
  bodyEn: { en: 'The English body', ar: 'النص الإنجليزي' },
  text: { en: 'The variant text', ar: 'نص القناة' },
  comment: { en: 'The comment', ar: 'التعليق' },
  hashtag: { en: 'A hashtag', ar: 'الوسم' },
  mediaRef: { en: 'A media reference', ar: 'مرجع الوسائط' },
};
export const MAX_VARIANTS = 20;
/** Hashtags a variant may carry on a channel that sets no cap of its own. */
export const MAX_HASHTAGS = 30;
/** How a media reference may address its file: a library path has no scheme; a link may only be web or library. */
const MEDIA_SCHEMES = new Set(['http', 'https', 'media']);

/**
 * A path in the media library or an http(s) or media: address; any other scheme (javascript:, data:, file:)
 * would run or open something in the frontends that show the message. Tabs and line breaks are dropped
 * first, as a browser drops them from a URL.
 */
function validMediaRef(field: string, value: string): string {
  const ref = requiredText(field, value, { label: L.mediaRef, max: 2000 });
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(ref.replace(/[\t\r\n]/g, ''))?.[1].toLowerCase();
  if (scheme && !MEDIA_SCHEMES.has(scheme)) {
    throw badInput(
      field,
      {
        en: `A media reference is a path in the media library or an http, https or media: address; "${scheme}:" is not accepted.`,
        ar: `مرجع الوسائط مسار في مكتبة الوسائط أو عنوان http أو https أو media:، ولا يُقبل "${scheme}:".`,
      },
      { scheme },
    );
  }
  return ref;
}

/** The text a variant goes out with: its text, then its hashtags not already in it. */
export function publishedText(v: Pick<Variant, 'text' | 'hashtags'>): string {
  const missing = v.hashtags.filter((h) => !v.text.includes(`#${h}`));
  return missing.length ? `${v.text} ${missing.map((h) => `#${h}`).join(' ')}` : v.text;
}

export function optionalId(field: string, id: string | null | undefined): string | null {
  if (!id) return null;
  validId(field, id);
  return id;
}

/** Hashtags as written for a variant or a key message's template: each a word without spaces or #, its # dropped, each once. */
export function validHashtags(field: string, given: readonly string[] | null | undefined): string[] {
  const hashtags = [...new Set((given ?? []).map((h, n) => requiredText(`${field}.${n}`, h, { label: L.hashtag, max: 100 }).replace(/^#/, '')))];
  const bad = hashtags.find((h) => /[\s#]/.test(h));
  if (bad) throw badInput(field, { en: `"${bad}" is not a hashtag: no spaces or #.`, ar: `"${bad}" ليس وسماً صالحاً: بلا مسافات أو #.` });
  return hashtags;
}

/**
 * One variant within its channel's limits; over a limit is refused with the measured length and the limit.
 * With `now`, the variant's own publication time must come after it.
 */
function validVariant(v: VariantInput, i: number, now: Date | null): Variant {
  const channel = validChannel(`variants.${i}.channel`, v.channel);
  const rule = CHANNEL_RULES[channel];
  const name = channelName(channel);
  const text = requiredText(`variants.${i}.text`, v.text, { label: L.text, max: 100_000, multiline: true });
  const hashtags = validHashtags(`variants.${i}.hashtags`, v.hashtags);
  const mediaRefs = (v.mediaRefs ?? []).map((m, n) => validMediaRef(`variants.${i}.mediaRefs.${n}`, m));
  const out = publishedText({ text, hashtags });
  const length = measure(out, rule.counting);
  const unit = UNIT[rule.counting];
  if (length > rule.maxLength) {
    throw badInput(
      `variants.${i}.text`,
      {
        en: `The ${name.en} text is ${counted(length, unit).en} long; ${name.en} allows ${figure(rule.maxLength, 'en')}.`,
        ar: `طول نص ${name.ar} ${counted(length, unit).ar}، والحد المسموح في ${name.ar} ${figure(rule.maxLength, 'ar')}.`,
      },
      { channel, length, limit: rule.maxLength, unit: rule.counting },
    );
  }
  if (rule.forbidden?.test(out)) {
    throw badInput(`variants.${i}.text`, { en: `${name.en} does not accept the characters < and >.`, ar: `لا تقبل ${name.ar} المحرفين < و>.` }, { channel });
  }
  const maxHashtags = rule.maxHashtags ?? MAX_HASHTAGS;
  if (hashtags.length > maxHashtags) {
    throw badInput(
      `variants.${i}.hashtags`,
      {
        en: `${name.en} allows ${counted(maxHashtags, NOUNS.hashtag).en}; this variant has ${figure(hashtags.length, 'en')}.`,
        ar: `تسمح ${name.ar} بـ ${counted(maxHashtags, NOUNS.hashtag, 'oblique').ar}؛ وفي هذا النص ${figure(hashtags.length, 'ar')}.`,
      },
      { channel, count: hashtags.length, limit: maxHashtags },
    );
  }
  if (mediaRefs.length > rule.media.max) {
    throw badInput(
      `variants.${i}.mediaRefs`,
      {
        en: `${name.en} takes at most ${counted(rule.media.max, NOUNS.mediaItem).en}; this variant has ${figure(mediaRefs.length, 'en')}.`,
        ar: `تقبل ${name.ar} ${counted(rule.media.max, NOUNS.mediaItem, 'oblique').ar} على الأكثر؛ وفي هذا النص ${figure(mediaRefs.length, 'ar')}.`,
      },
      { channel, count: mediaRefs.length, limit: rule.media.max },
    );
  }
  return { channel, text, hashtags, mediaRefs, scheduledAt: validScheduledAt(v.scheduledAt, i, channel, now) };
}

function validScheduledAt(at: Date | null | undefined, i: number, channel: Channel, now: Date | null): string | null {
  if (!at) return null;
  const field = `variants.${i}.scheduledAt`;
  if (Number.isNaN(at.getTime()))
    throw badInput(field, { en: 'The variant publication time is not a valid time.', ar: 'وقت نشر نص القناة ليس وقتاً صالحاً.' }, { channel });
  if (now && at.getTime() <= now.getTime()) {
    const name = channelName(channel);
    throw badInput(
      field,
      {
        en: `The ${name.en} variant is set for ${at.toISOString()}, which is not after now; choose a later time or none.`,
        ar: `موعد نشر نص ${name.ar} (${at.toISOString()}) ليس بعد الآن؛ اختر وقتاً لاحقاً أو اتركه فارغاً.`,
      },
      { channel, now: now.toISOString() },
    );
  }
  return at.toISOString();
}

function validVariants(variants: VariantInput[], now: Date | null): Variant[] {
  if (variants.length > MAX_VARIANTS) throw badInput('variants', { en: `At most ${MAX_VARIANTS} variants.`, ar: `الحد الأقصى ${MAX_VARIANTS} نصاً للقنوات.` });
  const list = variants.map((v, i) => validVariant(v, i, now));
  const seen = new Set<Channel>();
  list.forEach((v, i) => {
    if (seen.has(v.channel)) throw badInput(`variants.${i}.channel`, { en: `The channel ${v.channel} has two variants.`, ar: `للقناة ${v.channel} نصان.` });
    seen.add(v.channel);
  });
  return list;
}

/** `now` checks the variants' publication times: given for variants the writer sends, not for those kept as they were. */
export function validContent(c: Required<Pick<MessageContent, 'bodyAr'>> & MessageContent, now: Date | null) {
  return {
    bodyAr: requiredText('bodyAr', c.bodyAr, { label: L.bodyAr, max: 20_000, multiline: true, arabic: true }),
    bodyEn: optionalText('bodyEn', c.bodyEn, { label: L.bodyEn, max: 20_000, multiline: true }),
    campaignId: optionalId('campaignId', c.campaignId),
    initiativeId: optionalId('initiativeId', c.initiativeId),
    variants: validVariants(c.variants ?? [], now),
  };
}
/** The texts the charter checks: every variant as it goes out. */
export const checkedTexts = (s: Pick<MessageState, 'variants' | 'campaignId'>) =>
  s.variants.map((v) => ({ text: publishedText(v), channel: v.channel, campaignId: s.campaignId }));

import * as twitter from 'twitter-text';
import { badInput, Channel, CHANNELS, NOUNS, type Message, type Noun } from '../../../kernel/src/domain';

/** The channels a message goes out on: the sector's, declared in the kernel's reference data. */
export { Channel };

/** How a network counts the length of a text. */
export enum Counting {
  /** twitter-text's weighted length: most scripts (Arabic included) weigh 1, CJK and emoji 2, every URL 23. */
  X_WEIGHTED = 'X_WEIGHTED',
  /** Unicode code points, as people count characters. */
  CHARACTERS = 'CHARACTERS',
  /** Bytes of UTF-8 (an Arabic letter is 2 bytes). */
  UTF8_BYTES = 'UTF8_BYTES',
  /** Parts of a concatenated SMS: 153 GSM-7 characters each, or 67 UCS-2 characters once any character is outside GSM-7. */
  SMS_PARTS = 'SMS_PARTS',
}

export interface ChannelRule {
  channel: Channel;
  counting: Counting;
  maxLength: number;
  maxHashtags: number | null;
  media: { required: boolean; max: number };
  /** Characters the network refuses. */
  forbidden?: RegExp;
  /** Where the limit comes from. */
  source: string;
}

/** Per channel, the limits a variant must keep; data, with the source of each limit. */
export const CHANNEL_RULES: Record<Channel, ChannelRule> = {
  X: {
    channel: Channel.X,
    counting: Counting.X_WEIGHTED,
    maxLength: 280,
    maxHashtags: null,
    media: { required: false, max: 4 },
    source:
      'X developer docs, "Counting characters": 280 weighted characters for standard accounts, every URL counted as 23 (t.co); counted with twitter-text 3.1.0 (config v3); up to 4 images per post',
  },
  INSTAGRAM: {
    channel: Channel.INSTAGRAM,
    counting: Counting.CHARACTERS,
    maxLength: 2200,
    maxHashtags: 5,
    media: { required: true, max: 10 },
    source:
      'Instagram Graph API content publishing: caption at most 2,200 characters, a carousel of up to 10 items, no text-only posts; hashtags per post cut from 30 to 5 by Instagram in 2025',
  },
  SNAPCHAT: {
    channel: Channel.SNAPCHAT,
    counting: Counting.CHARACTERS,
    maxLength: 160,
    maxHashtags: null,
    media: { required: true, max: 1 },
    source: 'Snapchat Support, Spotlight: a description of up to 160 characters on one snap (photo or video)',
  },
  TIKTOK: {
    channel: Channel.TIKTOK,
    counting: Counting.CHARACTERS,
    maxLength: 2200,
    maxHashtags: null,
    media: { required: true, max: 35 },
    source: 'TikTok for Developers, Content Posting API: caption (post_info.title) at most 2,200 characters; one video or up to 35 photos, never text alone',
  },
  YOUTUBE: {
    channel: Channel.YOUTUBE,
    counting: Counting.UTF8_BYTES,
    maxLength: 5000,
    maxHashtags: 15,
    media: { required: true, max: 1 },
    forbidden: /[<>]/,
    source:
      'YouTube Data API v3, videos resource: snippet.description at most 5,000 bytes of UTF-8 and no < or >; more than 15 hashtags make YouTube ignore them all (YouTube Help, hashtags)',
  },
  WEBSITE: {
    channel: Channel.WEBSITE,
    counting: Counting.CHARACTERS,
    maxLength: 20000,
    maxHashtags: null,
    media: { required: false, max: 20 },
    source: 'house rule of the sector: a news item on a municipality website (no network limit)',
  },
  PRESS: {
    channel: Channel.PRESS,
    counting: Counting.CHARACTERS,
    maxLength: 20000,
    maxHashtags: null,
    media: { required: false, max: 20 },
    source: 'house rule of the sector: a press release or fact sheet for media outlets (no network limit)',
  },
  SMS: {
    channel: Channel.SMS,
    counting: Counting.SMS_PARTS,
    maxLength: 4,
    maxHashtags: null,
    media: { required: false, max: 0 },
    source: '3GPP TS 23.038/23.040: 160 GSM-7 or 70 UCS-2 characters in one SMS, 153 or 67 per part when concatenated; house rule of at most 4 parts',
  },
  OUTDOOR: {
    channel: Channel.OUTDOOR,
    counting: Counting.CHARACTERS,
    maxLength: 90,
    maxHashtags: null,
    media: { required: true, max: 1 },
    source: 'house rule of the sector: a billboard is read in seconds, at most 90 characters over one design',
  },
};

/** What a counting counts, agreed with the number in reasons (`counted`); `en.other` names the unit in the API. */
export const UNIT: Record<Counting, Noun> = {
  X_WEIGHTED: NOUNS.weightedCharacter,
  CHARACTERS: NOUNS.character,
  UTF8_BYTES: NOUNS.byte,
  SMS_PARTS: NOUNS.smsPart,
};

// The GSM 03.38 default alphabet and its extension table (extension characters take two septets).
const GSM7 = new Set([...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà']);
const GSM7_EXTENDED = new Set([...'^{}\\[~]|€\f']);

function smsParts(text: string): number {
  const chars = [...text];
  if (!chars.length) return 0;
  if (chars.every((c) => GSM7.has(c) || GSM7_EXTENDED.has(c))) {
    const septets = chars.reduce((n, c) => n + (GSM7_EXTENDED.has(c) ? 2 : 1), 0);
    return septets <= 160 ? 1 : Math.ceil(septets / 153);
  }
  const units = text.length; // UCS-2 code units
  return units <= 70 ? 1 : Math.ceil(units / 67);
}

// the library's current counting configuration (v3); its typings leave `configs` out
const X_CONFIG = (twitter as unknown as { configs: { defaults: twitter.ParseTweetOptions } }).configs.defaults;

const MEASURES: Record<Counting, (text: string) => number> = {
  X_WEIGHTED: (t) => twitter.parseTweet(t, X_CONFIG).weightedLength,
  CHARACTERS: (t) => [...t].length,
  UTF8_BYTES: (t) => Buffer.byteLength(t, 'utf8'),
  SMS_PARTS: smsParts,
};

/** The length of a text as the network counts it, in the counting's unit. */
export const measure = (text: string, counting: Counting): number => MEASURES[counting](text);

/**
 * The UTF-16 offset from which a text goes past `max` in the counting's unit, or null when it fits:
 * the offending span of an over-long text.
 */
export function overflowOffset(text: string, counting: Counting, max: number): number | null {
  if (measure(text, counting) <= max) return null;
  if (counting === Counting.X_WEIGHTED) {
    // twitter-text reports the last valid index for a given maximum
    return twitter.parseTweet(text, { ...X_CONFIG, maxWeightedTweetLength: max }).validRangeEnd + 1;
  }
  // grow the prefix one code point at a time until it no longer fits
  let offset = 0;
  for (const c of text) {
    if (measure(text.slice(0, offset + c.length), counting) > max) return offset;
    offset += c.length;
  }
  return null;
}

export const channelName = (c: Channel): Message => {
  const named = CHANNELS.find((x) => x.code === c);
  return { en: named?.nameEn ?? c, ar: named?.nameAr ?? c };
};

/** A channel code from user input, or BAD_USER_INPUT naming the channels there are. */
export function validChannel(field: string, code: string): Channel {
  const c = String(code ?? '')
    .trim()
    .toUpperCase();
  if (!(c in CHANNEL_RULES)) {
    const known = Object.keys(CHANNEL_RULES).join(', ');
    throw badInput(
      field,
      {
        en: `Unknown channel "${code}". The channels are: ${known}.`,
        ar: `القناة "${code}" غير معروفة. القنوات المتاحة: ${known}.`,
      },
      { known: Object.keys(CHANNEL_RULES) },
    );
  }
  return c as Channel;
}

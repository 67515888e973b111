import { NOUNS, counted, type DomainError, badInput } from '../../../kernel/src/domain';
import { CHANNEL_RULES, channelName } from '../channel/channel';
import { blocking, type Violation } from '../charter/charter';
import type { MessageState, Variant } from './message-state';

/**
 * A message in review is complete: a variant, the media every channel of it requires, and no blocking
 * charter violation. Drafts may be incomplete; submitting, and any edit that leaves the message in
 * review, must not be.
 */
export function readyForReview(state: MessageState, violations: Violation[]): void {
  if (!state.variants.length) {
    throw badInput('variants', { en: 'Add at least one channel variant before review.', ar: 'أضف نصاً لقناة واحدة على الأقل قبل المراجعة.' });
  }
  refuseMissingMedia(state.variants);
  refuseBlocking(violations, 'submitted');
}

/** Channels that never publish text alone (Instagram, Snapchat, TikTok, YouTube, outdoor) need their media before review. */
function refuseMissingMedia(variants: Variant[]): void {
  const missing = variants.map((v, i) => ({ v, i })).filter(({ v }) => CHANNEL_RULES[v.channel].media.required && !v.mediaRefs.length);
  if (!missing.length) return;
  const names = missing.map(({ v }) => channelName(v.channel));
  const en = names.map((n) => n.en).join(', ');
  const ar = names.map((n) => n.ar).join('، ');
  throw badInput(
    `variants.${missing[0].i}.mediaRefs`,
    names.length === 1
      ? {
          en: `${en} does not publish text alone: add at least one media item to the ${en} variant before review.`,
          ar: `لا تنشر ${ar} نصاً دون وسائط: أضف عنصر وسائط واحداً على الأقل إلى نص ${ar} قبل المراجعة.`,
        }
      : {
          en: `${en} do not publish text alone: add at least one media item to each of these variants before review.`,
          ar: `لا تنشر ${ar} نصاً دون وسائط: أضف عنصر وسائط واحداً على الأقل إلى نص كل منها قبل المراجعة.`,
        },
    { channel: missing[0].v.channel, channels: missing.map(({ v }) => v.channel) },
  );
}

/** What a message may point at, and the service this node learns it from. */
const LINKED = {
  campaignId: { en: 'campaign', ar: 'حملة', from: { en: 'the calendar', ar: 'الروزنامة' } },
  initiativeId: { en: 'initiative', ar: 'مبادرة', from: { en: 'the initiatives service', ar: 'خدمة المبادرات' } },
} as const;

/**
 * A campaign or initiative this node has no copy of: refused when the message goes to review or is
 * reviewed (a draft may name one that has not arrived yet), since the campaign decides who reviews.
 */
export function unknownLink(field: keyof typeof LINKED, id: string, node: string): DomainError {
  const what = LINKED[field];
  return badInput(
    field,
    {
      en: `No ${what.en} ${id} is known at ${node}: this node has not received it from ${what.from.en}. Correct the ${what.en}, or try again once it has arrived.`,
      ar: `لا تعرف ${node} ${what.ar} بالمعرّف ${id}: لم تصلها من ${what.from.ar}. صحّح ال${what.ar}، أو أعد المحاولة بعد وصولها.`,
    },
    { id },
  );
}

export function refuseBlocking(violations: Violation[], what: 'submitted' | 'approved'): void {
  const blockers = blocking(violations);
  if (!blockers.length) return;
  // a rule broken on several channels is one rule; a finding worded alike on several is said once
  const rules = counted(new Set(blockers.map((v) => v.ruleId)).size, NOUNS.blockingRule, 'oblique');
  const said = (lang: 'en' | 'ar') => [...new Set(blockers.map((v) => v.message[lang]))].join(' ');
  throw badInput(
    'charter',
    {
      en: `The message cannot be ${what}: it breaks ${rules.en}: ${said('en')}`,
      ar: `لا يمكن ${what === 'submitted' ? 'إرسال الرسالة للمراجعة' : 'اعتماد الرسالة'}: تخالف ${rules.ar} في الميثاق: ${said('ar')}`,
    },
    {
      violations: blockers.map((v) => ({
        ruleId: v.ruleId,
        kind: v.kind,
        severity: v.severity,
        channel: v.channel,
        messageEn: v.message.en,
        messageAr: v.message.ar,
        span: v.span,
      })),
    },
  );
}

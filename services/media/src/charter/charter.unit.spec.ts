import { DomainError } from '../../../kernel/src/domain';
import { Channel } from '../channel/channel';
import {
  CharterRuleKind as K,
  Severity,
  blocking,
  checkText,
  defineCharterRule,
  reviseCharterRule,
  retireCharterRule,
  type CharterRuleInput,
  type CharterRuleState,
} from './charter';
import { findTerm } from './arabic-match';

const now = new Date('2026-11-26T09:00:00Z');
let n = 0;
const rule = (input: CharterRuleInput): CharterRuleState =>
  defineCharterRule(input, { id: `0193a000-0000-7000-8000-${String(++n).padStart(12, '0')}`, node: 'ministry', by: 'admin', now }).data.state;
const check = (r: CharterRuleState, text: string, channel: Channel = Channel.X, campaignId: string | null = null) =>
  checkText([r], { text, channel, campaignId });
const CAMPAIGN = '0193a000-0000-7000-8000-00000000c001';

describe('charter rules', () => {
  it('REQUIRED_HASHTAG: global, matched across Arabic spelling variants', () => {
    const r = rule({ kind: K.REQUIRED_HASHTAG, severity: Severity.BLOCKING, hashtag: '#بلدي_أجمل' });
    expect(check(r, 'نعمل لأجلكم #بلدي_اجمل')).toEqual([]);
    const [v] = check(r, 'نعمل لأجلكم');
    expect(v).toMatchObject({ kind: K.REQUIRED_HASHTAG, severity: Severity.BLOCKING, span: null });
    expect(v.message.en).toContain('#بلدي_أجمل');
    expect(v.message.ar).toContain('غير موجود');
  });

  it('REQUIRED_HASHTAG: per campaign applies only to that campaign', () => {
    const r = rule({ kind: K.REQUIRED_HASHTAG, severity: Severity.BLOCKING, hashtag: 'صحتك_تهمنا', campaignId: CAMPAIGN });
    expect(check(r, 'بلا وسم')).toEqual([]);
    expect(check(r, 'بلا وسم', Channel.X, CAMPAIGN)).toHaveLength(1);
    expect(check(r, 'مع الوسم #صحتك_تهمنا', Channel.X, CAMPAIGN)).toEqual([]);
  });

  it('BANNED_TERM: found across أ/ا, ة/ه, ى/ي, diacritics and tatweel, with the span of the original text', () => {
    const r = rule({ kind: K.BANNED_TERM, severity: Severity.BLOCKING, term: 'إشاعة' });
    const text = 'لا تصدقوا الاشاعه ولا الإشاعةَ ولا الاشـــاعة';
    const found = check(r, text);
    expect(found.map((v) => v.span!.text)).toEqual(['اشاعه', 'إشاعةَ', 'اشـــاعة']);
    for (const v of found) expect(text.slice(v.span!.start, v.span!.end)).toBe(v.span!.text);
    expect(check(r, 'خبر رسمي موثوق')).toEqual([]);
  });

  it('BANNED_TERM: found with its hamza on either seat (مسؤول، مسئول)', () => {
    const r = rule({ kind: K.BANNED_TERM, severity: Severity.BLOCKING, term: 'مصدر مسؤول' });
    const text = 'صرح مصدر مسئول بأن';
    expect(check(r, text).map((v) => v.span!.text)).toEqual(['مصدر مسئول']);
  });

  it('BANNED_TERM: other spellings listed with the term are banned too', () => {
    const r = rule({ kind: K.BANNED_TERM, severity: Severity.ADVISORY, term: 'جوجل', variants: ['قوقل'] });
    expect(check(r, 'ابحث في قوقل').map((v) => v.span!.text)).toEqual(['قوقل']);
    expect(check(r, 'ابحث في المتصفح')).toEqual([]);
  });

  it('finds a term written with a decomposed hamza', () => {
    expect(findTerm('الا\u0654مانة', 'الأمانة')).toEqual([{ start: 0, end: 8 }]);
  });

  it('REQUIRED_MENTION: the official account, case-insensitive', () => {
    const r = rule({ kind: K.REQUIRED_MENTION, severity: Severity.BLOCKING, mention: '@MOMRAH', channels: ['X'] });
    expect(check(r, 'شكراً @momrah')).toEqual([]);
    expect(check(r, 'شكراً للوزارة')[0].message.en).toContain('@MOMRAH');
    expect(check(r, 'شكراً للوزارة', Channel.WEBSITE)).toEqual([]);
  });

  it("MAX_LENGTH: stricter than the network, measured the channel's way, span from the overflow", () => {
    const r = rule({ kind: K.MAX_LENGTH, severity: Severity.BLOCKING, maxLength: 200, channels: ['X'] });
    expect(check(r, 'ب'.repeat(200))).toEqual([]);
    const [v] = check(r, 'ب'.repeat(210));
    expect(v.span).toMatchObject({ start: 200, end: 210 });
    expect(v.message.en).toBe('The X text is 210 weighted characters; the charter allows 200.');
    // 210 takes the plural (few), in Arabic-Indic digits
    expect(v.message.ar).toBe('نص إكس (تويتر) ٢١٠ أحرف موزونة؛ ويسمح الميثاق بـ ٢٠٠.');
    expect(() => rule({ kind: K.MAX_LENGTH, severity: Severity.BLOCKING, maxLength: 300, channels: ['X'] })).toThrow(/stricter/);
  });

  it('ARABIC_REQUIRED', () => {
    const r = rule({ kind: K.ARABIC_REQUIRED, severity: Severity.BLOCKING });
    expect(check(r, 'خدمة جديدة New service')).toEqual([]);
    expect(check(r, 'New service only')).toHaveLength(1);
  });

  it('LINK_DOMAIN_ALLOWLIST: allowed domains and their subdomains; others with their span', () => {
    const r = rule({ kind: K.LINK_DOMAIN_ALLOWLIST, severity: Severity.BLOCKING, domains: ['momrah.gov.sa', 'alriyadh.gov.sa'] });
    expect(check(r, 'التفاصيل https://momrah.gov.sa/ar و https://balady.alriyadh.gov.sa/x')).toEqual([]);
    const text = 'التفاصيل https://bit.ly/abc و momrah.gov.sa.evil.com/x';
    const found = check(r, text);
    expect(found.map((v) => v.span!.text)).toEqual(['https://bit.ly/abc', 'momrah.gov.sa.evil.com/x']);
  });

  it('tells blocking from advisory', () => {
    const hard = rule({ kind: K.ARABIC_REQUIRED, severity: Severity.BLOCKING });
    const soft = rule({ kind: K.REQUIRED_MENTION, severity: Severity.ADVISORY, mention: 'MOMRAH' });
    const vs = checkText([hard, soft], { text: 'English only', channel: Channel.X, campaignId: null });
    expect(vs.map((v) => v.severity)).toEqual([Severity.BLOCKING, Severity.ADVISORY]);
    expect(blocking(vs)).toHaveLength(1);
    expect(blocking(checkText([soft], { text: 'عربي', channel: Channel.X, campaignId: null }))).toEqual([]);
  });

  it('is versioned: revised and retired rules are new versions; retired rules check nothing', () => {
    const r = rule({ kind: K.BANNED_TERM, severity: Severity.ADVISORY, term: 'مجاني' });
    const revised = reviseCharterRule(r, { kind: K.BANNED_TERM, severity: Severity.BLOCKING, term: 'مجاني' }, { by: 'admin', now }).data.state;
    expect(revised).toMatchObject({ version: 2, severity: Severity.BLOCKING });
    const retired = retireCharterRule(revised, { by: 'admin', now });
    expect(retired.type).toBe('mmhub.charterrule.retired.v1');
    expect(check(retired.data.state, 'مجاني')).toEqual([]);
  });

  it('is written at the ministry only, with params its kind needs', () => {
    expect(() => defineCharterRule({ kind: K.ARABIC_REQUIRED, severity: Severity.BLOCKING }, { id: 'x', node: 'riyadh', by: 'a', now })).toThrow(DomainError);
    expect(() => rule({ kind: K.BANNED_TERM, severity: Severity.BLOCKING })).toThrow(/term/i);
    expect(() => rule({ kind: K.LINK_DOMAIN_ALLOWLIST, severity: Severity.BLOCKING, domains: ['not a domain'] })).toThrow(/domain/);
  });

  it('lists at most 50 spellings of a banned term or allowed domains, and quotes a refused domain cut short', () => {
    const refusal = (input: CharterRuleInput) => {
      try {
        rule(input);
      } catch (e) {
        return e as DomainError;
      }
      throw new Error('accepted');
    };
    const spellings = (k: number) => Array.from({ length: k }, (_, i) => `صيغة${i}`);
    const domains = (k: number) => Array.from({ length: k }, (_, i) => `d${i}.gov.sa`);
    expect(rule({ kind: K.BANNED_TERM, severity: Severity.BLOCKING, term: 'إشاعة', variants: spellings(50) }).params.variants).toHaveLength(50);
    const term = refusal({ kind: K.BANNED_TERM, severity: Severity.BLOCKING, term: 'إشاعة', variants: spellings(1000) });
    expect(term.code).toBe('BAD_USER_INPUT');
    expect(term.details).toMatchObject({ field: 'variants', count: 1000, limit: 50 });
    expect(term.text.en).toBe('Spelling variants: at most 50 in one rule; this one has 1,000.');
    expect(term.text.ar).toContain('صيغ الكتابة');
    expect(rule({ kind: K.LINK_DOMAIN_ALLOWLIST, severity: Severity.BLOCKING, domains: domains(50) }).params.domains).toHaveLength(50);
    expect(refusal({ kind: K.LINK_DOMAIN_ALLOWLIST, severity: Severity.BLOCKING, domains: domains(51) }).details).toMatchObject({
      field: 'domains',
      count: 51,
      limit: 50,
    });
    const long = refusal({ kind: K.LINK_DOMAIN_ALLOWLIST, severity: Severity.BLOCKING, domains: ['x'.repeat(100_000)] });
    expect(long.text.en.length).toBeLessThan(100);
  });
});

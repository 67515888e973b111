import { DomainError } from '../../../kernel/src/domain';
import { Channel } from '../channel/channel';
import { defineKeyMessage, localise, placeholdersIn } from './key-message';

const now = new Date('2026-11-26T09:00:00Z');
const acting = { id: '0193a000-0000-7000-8000-0000000000k1', node: 'ministry', by: 'ministry-editor', now };
const key = defineKeyMessage(
  {
    titleAr: 'إطلاق بوابة الخدمات',
    templateAr: 'تعلن {municipality_name_ar} في {date_hijri} عن مبادرة «{initiative_title_ar}».',
    templateEn: '{municipality_name_en} announces "{initiative_title_en}" on {date_gregorian_en} ({date_hijri_en}).',
    variants: [{ channel: 'X', template: '{municipality_name_ar}: {initiative_title_ar}', hashtags: ['#بلدي'] }],
  },
  acting,
).data.state;
const initiative = { titleAr: 'بوابة رخص البناء', titleEn: 'Building permits portal' };

describe('key messages', () => {
  it("fills the placeholders with the node's values, the Hijri date included", () => {
    const m = localise(key, { node: 'riyadh', date: '2016-05-31', initiative, campaign: null }, null);
    expect(m.bodyAr).toBe('تعلن أمانة منطقة الرياض في ٢٤ شعبان ١٤٣٧ هـ عن مبادرة «بوابة رخص البناء».');
    expect(m.bodyEn).toBe(`Riyadh Region Municipality announces "Building permits portal" on 31 May 2016 (Sha'ban 24, 1437 AH).`);
    expect(m.variants).toEqual([{ channel: Channel.X, text: 'أمانة منطقة الرياض: بوابة رخص البناء', hashtags: ['بلدي'] }]);
    expect(localise(key, { node: 'jeddah', date: '2016-05-31', initiative, campaign: null }, null).bodyAr).toContain('أمانة محافظة جدة');
  });

  it('refuses a placeholder the node cannot fill, naming what to give', () => {
    try {
      localise(key, { node: 'riyadh', date: '2016-05-31', initiative: null, campaign: null }, null);
      throw new Error('accepted');
    } catch (e) {
      expect((e as DomainError).details).toMatchObject({ field: 'initiativeId', placeholder: 'initiative_title_ar' });
    }
  });

  it('checks a template’s hashtags as a message’s: no direction override, no space, at most 30', () => {
    const withTags = (hashtags: string[]) => () =>
      defineKeyMessage({ titleAr: 'عنوان', templateAr: 'مرحبا', variants: [{ channel: 'X', template: 'مرحبا', hashtags }] }, acting);
    const fieldOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return [(e as DomainError).code, (e as DomainError).details.field];
      }
    };
    expect(fieldOf(withTags(['بلدي\u202Egnp']))).toEqual(['BAD_USER_INPUT', 'variants.0.hashtags.0']);
    expect(fieldOf(withTags(['وسم فيه مسافة']))).toEqual(['BAD_USER_INPUT', 'variants.0.hashtags']);
    expect(fieldOf(withTags(Array.from({ length: 31 }, (_, n) => `وسم${n}`)))).toEqual(['BAD_USER_INPUT', 'variants.0.hashtags']);
    expect(withTags(['#بلدي', 'بلدي'])().data.state.variants[0].hashtags).toEqual(['بلدي']);
  });

  it('refuses unknown placeholders when defined, and definition away from the ministry', () => {
    expect(() => defineKeyMessage({ titleAr: 'عنوان', templateAr: 'مرحبا {mayor_name}' }, acting)).toThrow(/\{mayor_name\}/);
    expect(() => defineKeyMessage({ titleAr: 'عنوان', templateAr: 'مرحبا' }, { ...acting, node: 'riyadh' })).toThrow(DomainError);
    expect(placeholdersIn(key.templateAr)).toEqual(['municipality_name_ar', 'date_hijri', 'initiative_title_ar']);
  });

  it('refuses the names every object has, {constructor} and {__proto__}, as unknown placeholders', () => {
    for (const name of ['constructor', '__proto__']) {
      expect(() => defineKeyMessage({ titleAr: 'عنوان', templateAr: `مرحبا {${name}}` }, acting)).toThrow(DomainError);
      expect(() => defineKeyMessage({ titleAr: 'عنوان', templateAr: 'مرحبا', variants: [{ channel: 'X', template: `{${name}}` }] }, acting)).toThrow(
        DomainError,
      );
    }
    // a template stored before they were refused is localised with them left as text
    const stored = { ...key, templateAr: 'مرحبا {constructor} و{__proto__} من {municipality_name_ar}' };
    expect(localise(stored, { node: 'riyadh', date: '2016-05-31', initiative, campaign: null }, null).bodyAr).toBe(
      'مرحبا {constructor} و{__proto__} من أمانة منطقة الرياض',
    );
  });

  it('keeps only the channels asked for', () => {
    expect(localise(key, { node: 'riyadh', date: '2026-11-26', initiative, campaign: null }, [Channel.INSTAGRAM]).variants).toEqual([]);
  });
});

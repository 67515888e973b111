import { thrownDomainError as errorOf } from '../support/thrown';
import { draftMessage, type VariantInput } from '../../services/media/src/message/message';

const acting = { id: '0193a000-0000-7000-8000-000000000003', node: 'riyadh', by: 'editor-1', now: new Date('2026-11-26T09:00:00Z') };
const drafted = (variants: VariantInput[]) => draftMessage({ bodyAr: 'أمانة الرياض تطلق خدمة جديدة', variants }, acting).data.state;

describe('channel limits on a variant', () => {
  const refusal = (v: VariantInput) => errorOf(() => drafted([v]));

  it('refuses more media than the channel takes, with the count and the limit', () => {
    const refs = (n: number) => Array.from({ length: n }, (_, i) => `media/${i + 1}.jpg`);
    expect(drafted([{ channel: 'X', text: 'نص', mediaRefs: refs(4) }]).variants[0].mediaRefs).toHaveLength(4);
    expect(refusal({ channel: 'X', text: 'نص', mediaRefs: refs(5) }).details).toMatchObject({
      field: 'variants.0.mediaRefs',
      channel: 'X',
      count: 5,
      limit: 4,
    });
    expect(drafted([{ channel: 'INSTAGRAM', text: 'نص', mediaRefs: refs(10) }]).variants[0].mediaRefs).toHaveLength(10);
    expect(refusal({ channel: 'INSTAGRAM', text: 'نص', mediaRefs: refs(11) }).details).toMatchObject({ count: 11, limit: 10 });
    expect(refusal({ channel: 'YOUTUBE', text: 'نص', mediaRefs: refs(2) }).details).toMatchObject({ channel: 'YOUTUBE', count: 2, limit: 1 });
    const sms = refusal({ channel: 'SMS', text: 'نص', mediaRefs: refs(1) });
    expect(sms.details).toMatchObject({ channel: 'SMS', count: 1, limit: 0 });
    expect(sms.text.ar).toContain('الرسائل النصية');
  });

  it('refuses more hashtags than Instagram (5) and YouTube (15) take, and more than 30 where a channel sets no cap', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `وسم${i + 1}`);
    expect(drafted([{ channel: 'INSTAGRAM', text: 'نص', hashtags: tags(5) }]).variants[0].hashtags).toHaveLength(5);
    const instagram = refusal({ channel: 'INSTAGRAM', text: 'نص', hashtags: tags(6) });
    expect(instagram.code).toBe('BAD_USER_INPUT');
    expect(instagram.details).toMatchObject({ field: 'variants.0.hashtags', channel: 'INSTAGRAM', count: 6, limit: 5 });
    expect(instagram.text.en).toBe('Instagram allows 5 hashtags; this variant has 6.');
    expect(drafted([{ channel: 'YOUTUBE', text: 'نص', hashtags: tags(15) }]).variants[0].hashtags).toHaveLength(15);
    expect(refusal({ channel: 'YOUTUBE', text: 'نص', hashtags: tags(16) }).details).toMatchObject({ channel: 'YOUTUBE', count: 16, limit: 15 });
    // the same tag twice is one hashtag
    expect(drafted([{ channel: 'INSTAGRAM', text: 'نص', hashtags: [...tags(5), '#وسم1'] }]).variants[0].hashtags).toHaveLength(5);
    expect(drafted([{ channel: 'X', text: 'نص', hashtags: tags(20) }]).variants[0].hashtags).toHaveLength(20);
    expect(drafted([{ channel: 'WEBSITE', text: 'نص', hashtags: tags(30) }]).variants[0].hashtags).toHaveLength(30);
    const website = refusal({ channel: 'WEBSITE', text: 'نص', hashtags: tags(1000) });
    expect(website.details).toMatchObject({ field: 'variants.0.hashtags', channel: 'WEBSITE', count: 1000, limit: 30 });
    expect(website.text.en).toBe('Website allows 30 hashtags; this variant has 1,000.');
  });

  it('takes library paths and web or media: addresses as media, and refuses any other scheme', () => {
    const refs = ['media/riyadh/poster.jpg', 'media/الرياض/ملصق رمضان.jpg', 'https://cdn.example.sa/a.jpg', 'HTTP://cdn.example.sa/b.png', 'media://video/1'];
    expect(drafted([{ channel: 'WEBSITE', text: 'نص', mediaRefs: refs.slice(0, 4) }]).variants[0].mediaRefs).toHaveLength(4);
    expect(drafted([{ channel: 'WEBSITE', text: 'نص', mediaRefs: refs.slice(4) }]).variants[0].mediaRefs).toEqual(['media://video/1']);
    for (const [ref, scheme] of [
      ['javascript:alert(document.cookie)', 'javascript'],
      ['  JavaScript:alert(1)', 'javascript'],
      ['java\tscript:alert(1)', 'javascript'],
      ['data:text/html;base64,PHNjcmlwdD4=', 'data'],
      ['file:///etc/passwd', 'file'],
      ['vbscript:msgbox(1)', 'vbscript'],
    ]) {
      const e = refusal({ channel: 'WEBSITE', text: 'نص', mediaRefs: ['media/riyadh/poster.jpg', ref] });
      expect(e.code).toBe('BAD_USER_INPUT');
      expect(e.details).toMatchObject({ field: 'variants.0.mediaRefs.1', scheme });
      expect(e.text.en).toContain(`"${scheme}:" is not accepted`);
      expect(e.text.ar).toContain('مرجع الوسائط');
    }
  });

  it('refuses < and > on YouTube, in the text or a hashtag; X takes them', () => {
    const e = refusal({ channel: 'YOUTUBE', text: 'المواعيد <محدثة>' });
    expect(e.details).toMatchObject({ field: 'variants.0.text', channel: 'YOUTUBE' });
    expect(e.text.en).toBe('YouTube does not accept the characters < and >.');
    expect(e.text.ar).toContain('يوتيوب');
    expect(refusal({ channel: 'YOUTUBE', text: 'نص', hashtags: ['a>b'] }).details).toMatchObject({ channel: 'YOUTUBE' });
    expect(drafted([{ channel: 'X', text: 'المواعيد <محدثة>' }]).variants[0].text).toBe('المواعيد <محدثة>');
  });
});

import type { DomainError } from '../../../kernel/src/domain';
import { CHANNEL_RULES, Channel, Counting, measure, overflowOffset, validChannel } from './channel';

describe('channel rules', () => {
  it('keeps a limit and its source for every channel of the sector', () => {
    for (const c of Object.values(Channel)) {
      expect(CHANNEL_RULES[c].maxLength).toBeGreaterThan(0);
      expect(CHANNEL_RULES[c].source.length).toBeGreaterThan(20);
    }
    expect(CHANNEL_RULES.X.maxLength).toBe(280);
    expect(CHANNEL_RULES.INSTAGRAM.maxLength).toBe(2200);
  });

  it('counts every URL on X as 23, however long', () => {
    const url = 'https://www.alriyadh.gov.sa/ar/e-services/building-permits/apply?channel=x&lang=ar';
    expect(url.length).toBeGreaterThan(23);
    expect(measure(`See ${url}`, Counting.X_WEIGHTED)).toBe(4 + 23);
    expect(measure(`${url} ${url}`, Counting.X_WEIGHTED)).toBe(23 + 1 + 23);
  });

  it('measures Arabic on X one per letter (not as bytes, not double like CJK)', () => {
    const arabic = 'أمانة منطقة الرياض تطلق خدمة إصدار رخص البناء إلكترونياً';
    expect(measure(arabic, Counting.X_WEIGHTED)).toBe([...arabic].length);
    expect(Buffer.byteLength(arabic)).toBeGreaterThan([...arabic].length);
    expect(measure(`${arabic} https://momrah.gov.sa/ar/news/2026/11/26/very-long-path`, Counting.X_WEIGHTED)).toBe([...arabic].length + 1 + 23);
    expect(measure('بلدي'.repeat(70), Counting.X_WEIGHTED)).toBe(280);
    expect(measure('漢字', Counting.X_WEIGHTED)).toBe(4);
  });

  it('counts YouTube descriptions in UTF-8 bytes and SMS in parts', () => {
    expect(measure('بلدي', Counting.UTF8_BYTES)).toBe(8);
    expect(measure('a'.repeat(160), Counting.SMS_PARTS)).toBe(1);
    expect(measure('a'.repeat(161), Counting.SMS_PARTS)).toBe(2);
    expect(measure('ب'.repeat(70), Counting.SMS_PARTS)).toBe(1);
    expect(measure('ب'.repeat(71), Counting.SMS_PARTS)).toBe(2);
    expect(measure('ب'.repeat(135), Counting.SMS_PARTS)).toBe(3);
  });

  it('finds where a text goes past a limit', () => {
    expect(overflowOffset('abcdef', Counting.CHARACTERS, 4)).toBe(4);
    expect(overflowOffset('abcd', Counting.CHARACTERS, 4)).toBeNull();
    expect(overflowOffset('ب'.repeat(300), Counting.X_WEIGHTED, 280)).toBe(280);
  });

  it('refuses an unknown channel naming the known ones, in both languages', () => {
    expect(validChannel('c', 'instagram')).toBe(Channel.INSTAGRAM);
    try {
      validChannel('channel', 'FAX');
      throw new Error('accepted');
    } catch (e) {
      const d = e as DomainError;
      expect(d.code).toBe('BAD_USER_INPUT');
      expect(d.text.en).toContain('Unknown channel "FAX"');
      expect(d.text.ar).toContain('غير معروفة');
      expect(d.details.known).toContain('X');
    }
  });
});

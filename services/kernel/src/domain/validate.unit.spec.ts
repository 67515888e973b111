import { DomainError } from './errors';
import { misusesBidiControls, optionalText } from './validate';

const TITLE = { label: { en: 'The title', ar: 'العنوان' }, max: 300 };

describe('direction controls in texts people read', () => {
  it('refuses an override, which shows characters in another order than they are stored', () => {
    // حملة<U+202E>gnp.exe reads as «حملة exe.png»
    expect(misusesBidiControls('حملة\u202Egnp.exe')).toBe(true);
    expect(misusesBidiControls('\u202Dabc\u202C')).toBe(true);
    const e = (() => {
      try {
        optionalText('titleAr', 'حملة\u202Egnp.exe', TITLE);
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', text: { en: expect.stringContaining('U+202E'), ar: expect.stringContaining('U+202E') } });
  });

  it('refuses an embedding or isolate left open, and takes closed ones and direction marks', () => {
    expect(misusesBidiControls('رقم \u2067123')).toBe(true);
    expect(misusesBidiControls('رقم \u202B123')).toBe(true);
    expect(misusesBidiControls('رقم \u2067123\u2069 فقط')).toBe(false);
    expect(misusesBidiControls('رقم \u202B123\u202C فقط')).toBe(false);
    // closers pair as the bidirectional algorithm pairs them, not by count
    expect(misusesBidiControls('رقم \u2069\u2067123 فقط')).toBe(true);
    expect(misusesBidiControls('رقم \u2066123\u202C فقط')).toBe(true);
    expect(misusesBidiControls('رقم \u2067\u202B123\u2069 فقط')).toBe(false);
    expect(misusesBidiControls('\u202Cرقم \u2067123\u2069 فقط')).toBe(false);
    expect(optionalText('titleAr', 'مبادرة\u200F 2030 \u200Eand more', TITLE)).toBe('مبادرة\u200F 2030 \u200Eand more');
    expect(optionalText('titleAr', 'مبادرة \u2068Smart City\u2069 للرياض', TITLE)).toBe('مبادرة \u2068Smart City\u2069 للرياض');
  });
});

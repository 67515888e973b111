import { DomainError } from './errors';
import { expectVersion } from './acting';

describe('the expected version of a change', () => {
  it('refuses a stale version with CONFLICT in English and Arabic, and checks nothing when none is given', () => {
    expect(() => expectVersion('initiative', { version: 3 }, 3)).not.toThrow();
    expect(() => expectVersion('initiative', { version: 3 }, null)).not.toThrow();
    expect(() => expectVersion('initiative', { version: 3 }, undefined)).not.toThrow();
    let refused: unknown;
    try {
      expectVersion('initiative', { version: 3 }, 2);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'CONFLICT', details: { expectedVersion: 2, currentVersion: 3 } });
    expect((refused as DomainError).message).toMatch(/The initiative was changed by someone else \(your version 2, current 3\)/);
  });
});

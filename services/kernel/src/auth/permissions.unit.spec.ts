import { DomainError } from '../domain/errors';
import { authorize, requireRoleFor } from './permissions';
import { rolesInArabic } from './caller';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, en: e.text.en, ar: e.text.ar };
    throw e;
  }
  return 'allowed';
};

describe('authorize', () => {
  it("refuses a ministry-only definition elsewhere by naming the ministry, not the caller's own node as the owner", () => {
    const admin = { sub: 'jeddah-admin', node: 'jeddah', roles: ['admin' as const] };
    expect(refusal(() => authorize(admin, 'criterion.define', 'jeddah', 'jeddah'))).toEqual({
      code: 'FORBIDDEN',
      en: 'Only "ministry" may define an integration criterion: such records are its own.',
      ar: expect.stringContaining('"ministry"'),
    });
    expect(authorize({ ...admin, sub: 'ministry-admin', node: 'ministry' }, 'criterion.define', 'ministry', 'ministry').node).toBe('ministry');
  });

  it("refuses another node's record by naming its owner", () => {
    const editor = { sub: 'jeddah-editor', node: 'jeddah', roles: ['editor' as const] };
    expect(refusal(() => authorize(editor, 'initiative.write', 'riyadh'))).toMatchObject({
      code: 'FORBIDDEN',
      en: expect.stringContaining('a record of "riyadh"'),
    });
  });
});

describe('a refusal for want of a role', () => {
  it('names the roles in Arabic as the console does, not by their codes', () => {
    const viewer = { sub: 'v', node: 'riyadh', roles: ['viewer' as const] };
    const refusal = (() => {
      try {
        requireRoleFor(viewer, 'message.review');
      } catch (e) {
        return e as DomainError;
      }
      throw new Error('allowed');
    })();
    expect(refusal.code).toBe('FORBIDDEN');
    expect(refusal.text.ar).toBe('يتطلب هذا الإجراء دور مراجع.');
    expect(rolesInArabic(['editor', 'admin'])).toBe('محرر أو مسؤول');
  });
});

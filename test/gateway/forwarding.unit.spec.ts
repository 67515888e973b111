import { forwardedFor } from '../../gateway/src/forwarding';

describe('where the gateway tells a service it was called, for the links it writes', () => {
  const headers = {
    host: 'node.example:4001',
    'x-forwarded-host': 'calendar.riyadh.example, inner',
    'x-forwarded-proto': 'https',
    'x-forwarded-prefix': '/mmhub',
  };

  it('believes a trusted proxy: its host, scheme and path, the first of each', () => {
    expect(forwardedFor({ headers }, true)).toEqual({
      'x-forwarded-host': 'calendar.riyadh.example',
      'x-forwarded-proto': 'https',
      'x-forwarded-prefix': '/mmhub',
    });
  });

  it('ignores what any other caller says, and gives the Host it was called at, over plain HTTP', () => {
    expect(forwardedFor({ headers }, false)).toEqual({ 'x-forwarded-host': 'node.example:4001', 'x-forwarded-proto': 'http' });
  });

  it('falls back to the Host behind a trusted proxy that says nothing', () => {
    expect(forwardedFor({ headers: { host: 'node.example:4001' } }, true)).toEqual({ 'x-forwarded-host': 'node.example:4001', 'x-forwarded-proto': 'http' });
  });
});

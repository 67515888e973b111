import { parse } from 'graphql';
import { clientAddress, rootFields } from '../../gateway/src/identity';

describe('the address a request is counted under', () => {
  const from = (remoteAddress: string, forwarded?: string) => ({
    socket: { remoteAddress },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  });

  it('is the socket’s peer, whatever X-Forwarded-For claims, when no proxy is trusted', () => {
    expect(clientAddress(from('192.0.2.10', '203.0.113.9'), new Set())).toBe('192.0.2.10');
    expect(clientAddress(from('::ffff:192.0.2.10'), new Set())).toBe('192.0.2.10');
  });

  it('is the nearest address a trusted proxy vouches for', () => {
    const proxies = new Set(['10.0.0.5', '10.0.0.6']);
    // the client wrote 198.51.100.1 itself; the outer proxy saw 203.0.113.9, the inner one the outer proxy
    expect(clientAddress(from('10.0.0.5', '198.51.100.1, 203.0.113.9, 10.0.0.6'), proxies)).toBe('203.0.113.9');
    expect(clientAddress(from('::ffff:10.0.0.5', '203.0.113.9'), proxies)).toBe('203.0.113.9');
  });

  it('is the proxy itself when the header is missing or not an address', () => {
    const proxies = new Set(['10.0.0.5']);
    expect(clientAddress(from('10.0.0.5'), proxies)).toBe('10.0.0.5');
    expect(clientAddress(from('10.0.0.5', 'not-an-address'), proxies)).toBe('10.0.0.5');
  });
});

describe('the root fields of an operation', () => {
  const names = (text: string, operation?: string) => rootFields(parse(text), operation)?.fields.map((f) => f.name.value);

  it('takes fields through fragment spreads, nested fragments and inline fragments', () => {
    expect(names('mutation { a ...F ... on Mutation { b } } fragment F on Mutation { c ...G } fragment G on Mutation { d }')).toEqual(['a', 'c', 'd', 'b']);
  });

  it('takes the named operation, and says which kind it is', () => {
    const doc = parse('query Q { x } mutation M { ...F } fragment F on Mutation { y }');
    expect(rootFields(doc, 'M')).toMatchObject({ operation: 'mutation', fields: [{ name: { value: 'y' } }] });
    expect(rootFields(doc, 'Q')).toMatchObject({ operation: 'query', fields: [{ name: { value: 'x' } }] });
    expect(rootFields(doc, 'Nope')).toBeUndefined();
  });

  it('stops at a fragment that spreads itself', () => {
    expect(names('mutation { ...F } fragment F on Mutation { a ...F }')).toEqual(['a']);
  });
});

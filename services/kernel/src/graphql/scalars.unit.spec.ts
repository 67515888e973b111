import { GraphQLError, Kind } from 'graphql';
import { DateTimeScalar } from './scalars';

const parsed = (value: string) => DateTimeScalar.parseValue(value);
const refusal = (value: string) => {
  try {
    DateTimeScalar.parseValue(value);
  } catch (e) {
    return { code: (e as GraphQLError).extensions.code, ar: Boolean((e as GraphQLError).extensions.messageAr) };
  }
  return 'accepted';
};

describe('DateTime', () => {
  it('takes an instant with its offset', () => {
    expect(parsed('2027-02-28T09:00:00+03:00').toISOString()).toBe('2027-02-28T06:00:00.000Z');
    expect(parsed('2028-02-29T23:59:59.5Z').toISOString()).toBe('2028-02-29T23:59:59.500Z');
    expect(parsed('2027-03-01T00:00-05:30').toISOString()).toBe('2027-03-01T05:30:00.000Z');
  });

  it.each([
    '2027-02-30T09:00:00+03:00',
    '2027-02-29T09:00:00Z',
    '2027-04-31T10:00:00Z',
    '2027-13-01T10:00:00Z',
    '2027-04-30T24:00:00Z',
    '2027-04-30T23:60:00Z',
    '2027-04-30T23:59:60Z',
    '2027-04-30T10:00:00+24:00',
    '2027-04-30T10:00:00+03:60',
  ])('refuses %s rather than reading it as another day', (value) => {
    expect(refusal(value)).toEqual({ code: 'BAD_USER_INPUT', ar: true });
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.STRING, value })).toThrow(GraphQLError);
  });
});

import type { z } from 'zod';

/** Each assignable to the other: an enum and the union of its members are the same, an interface and its object literal too. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The same fields, each of the same type. */
type SameShape<A, B> = Same<A, B> extends true ? Same<keyof A, keyof B> : false;

interface Mismatch<S, T> {
  'the zod schema does not describe the TypeScript type exactly': {
    onlyInSchema: Exclude<keyof S, keyof T>;
    onlyInType: Exclude<keyof T, keyof S>;
    differing: { [K in keyof S & keyof T]: Same<S[K], T[K]> extends true ? never : K }[keyof S & keyof T];
  };
}

/**
 * Returns the schema as given; it compiles only when what the schema accepts is exactly `T` (its
 * enums as the service's own, `z.enum(Status)`), so a field added to, removed from or retyped in a
 * service's state fails the build until its event schema follows, and a consumer reads the state
 * as the producer's type.
 */
export const describing =
  <T>() =>
  <S extends z.ZodType>(schema: S & (SameShape<z.output<S>, T> extends true ? unknown : Mismatch<z.output<S>, T>)): S =>
    schema;

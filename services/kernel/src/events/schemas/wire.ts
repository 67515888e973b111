import type { z } from 'zod';

/** A TypeScript type as it travels in JSON: string enums become their values. */
export type Wire<T> = T extends string
  ? `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends readonly (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

type Equals<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true : false;

interface Mismatch<S, T> {
  'the zod schema does not describe the TypeScript type exactly': {
    onlyInSchema: Exclude<keyof S, keyof T>;
    onlyInType: Exclude<keyof T, keyof S>;
    differing: { [K in keyof S & keyof T]: Equals<S[K], T[K]> extends true ? never : K }[keyof S & keyof T];
  };
}

/**
 * Returns the schema as given; it compiles only when what the schema accepts is exactly the JSON
 * form of `T`, so a field added to, removed from or retyped in a service's state fails the build
 * until its event schema follows.
 */
export const describing =
  <T>() =>
  <S extends z.ZodType>(schema: S & (Equals<z.output<S>, Wire<T>> extends true ? unknown : Mismatch<z.output<S>, Wire<T>>)): S =>
    schema;

/** Compile-time checks for type-level tests: a mismatch fails `npm run typecheck`. */
export type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Compiles only when `T` is `true`. */
export const assertType = <T extends true>(): T => true as T;

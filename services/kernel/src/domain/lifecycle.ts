import { invalidTransition } from './errors';

/** A state machine given as data: from each state, the states it may move to. */
export class Lifecycle<S extends string> {
  constructor(
    readonly what: string,
    private readonly transitions: Record<S, readonly S[]>,
  ) {}

  allowed(from: S): readonly S[] {
    return this.transitions[from];
  }

  /** Throws INVALID_TRANSITION, naming what is allowed, unless from → to is legal. */
  assert(from: S, to: S): void {
    if (!this.transitions[from].includes(to)) throw invalidTransition(this.what, from, to, this.transitions[from]);
  }

  isFinal(s: S): boolean {
    return this.transitions[s].length === 0;
  }
}

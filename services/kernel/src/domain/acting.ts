import { conflict } from './errors';

/** Who makes a change, where and when; `id` is the id a new aggregate gets. */
export interface Acting {
  id: string;
  node: string;
  by: string;
  now: Date;
}

/** Who changes an existing aggregate: no new id. */
export type Actor = Omit<Acting, 'id'>;

/** Guards optimistic concurrency: the caller changes the version they saw; none given, none checked. */
export function expectVersion(what: string, state: { version: number }, expected: number | null | undefined): void {
  if (expected != null && expected !== state.version) throw conflict(what, expected, state.version);
}

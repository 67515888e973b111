/** LIVE: heard from lately; STALE: heard from before, not lately; SILENT: never heard from. */
export enum NodeLiveness {
  LIVE = 'LIVE',
  STALE = 'STALE',
  SILENT = 'SILENT',
}

/** A node's liveness from the last time it was heard (heartbeat or event). */
export function liveness(lastHeard: Date | null, now: Date, staleAfterSeconds: number): NodeLiveness {
  if (!lastHeard) return NodeLiveness.SILENT;
  return now.getTime() - lastHeard.getTime() <= staleAfterSeconds * 1000 ? NodeLiveness.LIVE : NodeLiveness.STALE;
}

export const latest = (...dates: Array<Date | null | undefined>): Date | null => dates.reduce<Date | null>((a, d) => (d && (!a || d > a) ? d : a), null);

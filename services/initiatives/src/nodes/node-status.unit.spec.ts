import { latest, liveness, NodeLiveness } from './node-status';

describe('node liveness', () => {
  const now = new Date('2026-11-26T10:00:00Z');
  it('is LIVE when heard from within the threshold, STALE after it, SILENT when never heard', () => {
    expect(liveness(new Date('2026-11-26T09:59:40Z'), now, 30)).toBe(NodeLiveness.LIVE);
    expect(liveness(new Date('2026-11-26T09:59:30Z'), now, 30)).toBe(NodeLiveness.LIVE);
    expect(liveness(new Date('2026-11-26T09:59:29Z'), now, 30)).toBe(NodeLiveness.STALE);
    expect(liveness(null, now, 30)).toBe(NodeLiveness.SILENT);
  });
  it('takes the latest of heartbeats and events', () => {
    expect(latest(null, new Date(1), new Date(3), undefined, new Date(2))).toEqual(new Date(3));
    expect(latest(null, undefined)).toBeNull();
  });
});

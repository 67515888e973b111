import { Writable } from 'node:stream';
import { createLogger } from '../../services/kernel/src/observability';
import { runStops } from '../../services/kernel/src/service';

/** A logger whose lines are kept, parsed. */
function keptLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(
        ...String(chunk)
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>),
      );
      done();
    },
  });
  return { log: createLogger('info', {}, sink), lines };
}

describe('stopping a service part by part', () => {
  it('names a part that is slow to stop, while it waits and once it has stopped', async () => {
    const { log, lines } = keptLogger();
    let releaseRelay!: () => void;
    const relayStopped = new Promise<void>((resolve) => (releaseRelay = resolve));
    const order: string[] = [];
    const stopping = runStops(
      [
        ['HTTP server', async () => void order.push('HTTP server')],
        ['outbox relay', async () => void (await relayStopped, order.push('outbox relay'))],
        ['database', async () => void order.push('database')],
      ],
      log,
      50,
    );
    // the warning comes while the relay still holds the stop, not only after it
    for (let i = 0; !lines.some((l) => l.msg === 'still stopping the outbox relay'); i++) {
      if (i > 200) throw new Error('no warning while the relay was slow to stop');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(order).toEqual(['HTTP server']);
    releaseRelay();
    await stopping;
    expect(order).toEqual(['HTTP server', 'outbox relay', 'database']);
    const took = lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('stopping the outbox relay took'));
    expect(took).toMatchObject({ part: 'outbox relay', level: 40 });
    expect(took!.ms as number).toBeGreaterThanOrEqual(50);
    // the quick parts say nothing
    expect(lines.filter((l) => l.part !== 'outbox relay')).toEqual([]);
  });

  it('stops every part even when one fails, and names the one that failed', async () => {
    const { log, lines } = keptLogger();
    const order: string[] = [];
    await runStops(
      [
        ['consumers', async () => Promise.reject(new Error('group coordinator gone'))],
        ['database', async () => void order.push('database')],
      ],
      log,
    );
    expect(order).toEqual(['database']);
    expect(lines).toEqual([expect.objectContaining({ part: 'consumers', err: 'group coordinator gone', msg: 'error while stopping the consumers' })]);
  });
});

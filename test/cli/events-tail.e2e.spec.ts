import { run } from '../../cli/program';
import { PROPOSE, proposal } from '../initiatives/fixtures';
import { startNodeProcess, type NodeProcess } from '../support/process';
import { sink } from '../support/output';

describe('mmhub events tail on a node whose broker does not answer', () => {
  let riyadh: NodeProcess;
  beforeAll(async () => {
    riyadh = await startNodeProcess('riyadh');
  }, 200_000);
  afterAll(() => riyadh?.dispose());

  it('follows the node’s gateway in development, saying why, and names both when neither answers', async () => {
    const proposed = await riyadh.graphql(PROPOSE, { input: proposal() }, await riyadh.token(['editor']));
    expect(proposed.errors).toBeUndefined();
    const port = new URL(riyadh.url).port;
    // the node runs on Kafka; the command is given a broker address that takes no connection (port 9)
    const env = { MMHUB_PORT: port, MMHUB_KAFKA_BROKERS: '127.0.0.1:9' };
    const stop = new AbortController();
    const stdout = sink();
    const stderr = sink();
    const running = run(['events', 'tail', '--since', '1d', '--type', 'mmhub.initiative.*'], { env, io: { stdout, stderr, signal: stop.signal } });
    await new Promise<void>((resolve, reject) => {
      stdout.on('data', () => stdout.text().includes('\n') && resolve());
      void running.then((code) => reject(new Error(`events tail ended (${code}) before any event: ${stderr.text()}`)));
    });
    stop.abort();
    expect(await running).toBe(0);
    expect(stderr.text()).toContain(`following the events subscription at http://127.0.0.1:${port}/graphql (riyadh; no broker answers)`);
    const first = JSON.parse(stdout.text().split('\n')[0]) as { type: string; node: string; subject: string };
    expect(first).toMatchObject({ type: 'mmhub.initiative.proposed.v1', node: 'riyadh', subject: proposed.data!.proposeInitiative.id });

    // with neither a broker nor a gateway answering, the message names both
    const out = sink();
    const err = sink();
    const code = await run(['events', 'tail'], { env: { MMHUB_PORT: '9', MMHUB_KAFKA_BROKERS: '127.0.0.1:9' }, io: { stdout: out, stderr: err } });
    expect(code).toBe(1);
    expect(err.text()).toContain('no broker answers at 127.0.0.1:9 (MMHUB_KAFKA_BROKERS); nor does a gateway at http://127.0.0.1:9');
  }, 120_000);
});

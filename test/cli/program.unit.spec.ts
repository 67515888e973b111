import os from 'node:os';
import { PassThrough } from 'node:stream';
import { decodeJwt } from 'jose';
import { run, EXIT } from '../../cli/program';
import { progress } from '../../cli/progress';

function io() {
  let out = '';
  let err = '';
  const stdout = new PassThrough().on('data', (c) => (out += c));
  const stderr = new PassThrough().on('data', (c) => (err += c));
  return { stdout, stderr, out: () => out, err: () => err };
}

async function mmhub(argv: string[], env: Record<string, string | undefined> = {}) {
  const s = io();
  const code = await run(argv, { env, io: s });
  return { code, stdout: s.out(), stderr: s.err() };
}

describe('the mmhub command line', () => {
  it('has help of its own for every command, by --help and by mmhub help <command>', async () => {
    for (const command of ['start', 'serve', 'migrate', 'compose', 'rebuild', 'status', 'token', 'events', 'prepare']) {
      const byFlag = await mmhub([command, '--help']);
      expect({ command, code: byFlag.code }).toEqual({ command, code: 0 });
      expect(byFlag.stdout).toContain(`Usage: mmhub ${command}`);
      expect((await mmhub(['help', command])).stdout).toBe(byFlag.stdout);
    }
    const top = await mmhub(['help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Exit codes:\n {2}0 {3}done\n {2}1 {3}failed.*\n {2}2 {3}used wrongly.*\n {2}78 {2}the configuration is wrong/);
    expect((await mmhub(['token', '--help'])).stdout).toMatch(/--ttl <duration> +the lifetime, longer than zero/);
  });

  it('prints its version', async () => {
    const r = await mmhub(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${require('../../package.json').version}\n`, stderr: '' });
  });

  it('exits 2 on a usage error, saying what is wrong; 78 on a configuration error, naming the variable', async () => {
    const usage: Array<[string[], RegExp]> = [
      [['launch'], /unknown command 'launch'/],
      [['help', 'launch'], /unknown command 'launch'/],
      [['status', '--colour'], /unknown option '--colour'/],
      [['token'], /required option '--roles <r1,r2>' not specified/],
      [['token', '--roles', 'viewer', '--ttl', '0s'], /--ttl must be longer than zero; got "0s"/],
      [['token', '--roles', 'king'], /--roles takes a comma-separated list of/],
      [['serve', '--service', 'billing'], /--service must be one of: initiatives, calendar, media; got "billing"/],
      [['status', '--port', '-1'], /--port takes a port number from 0 to 65535; got "-1"/],
      [['start', '--port', '70000'], /--port takes a port number from 0 to 65535; got "70000"/],
      [['status', '--port', ''], /--port takes a port number/],
      [['status', '--node', 'الرياض'], /--node takes a node code such as riyadh/],
      // asked before any download
      [['export', 'initiatives', '--out', '/nonexistent/dir/x.csv'], /--out: the folder \/nonexistent\/dir does not exist/],
      [['export', 'initiatives', '--out', os.tmpdir()], /--out names the folder/],
      [['export', 'initiatives', '--out', `${os.tmpdir()}/${'x'.repeat(300)}.csv`], /--out: the file name is too long/],
      // a port only where one is used
      [['token', '--roles', 'viewer', '--port', '4000'], /unknown option '--port'/],
      [['migrate', '--port', '4000'], /unknown option '--port'/],
      [['rebuild', '--port', '4000'], /unknown option '--port'/],
      // column headers are a CSV's alone
      [['export', 'initiatives', '--format', 'json', '--headers', 'ar'], /--headers applies to CSV only/],
      [[], /Usage: mmhub/],
    ];
    for (const [argv, message] of usage) {
      const r = await mmhub(argv, { MMHUB_NODE: 'riyadh' });
      expect({ argv, code: r.code }).toEqual({ argv, code: EXIT.usage });
      expect(r.stderr).toMatch(message);
    }
    const config = await mmhub(['token', '--roles', 'viewer'], { MMHUB_NODE: 'Riyadh!' });
    expect(config.code).toBe(EXIT.configuration);
    expect(config.stderr).toMatch(/MMHUB_NODE: must be a node code/);
    const renamed = await mmhub(['token', '--roles', 'viewer'], { NODE: 'riyadh' });
    expect(renamed.code).toBe(EXIT.configuration);
    expect(renamed.stderr).toMatch(/NODE: is now MMHUB_NODE; set MMHUB_NODE instead and unset NODE/);
  });

  it('takes no notice of the NODE npm and npx set to the path of node', async () => {
    const r = await mmhub(['token', '--roles', 'viewer'], { NODE: process.execPath, MMHUB_NODE: 'riyadh' });
    expect(r.code).toBe(0);
    expect(decodeJwt(r.stdout.trim())).toMatchObject({ node: 'riyadh' });
  });

  it("issues a token for the environment's node, or --node's", async () => {
    const fromEnv = await mmhub(['token', '--roles', 'viewer'], { MMHUB_NODE: 'jeddah' });
    expect(fromEnv.code).toBe(0);
    expect(decodeJwt(fromEnv.stdout.trim())).toMatchObject({ node: 'jeddah', roles: ['viewer'] });
    const fromFlag = await mmhub(['token', '--roles', 'editor', '--node', 'riyadh'], { MMHUB_NODE: 'jeddah' });
    expect(decodeJwt(fromFlag.stdout.trim())).toMatchObject({ node: 'riyadh', roles: ['editor'] });
  });

  it('events tail and export say at once that they need a broker (or, for tail, a gateway) where none answers, exit 1', async () => {
    const started = Date.now();
    // port 1: no gateway either, whatever else runs on this machine
    const tail = await mmhub(['events', 'tail'], { MMHUB_KAFKA_BROKERS: '127.0.0.1:1', MMHUB_PORT: '1' });
    expect(tail.code).toBe(EXIT.failure);
    expect(tail.stderr).toContain('no broker answers at 127.0.0.1:1 (MMHUB_KAFKA_BROKERS); nor does a gateway at http://127.0.0.1:1');
    expect(tail.stderr).toContain('--gateway <url> --token');
    const exported = await mmhub(['events', 'export', '--since', '1d', '--until', 'now', '--format', 'csv', '--out', '-'], {
      MMHUB_KAFKA_BROKERS: '127.0.0.1:1',
    });
    expect(exported.code).toBe(EXIT.failure);
    expect(exported.stderr).toContain('no broker answers');
    // no retries of a client that keeps trying
    expect(tail.stderr).not.toMatch(/kafka:/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('the progress report', () => {
  const capture = (tty: boolean) => {
    let text = '';
    const out = Object.assign(
      new PassThrough().on('data', (c) => (text += c)),
      { isTTY: tty },
    );
    return { out, text: () => text };
  };

  it('redraws a bar in place on a terminal', () => {
    const t = capture(true);
    const bar = progress(t.out);
    bar.update(0, 200);
    bar.update(200, 200);
    bar.finish();
    expect(t.text()).toContain('\r[');
    expect(t.text()).toMatch(/100% {2}200\/200 records\n$/);
  });

  it('writes plain lines, a tenth at a time and never a carriage return, when the output is not a terminal', () => {
    const t = capture(false);
    const bar = progress(t.out);
    for (let done = 0; done <= 1000; done++) bar.update(done, 1000, 'initiatives');
    bar.finish();
    expect(t.text()).not.toContain('\r');
    const lines = t.text().trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[10]).toMatch(/^initiatives +100% {2}1000\/1000 records$/);
  });
});

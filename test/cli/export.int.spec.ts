import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { run } from '../../cli/program';
import { kafkaBrokers } from '../support/node';
import { csvOf, columnsOf } from '../../gateway/src/open-data';
import { freePorts, startDemo, tokensIn } from '../console/demo';
import { ROOT } from '../support/infra';
import { sink } from '../support/output';

/** `mmhub <argv>` in this process, on the given environment (by default none: npm's own variables stay out); its exit code and what it wrote. */
async function mmhub(argv: string[], env: Record<string, string | undefined> = {}, signal?: AbortSignal) {
  const stdout = sink();
  const stderr = sink();
  const code = await run(argv, { env, io: { stdout, stderr, signal } });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const rowsOf = (csv: string): string[][] => parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];

describe('open data on the demo federation: mmhub export and the download at the gateway', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mmhub-export-'));
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'mmhub-export-out-'));
  let demo: Awaited<ReturnType<typeof startDemo>> | undefined;
  let port: number;
  let hub: string;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    port = await freePorts();
    hub = `http://127.0.0.1:${port}`;
    demo = await startDemo(dataDir, port);
    tokens = tokensIn(dataDir);
  }, 900_000);

  afterAll(async () => {
    await demo?.kill();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('writes a CSV with a BOM, one column per field, every record the API gives, and Arabic headers when asked', async () => {
    const file = path.join(outDir, 'initiatives.csv');
    const r = await mmhub(['export', 'initiatives', '--port', String(port), '--out', file]);
    expect(r).toMatchObject({ code: 0 });
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = rowsOf(bytes.toString('utf8'));
    expect(rows[0]).toEqual(columnsOf('initiatives').map((c) => c.en));
    const json = await mmhub(['export', 'initiatives', '--port', String(port), '--format', 'json']);
    const records = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(rows.length - 1).toBe(records.length);
    expect(r.stderr).toContain(`exported ${records.length} initiatives`);
    // the hub holds the whole sector's copies
    expect(new Set(records.map((i) => i.node))).toEqual(new Set(['ministry', 'riyadh', 'jeddah']));
    // a list is one cell, its items joined; nothing is left as JSON
    const targets = rows[0].indexOf('targets');
    const withTargets = rows.slice(1).find((row) => row[targets]);
    expect(withTargets?.[targets]).toMatch(/^[^[{].*: \d/);

    const arabic = await mmhub(['export', 'initiatives', '--port', String(port), '--headers', 'ar']);
    expect(arabic.stdout.startsWith('\uFEFF')).toBe(true);
    expect(rowsOf(arabic.stdout)[0]).toEqual(columnsOf('initiatives').map((c) => c.ar));
    expect(rowsOf(arabic.stdout)[0]).toContain('العنوان');
  }, 120_000);

  it('defuses a cell a spreadsheet would run as a formula', () => {
    const line = csvOf('messages', { id: 'm1', bodyAr: '=HYPERLINK("http://evil.example","انقر")', authors: ['+a', 'b'] });
    const cells = rowsOf(line)[0];
    expect(cells[columnsOf('messages').findIndex((c) => c.key === 'bodyAr')]).toBe('\'=HYPERLINK("http://evil.example","انقر")');
    expect(cells[columnsOf('messages').findIndex((c) => c.key === 'authors')]).toBe("'+a; b");
  });

  it("exports a municipality's own view at its node, and a progress report a row", async () => {
    const riyadh = await mmhub(['export', 'initiatives', '--node', 'riyadh', '--port', String(port + 1), '--format', 'ndjson']);
    expect(riyadh.code).toBe(0);
    const nodes = new Set(
      riyadh.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { node: string }).node),
    );
    expect(nodes.has('riyadh')).toBe(true);
    expect(nodes.has('jeddah')).toBe(false);
    const progress = await mmhub(['export', 'progress', '--port', String(port), '--format', 'json']);
    const reports = JSON.parse(progress.stdout) as Array<{ initiativeId: string; percentComplete: number }>;
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((p) => p.initiativeId && typeof p.percentComplete === 'number')).toBe(true);
    // to a file, its bar follows the initiatives and ends full, those without reports counted too
    const toFile = await mmhub(['export', 'progress', '--port', String(port), '--format', 'json', '--out', path.join(outDir, 'progress.json')]);
    expect(toFile.code).toBe(0);
    expect(toFile.stderr).toMatch(/100%\s+(\d+)\/\1 initiatives/);
  }, 120_000);

  it('finishes its file and exits 0 when the reader of its progress goes away (mmhub export … 2>&1 | head -1)', async () => {
    const file = path.join(outDir, 'progress-piped.ndjson');
    const cli = spawn(
      process.execPath,
      [path.join(ROOT, 'dist/cli/main.js'), 'export', 'progress', '--port', String(port), '--format', 'ndjson', '--out', file],
      {
        env: { PATH: process.env.PATH },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    // the reader takes the first line and leaves, as head does
    cli.stderr!.once('data', () => cli.stderr!.destroy());
    const [code] = (await once(cli, 'exit')) as [number];
    expect(code).toBe(0);
    expect(readFileSync(file, 'utf8').trim().split('\n').length).toBeGreaterThan(0);
    expect(readdirSync(outDir).filter((f) => f.includes('.partial-'))).toEqual([]);
  }, 120_000);

  it('says which node answers when the port is another node’s', async () => {
    const r = await mmhub(['export', 'calendar', '--node', 'riyadh', '--port', String(port)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is ministry's, not riyadh's");
  }, 60_000);

  it('exports no draft to a caller who may not read it: the hub’s viewer has none of riyadh’s, its reviewer has them', async () => {
    const asViewer = await mmhub(['export', 'calendar', '--port', String(port), '--format', 'json', '--token', tokens.MINISTRY_VIEWER]);
    const asReviewer = await mmhub(['export', 'calendar', '--port', String(port), '--format', 'json', '--token', tokens.MINISTRY_REVIEWER]);
    const drafts = (out: string) => (JSON.parse(out) as Array<{ node: string; status: string }>).filter((c) => c.node !== 'ministry' && c.status === 'DRAFT');
    expect(drafts(asReviewer.stdout).length).toBeGreaterThan(0);
    expect(drafts(asViewer.stdout)).toEqual([]);
  }, 120_000);

  it('refuses an unknown dataset as a usage error listing the valid ones', async () => {
    const r = await mmhub(['export', 'budgets', '--port', String(port)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('initiatives, progress, calendar, messages');
  });

  it('serves the same at the gateway: 401 without a valid token, a streamed attachment with one, gzip when asked', async () => {
    const none = await fetch(`${hub}/export/initiatives.csv`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await none.json()) as { errors: Array<{ extensions: Record<string, string> }> }).errors[0].extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      messageAr: expect.any(String),
    });
    const forged = await fetch(`${hub}/export/initiatives.csv`, { headers: { authorization: 'Bearer not-a-token' } });
    expect(forged.status).toBe(401);

    // a language it does not have, or headers for JSON, is said so rather than ignored
    for (const [path, said] of [
      ['initiatives.csv?headers=fr', 'headers takes ar or en'],
      ['initiatives.json?headers=ar', 'headers applies to CSV only'],
    ]) {
      const bad = await fetch(`${hub}/export/${path}`, { headers: { authorization: `Bearer ${tokens.MINISTRY_VIEWER}` } });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: Array<{ message: string; extensions: Record<string, string> }> }).errors[0]).toMatchObject({
        message: expect.stringContaining(said),
        extensions: { code: 'BAD_USER_INPUT', messageAr: expect.stringContaining('headers') },
      });
    }
    const csv = await fetch(`${hub}/export/initiatives.csv?headers=ar`, { headers: { authorization: `Bearer ${tokens.MINISTRY_VIEWER}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="ministry-initiatives-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = rowsOf(await csv.text());
    expect(rows[0]).toEqual(columnsOf('initiatives').map((c) => c.ar));
    expect(rows.length - 1).toBe(Number(csv.headers.get('x-total-count')));

    // Node's fetch undoes gzip by itself: a raw request shows the encoding
    const gz = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      const http = require('node:http') as typeof import('node:http');
      http
        .get(`${hub}/export/messages.json`, { headers: { authorization: `Bearer ${tokens.MINISTRY_VIEWER}`, 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });
    expect(gz.encoding).toBe('gzip');
    expect(Array.isArray(JSON.parse(gunzipSync(gz.body).toString('utf8')))).toBe(true);

    // only the exact paths: a neighbour of one is not served
    for (const p of ['/export/initiatives.xlsx', '/export/initiatives.csv/', '/export/initiatives.csv;x', '/EXPORT/initiatives.csv', '/export/budgets.csv']) {
      const r = await fetch(`${hub}${p}`, { headers: { authorization: `Bearer ${tokens.MINISTRY_VIEWER}` } });
      expect([p, r.status]).toEqual([p, 404]);
    }
  }, 120_000);

  it('events tail follows the hub’s events subscription on the demo, asked with --gateway or --port, or because the demo has no broker', async () => {
    const follow = async (argv: string[], env: Record<string, string | undefined>) => {
      const stop = new AbortController();
      const stdout = sink();
      const stderr = sink();
      const running = run(argv, { env, io: { stdout, stderr, signal: stop.signal } });
      // the seed's events are in the hub's journal: the stream replays them, then stays open
      await new Promise<void>((resolve, reject) => {
        const check = () => stdout.text().split('\n').length > 3 && resolve();
        stdout.on('data', check);
        void running.then((code) => reject(new Error(`events tail ended (${code}) before any event: ${stderr.text()}`)));
      });
      stop.abort();
      expect(await running).toBe(0);
      return {
        lines: stdout
          .text()
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>),
        stderr: stderr.text(),
      };
    };
    const asked = await follow(['events', 'tail', '--since', '1d', '--type', 'mmhub.campaign.*', '--gateway', hub, '--token', tokens.MINISTRY_ANALYST], {});
    expect(asked.lines[0]).toMatchObject({
      specversion: '1.0',
      type: expect.stringMatching(/^mmhub\.campaign\./),
      cursor: expect.any(String),
      data: expect.any(Object),
    });
    expect(asked.lines.every((e) => String(e.type).startsWith('mmhub.campaign.'))).toBe(true);

    // the demo's gateway says its bus is in-process: followed, with no broker at the address configured (port 9 takes no connection)
    const fallback = await follow(['events', 'tail', '--since', '1d'], { MMHUB_PORT: String(port), MMHUB_KAFKA_BROKERS: '127.0.0.1:9' });
    expect(fallback.stderr).toContain('(ministry; its events are on an in-process bus, not Kafka)');
    expect(fallback.lines.every((e) => ['ministry', 'riyadh', 'jeddah'].includes(String(e.node)) && String(e.type).startsWith('mmhub.'))).toBe(true);

    // and when the suite's broker answers, which is not the demo's log
    const brokers = { MMHUB_KAFKA_BROKERS: kafkaBrokers() };
    const demo = await follow(['events', 'tail', '--since', '1d'], { ...brokers, MMHUB_PORT: String(port) });
    expect(demo.stderr).toContain(
      `following the events subscription at http://127.0.0.1:${port}/graphql (ministry; its events are on an in-process bus, not Kafka)`,
    );
    const pointed = await follow(['events', 'tail', '--since', '1d', '--port', String(port)], brokers);
    expect(pointed.stderr).toContain('(ministry; --port)');
    const nowhere = await mmhub(['events', 'tail', '--port', '9'], brokers);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('no gateway answers at http://127.0.0.1:9 (--port 9)');

    const exported = await mmhub(['events', 'export', '--since', '1d', '--until', 'now', '--format', 'csv', '--out', '-'], {
      MMHUB_KAFKA_BROKERS: '127.0.0.1:9',
    });
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain('needs a broker');
  }, 180_000);
});

import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Config } from '../services/kernel/src/config';
import { exportWriter, type ExportFormat, type ExportName } from '../gateway/src/open-data';
import { developmentToken } from './token';
import { progress } from './progress';
import { Failure, UsageError } from './errors';
import { requireWritableOut, type Io } from './io';

export interface ExportCommand {
  what: ExportName;
  format: ExportFormat;
  /** A file, or - (the default) for stdout. */
  out?: string;
  headers: 'ar' | 'en';
  /** The node's gateway, e.g. http://127.0.0.1:4000; else MMHUB_HOST:MMHUB_PORT of the configured node. */
  gateway?: string;
  token?: string;
}

/** The gateway's address without its /graphql, as given or as configured. */
export function gatewayBase(config: Config, given?: string): string {
  if (given) {
    let url: URL;
    try {
      url = new URL(given);
    } catch {
      throw new UsageError(`--gateway: "${given}" is not a URL; give the node's address, e.g. http://127.0.0.1:4000`);
    }
    return url.origin;
  }
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host}:${config.port}`;
}

/** The token to call as: the one given, else in development the node's viewer's. */
export async function callerToken(config: Config, given: string | undefined, role = 'viewer'): Promise<string> {
  if (given) return given;
  if (config.mode === 'production') throw new UsageError('--token: give a token of the node; a development token is not made in production mode');
  return developmentToken(config, { roles: role, ttl: '1h' });
}

/**
 * Which node answers at a gateway: a development token made for one node must not be sent to
 * another's gateway (on the demo, --node riyadh needs riyadh's --port too).
 */
async function answeringNode(base: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${base}/ready`, { signal: AbortSignal.timeout(10_000) });
    return ((await res.json()) as { node?: string }).node;
  } catch {
    return undefined;
  }
}

/**
 * `mmhub export <what>`: the node's download at its gateway (/export/<what>.ndjson, read with the
 * caller's permissions), written here as CSV, JSON or NDJSON, with a progress bar on stderr when the
 * output is a file or stderr a terminal.
 */
export async function exportData(o: ExportCommand, config: Config, io: Io): Promise<void> {
  if (o.out && o.out !== '-') await requireWritableOut(o.out);
  const base = gatewayBase(config, o.gateway);
  if (!o.token) {
    const node = await answeringNode(base);
    if (node === undefined) throw new Error(`no gateway answers at ${base}: start the node (or the demo, npm start), or give its address with --gateway`);
    if (node !== config.node)
      throw new UsageError(
        `the gateway at ${base} is ${node}'s, not ${config.node}'s: give ${config.node}'s --port (on the demo, riyadh is at MMHUB_PORT+1 and jeddah at MMHUB_PORT+2) or --gateway`,
      );
  }
  const token = await callerToken(config, o.token);
  let res: Response;
  try {
    res = await fetch(`${base}/export/${o.what}.ndjson`, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } });
  } catch (e) {
    throw new Error(
      `no gateway answers at ${base} (${(e as Error).cause ? String((e as { cause: Error }).cause.message) : (e as Error).message}): start the node, or give its address with --gateway`,
    );
  }
  if (res.status !== 200 || !res.body) {
    const body = (await res.json().catch(() => ({}))) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
    const e = body.errors?.[0];
    io.stderr.write(
      `mmhub export: ${base} refused the export (${res.status}${e?.extensions?.code ? ` ${e.extensions.code}` : ''}): ${e?.message ?? res.statusText}\n`,
    );
    throw new Failure();
  }
  const total = Number(res.headers.get('x-total-count') ?? NaN);
  const toStdout = !o.out || o.out === '-';
  const partial = toStdout ? null : `${o.out}.partial-${randomBytes(3).toString('hex')}`;
  const sink = partial ? createWriteStream(partial) : io.stdout;
  // stdout is the data: a bar goes to stderr only when that does not mix with it on one terminal
  const bar = !toStdout || io.stderr.isTTY ? progress(io.stderr, o.what === 'progress' ? 'initiatives' : 'records') : undefined;
  const writer = exportWriter(o.what, o.format, o.headers === 'ar');
  const put = async (text: string) => {
    if (text && !sink.write(text)) await once(sink, 'drain');
  };
  let count = 0;
  const initiatives = new Set<unknown>();
  try {
    await put(writer.start());
    const lines = createInterface({ input: Readable.fromWeb(res.body as unknown as WebReadableStream), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const record = JSON.parse(line) as Record<string, unknown>;
      await put(writer.record(record));
      count++;
      // a progress export counts its reports; the bar follows the initiatives they come from
      if (o.what === 'progress') initiatives.add(record.initiativeId);
      if (Number.isFinite(total)) bar?.update(o.what === 'progress' ? initiatives.size : count, total);
    }
    await put(writer.end());
    // every initiative's reports are out, those of initiatives without any too: the bar ends full
    if (o.what === 'progress' && Number.isFinite(total)) bar?.update(total, total);
    bar?.finish();
    if (partial) {
      sink.end();
      await once(sink, 'finish');
      await rename(partial, o.out!);
    }
  } catch (e) {
    if (partial) {
      sink.end();
      await rm(partial, { force: true });
    }
    // `mmhub export initiatives | head` closes the pipe: stop quietly
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return;
    throw e;
  }
  io.stderr.write(
    `exported ${count} ${o.what === 'progress' ? 'progress reports' : o.what === 'calendar' ? 'campaigns' : o.what} from ${base} to ${toStdout ? 'stdout' : o.out}\n`,
  );
}

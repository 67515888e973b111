import type http from 'node:http';
import zlib from 'node:zlib';
import { upstreamFetch, type UpstreamFetch } from '../../gateway/src/upstream-fetch';
import { serveLocally, type LocalServer } from '../support/http';

/** A service as the gateway sees it: what it was sent, and answers chosen by path. */
describe("the gateway's fetch to its services", () => {
  let server: LocalServer;
  let base: string;
  let upstream: UpstreamFetch;
  const seen: Array<{ method?: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  const answer = JSON.stringify({ data: { initiatives: { edges: [{ node: { id: '1', titleAr: 'مبادرة' } }] } } });

  beforeAll(async () => {
    server = await serveLocally((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, headers: req.headers, body });
        if (req.url === '/gzip') {
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          res.end(zlib.gzipSync(answer));
        } else if (req.url === '/br') {
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' });
          res.end(zlib.brotliCompressSync(answer));
        } else if (req.url === '/events') {
          // the first event goes at once, the stream stays open: a subscription's
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write('event: next\ndata: {"data":{"n":1}}\n\n');
        } else if (req.url === '/silent') {
          // never answers
        } else if (req.url === '/unavailable') {
          res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' });
          res.end('down for maintenance');
        } else {
          res.writeHead(200, { 'content-type': 'application/graphql-response+json; charset=utf-8' });
          res.end(answer);
        }
      });
    });
    base = server.base;
    upstream = upstreamFetch();
  });
  afterAll(async () => {
    await upstream.close();
    await server.close();
  });

  it('sends the method, headers and body it is given, and answers with the status, headers and text', async () => {
    const res = await upstream.fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', accept: 'application/graphql-response+json', 'x-mmhub-gateway-proof': 'signed' },
      body: '{"query":"{ __typename }"}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(await res.text()).toBe(answer);
    const sent = seen.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', body: '{"query":"{ __typename }"}' });
    expect(sent.headers).toMatchObject({ 'content-type': 'application/json', 'x-mmhub-gateway-proof': 'signed', 'accept-encoding': 'gzip, deflate, br' });
  });

  it('takes Headers as well as a plain object', async () => {
    await (await upstream.fetch(`${base}/graphql`, { headers: new Headers({ traceparent: '00-abc-def-01' }) })).text();
    expect(seen.at(-1)!.headers.traceparent).toBe('00-abc-def-01');
  });

  it('decodes a gzip or brotli answer', async () => {
    const gzipped = await upstream.fetch(`${base}/gzip`);
    expect(await gzipped.json()).toEqual(JSON.parse(answer));
    // what is handed on is the decoded text: no header says otherwise
    expect(gzipped.headers.get('content-encoding')).toBeNull();
    expect(await (await upstream.fetch(`${base}/br`)).text()).toBe(answer);
  });

  it('passes an error status on with its body', async () => {
    const res = await upstream.fetch(`${base}/unavailable`);
    expect(res.status).toBe(503);
    expect(res.ok).toBe(false);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.text()).toBe('down for maintenance');
  });

  it('hands an event stream on as it arrives, and ends it when its signal aborts', async () => {
    const call = new AbortController();
    const res = await upstream.fetch(`${base}/events`, { headers: { accept: 'text/event-stream' }, signal: call.signal });
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).toString()).toContain('"n":1');
    call.abort(new Error('the client went away'));
    await expect(reader.read()).rejects.toThrow();
  });

  it('gives up on a service that does not answer when its signal aborts', async () => {
    const call = new AbortController();
    const pending = upstream.fetch(`${base}/silent`, { signal: call.signal });
    setImmediate(() => call.abort(new Error('timed out')));
    await expect(pending).rejects.toThrow();
  });
});

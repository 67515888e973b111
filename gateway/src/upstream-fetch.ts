import { pipeline, type Readable, type Transform } from 'node:stream';
import { text } from 'node:stream/consumers';
import zlib from 'node:zlib';
import { Response } from '@whatwg-node/fetch';
import { Agent, request } from 'undici';

/** Encodings the gateway accepts from a service, as the runtime's own fetch asked for them. */
const ACCEPT_ENCODING = 'gzip, deflate, br';

const DECODERS: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  'x-deflate': () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/** Answers that reach the client event by event (a subscription's, an incremental delivery's): passed on as a stream. */
const STREAMED = /^\s*(text\/event-stream|multipart\/mixed)/i;

/** Statuses that carry no body, which a Response refuses one for. */
const NO_BODY = new Set([101, 204, 205, 304]);

export interface UpstreamFetch {
  /** The fetch the runtime calls for every subgraph request: `fetch(url, init)` answered by a Response. */
  fetch(url: string | URL, init?: RequestInit): Promise<Response>;
  /** Closes the kept-alive connections to the services. */
  close(): Promise<void>;
}

/**
 * The gateway's calls to its services over undici's `request` on one keep-alive pool: an ordinary
 * answer is read whole and handed on as a string, with no web streams and no per-answer
 * `stream.pipeline` in between. A subgraph call ends by its signal only (the subgraph timeout and
 * the client's request): undici's own header and body timeouts are off, or a quiet subscription
 * would be cut.
 */
export function upstreamFetch(): UpstreamFetch {
  const agent = new Agent({ headersTimeout: 0, bodyTimeout: 0 });
  const fetch = async (url: string | URL, init: RequestInit = {}): Promise<Response> => {
    const headers: Record<string, string> = { 'accept-encoding': ACCEPT_ENCODING };
    if (init.headers instanceof Headers || Array.isArray(init.headers)) for (const [k, v] of init.headers) headers[k.toLowerCase()] = v;
    else if (init.headers) for (const k in init.headers) headers[k.toLowerCase()] = init.headers[k];
    const answer = await request(url, {
      method: (init.method ?? 'GET') as 'GET',
      headers,
      body: init.body as string | Uint8Array | null | undefined,
      signal: init.signal ?? undefined,
      dispatcher: agent,
    });
    const status = answer.statusCode;
    const responseInit = { status, headers: { ...answer.headers } as Record<string, string>, url: String(url) };
    if (NO_BODY.has(status) || init.method === 'HEAD') {
      answer.body.resume();
      return new Response(null, responseInit);
    }
    const coding = answer.headers['content-encoding'];
    const decoder = typeof coding === 'string' ? DECODERS[coding.trim().toLowerCase()] : undefined;
    // an encoded answer is decoded on its way: the runtime reads it as the text it stands for
    const body: Readable = decoder ? pipeline(answer.body, decoder(), () => undefined) : answer.body;
    // the answer handed on is the decoded text: its encoding and length no longer describe it
    if (decoder) {
      delete responseInit.headers['content-encoding'];
      delete responseInit.headers['content-length'];
    }
    const type = answer.headers['content-type'];
    if (typeof type === 'string' && STREAMED.test(type)) return new Response(body as never, responseInit);
    return new Response(decoder ? await text(body) : await answer.body.text(), responseInit);
  };
  return { fetch: fetch as UpstreamFetch['fetch'], close: () => agent.close() };
}

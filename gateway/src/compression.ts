import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';

/** Bodies smaller than this go as they are: compressing them costs more than it saves. */
const THRESHOLD_BYTES = 1024;

/**
 * gzip or brotli for a client that asks (Accept-Encoding) and a body worth it: GraphiQL's page, a
 * large GraphQL answer, static assets. A stream that must reach the client event by event (SSE) is
 * never held back to be compressed.
 */
export function compressResponses(): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const compress = compression({
    threshold: THRESHOLD_BYTES,
    filter: (req, res) => {
      const type = String(res.getHeader('content-type') ?? '');
      if (type.startsWith('text/event-stream') || type.startsWith('multipart/mixed')) return false;
      if (String(req.headers.accept ?? '').includes('text/event-stream')) return false;
      return compression.filter(req, res);
    },
  });
  return (req, res, next) => compress(req as never, res as never, () => next());
}

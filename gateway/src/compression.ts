import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';
import onHeaders = require('on-headers');
import vary = require('vary');

/** Bodies smaller than this go as they are: compressing them costs more than it saves. */
const THRESHOLD_BYTES = 1024;

/** A response that asks not to be transformed is sent as it is (as the compression middleware decides). */
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/;

/**
 * gzip or brotli for a client that asks (Accept-Encoding) and a body worth it: GraphiQL's page, a
 * large GraphQL answer, static assets. A stream that must reach the client event by event (SSE) is
 * never held back to be compressed.
 */
export function compressResponses(): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const worthCompressing = (req: IncomingMessage, res: ServerResponse) => {
    const type = String(res.getHeader('content-type') ?? '');
    if (type.startsWith('text/event-stream') || type.startsWith('multipart/mixed')) return false;
    if (String(req.headers.accept ?? '').includes('text/event-stream')) return false;
    return compression.filter(req as never, res as never);
  };
  const compress = compression({ threshold: THRESHOLD_BYTES, filter: worthCompressing });
  return (req, res, next) => {
    const accepted = req.headers['accept-encoding'];
    if (accepted === undefined || accepted === '' || accepted === 'identity') {
      // a client that takes no encoding gets its answer as it is, without the middleware wrapping every write;
      // the answer still says that it depends on Accept-Encoding, as the middleware would have said
      onHeaders(res, () => {
        if (worthCompressing(req, res) && !NO_TRANSFORM.test(String(res.getHeader('cache-control') ?? ''))) vary(res, 'Accept-Encoding');
      });
      return next();
    }
    compress(req as never, res as never, () => next());
  };
}

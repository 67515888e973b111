import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
  /** `http://127.0.0.1:<port>`, the port one the system chose. */
  base: string;
  /** Ends the open connections (a kept-alive one, a request never answered), then the server. */
  close(): Promise<void>;
}

/** An HTTP server for a test on a free port of the loopback. */
export async function serveLocally(handler: http.RequestListener): Promise<LocalServer> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

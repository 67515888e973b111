// on-headers (a dependency of compression) ships no types: its one function, as documented
declare module 'on-headers' {
  import type { ServerResponse } from 'node:http';
  function onHeaders(res: ServerResponse, listener: (this: ServerResponse) => void): void;
  export = onHeaders;
}

import http from 'node:http';
import zlib from 'node:zlib';
import { initiativesService } from '../../services/initiatives/src/service';
import { startTestNode, type TestGatewayNode } from '../support/node';

/** A raw request, so that the body is seen as sent, compressed or not. */
function request(
  url: string,
  o: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: o.method ?? 'GET', headers: o.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

describe('the gateway compresses what is worth it, for a client that asks', () => {
  let riyadh: TestGatewayNode;
  beforeAll(async () => {
    riyadh = await startTestNode('riyadh', { services: [initiativesService] });
  }, 120_000);
  afterAll(async () => {
    await riyadh?.stop();
  });

  it('sends GraphiQL gzipped or in brotli when asked, and as it is otherwise', async () => {
    const page = { accept: 'text/html' };
    const plain = await request(riyadh.url, { headers: page });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toContain('graphiql');

    const gzipped = await request(riyadh.url, { headers: { ...page, 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.gunzipSync(gzipped.body).toString()).toBe(plain.body.toString());
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 3);

    const brotli = await request(riyadh.url, { headers: { ...page, 'accept-encoding': 'br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(brotli.body).toString()).toBe(plain.body.toString());
  });

  it('compresses a large GraphQL answer, and not a small one', async () => {
    const post = (query: string) =>
      request(riyadh.url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip, br' }, body: JSON.stringify({ query }) });
    // the schema's introspection: tens of kilobytes
    const large = await post('{ __schema { types { name description fields { name description } } } }');
    expect(large.status).toBe(200);
    expect(large.headers['content-encoding']).toMatch(/^(gzip|br)$/);
    const text = (large.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(large.body) : zlib.gunzipSync(large.body)).toString();
    expect(JSON.parse(text).data.__schema.types.length).toBeGreaterThan(10);

    const small = await post('{ __typename }');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ data: { __typename: 'Query' } });
  });

  it('sends a client that asks for no encoding the answer as it is, saying that it depends on Accept-Encoding', async () => {
    const query = JSON.stringify({ query: '{ __schema { types { name description fields { name description } } } }' });
    for (const asked of [{}, { 'accept-encoding': 'identity' }] as Array<Record<string, string>>) {
      const large = await request(riyadh.url, { method: 'POST', headers: { 'content-type': 'application/json', ...asked }, body: query });
      expect(large.status).toBe(200);
      expect(large.headers['content-encoding']).toBeUndefined();
      expect(large.headers.vary).toMatch(/accept-encoding/i);
      expect(JSON.parse(large.body.toString()).data.__schema.types.length).toBeGreaterThan(10);
    }
  });
});

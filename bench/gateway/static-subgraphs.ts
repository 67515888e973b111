import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute, parse, type DocumentNode } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';

/**
 * The four in-memory subgraphs of The Guild's public gateway benchmark (accounts, inventory,
 * products, reviews): answers come from constants, so the gateway in front is the bottleneck.
 */
const users = Array.from({ length: 10 }, (_, i) => ({ id: String(i + 1), name: `User ${i + 1}`, username: `user${i + 1}`, birthday: 1_000_000 + i }));
const products = Array.from({ length: 10 }, (_, i) => ({ upc: String(i + 1), name: `Product ${i + 1}`, price: 100 + i * 10, weight: 10 + i }));
const reviews = Array.from({ length: 30 }, (_, i) => ({
  id: String(i + 1),
  body: `Review ${i + 1} of a product`,
  authorId: String((i % 10) + 1),
  upc: String(((i * 7) % 10) + 1),
}));

interface StaticSubgraph {
  name: string;
  sdl: string;
  resolvers: any;
}

const fed = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@provides", "@shareable"])`;

export const STATIC_SUBGRAPHS: StaticSubgraph[] = [
  {
    name: 'accounts',
    sdl: `${fed}
type Query { me: User users: [User] user(id: ID!): User }
type User @key(fields: "id") { id: ID! name: String username: String @shareable birthday: Int }`,
    resolvers: {
      Query: { me: () => users[0], users: () => users, user: (_: unknown, a: { id: string }) => users.find((u) => u.id === a.id) },
      User: { __resolveReference: (r: { id: string }) => users.find((u) => u.id === r.id) },
    },
  },
  {
    name: 'inventory',
    sdl: `${fed}
type Product @key(fields: "upc") { upc: String! weight: Int @external price: Int @external inStock: Boolean shippingEstimate: Int @requires(fields: "price weight") }`,
    resolvers: {
      Product: {
        __resolveReference: (r: { upc: string; price?: number; weight?: number }) => ({ ...r, inStock: Number(r.upc) % 3 !== 0 }),
        shippingEstimate: (p: { price?: number; weight?: number }) => ((p.price ?? 0) > 1000 ? 0 : Math.round((p.weight ?? 0) * 0.5)),
      },
    },
  },
  {
    name: 'products',
    sdl: `${fed}
type Query { topProducts(first: Int = 5): [Product] }
type Product @key(fields: "upc") { upc: String! name: String price: Int weight: Int }`,
    resolvers: {
      Query: { topProducts: (_: unknown, a: { first: number }) => products.slice(0, a.first) },
      Product: { __resolveReference: (r: { upc: string }) => products.find((p) => p.upc === r.upc) },
    },
  },
  {
    name: 'reviews',
    sdl: `${fed}
type Review @key(fields: "id") { id: ID! body: String author: User @provides(fields: "username") product: Product }
type User @key(fields: "id") { id: ID! username: String @external reviews: [Review] }
type Product @key(fields: "upc") { upc: String! reviews: [Review] }`,
    resolvers: {
      Review: {
        __resolveReference: (r: { id: string }) => reviews.find((x) => x.id === r.id),
        author: (r: { authorId: string }) => ({ __typename: 'User', id: r.authorId, username: users.find((u) => u.id === r.authorId)?.username }),
        product: (r: { upc: string }) => ({ __typename: 'Product', upc: r.upc }),
      },
      User: { reviews: (u: { id: string }) => reviews.filter((r) => r.authorId === u.id) },
      Product: { reviews: (p: { upc: string }) => reviews.filter((r) => r.upc === p.upc) },
    },
  },
];

/** The benchmark's query: every subgraph, several levels of entity fetches. */
export const STATIC_QUERY = `fragment User on User { id username name }
fragment Review on Review { id body }
fragment Product on Product { inStock name price shippingEstimate upc weight }
query TestQuery {
  users { ...User reviews { ...Review product { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } } } }
  topProducts { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } }
}`;

/** Serves the four subgraphs on consecutive free ports; plain node:http and graphql-js, nothing else. */
export async function serveStaticSubgraphs(): Promise<{ subgraphs: { name: string; url: string; sdl: string }[]; stop(): Promise<void> }> {
  const servers: http.Server[] = [];
  const subgraphs: { name: string; url: string; sdl: string }[] = [];
  for (const s of STATIC_SUBGRAPHS) {
    const schema = buildSubgraphSchema({ typeDefs: parse(s.sdl), resolvers: s.resolvers });
    const documents = new Map<string, DocumentNode>();
    const server = http.createServer((req, res) => {
      if (req.method !== 'POST') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"ok"}');
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = async () => {
          const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString());
          let document = documents.get(query);
          if (!document) documents.set(query, (document = parse(query)));
          const result = await execute({ schema, document, variableValues: variables, operationName });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(result));
        };
        // a request that fails is answered 500, not left as an unhandled rejection
        answer().catch((e: Error) => res.writeHead(500).end(e.message));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    servers.push(server);
    subgraphs.push({ name: s.name, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, sdl: s.sdl });
  }
  return { subgraphs, stop: async () => void (await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))) };
}

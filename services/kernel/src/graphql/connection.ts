import { ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from '../domain/errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../domain/paging';

@ObjectType({ description: 'Relay page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor?: string | null;
  @Field(() => String, { nullable: true }) endCursor?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type of T, with totalCount. */
export function Connection<T extends object>(item: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field() cursor!: string;
    @Field(() => item) node!: T;
  }
  @ObjectType(`${name}ConnectionBase`)
  abstract class ConnectionType {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'All items matching the filter, across pages.' }) totalCount!: number;
  }
  return ConnectionType;
}

/** The page size asked for, within 1..100. */
export function pageSize(first: number | null | undefined): number {
  const n = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw badInput('first', {
      en: `first must be between 1 and ${MAX_PAGE_SIZE}; got ${n}.`,
      ar: `يجب أن يكون عدد العناصر بين 1 و${MAX_PAGE_SIZE}؛ القيمة ${n}.`,
    });
  }
  return n;
}

export const encodeCursor = (key: Record<string, unknown>): string => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor<K>(cursor: string | null | undefined, check: (k: unknown) => k is K): K | undefined {
  if (!cursor) return undefined;
  try {
    const k = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(k)) return k;
  } catch {
    /* reported below */
  }
  throw badInput('after', { en: 'The cursor is not one this API gave out.', ar: 'المؤشر غير صالح.' });
}

/** Builds a page from rows fetched with limit n+1. */
export function toPage<T>(rows: T[], n: number, totalCount: number, cursorOf: (t: T) => string, hasPrevious: boolean): Page<T> {
  const items = rows.slice(0, n);
  const edges = items.map((node) => ({ node, cursor: cursorOf(node) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > n,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

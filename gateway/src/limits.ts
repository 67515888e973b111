import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  typeFromAST,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
  type Source,
  type ValidationContext,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../services/kernel/src/domain';

const refuse = (code: string, en: string, ar: string, more: Record<string, unknown> = {}) =>
  new GraphQLError(en, { extensions: { code, messageAr: ar, ...more, http: { status: 400 } } });

const isIntrospection = (f: FieldNode) => f.name.value === '__schema' || f.name.value === '__type';

/** Assumed length of a list with no size argument (targets, reports, scores: short lists). */
const ASSUMED_LIST = 10;

/** What an operation asks for once every fragment is spread in place. */
export interface Demand {
  depth: number;
  aliases: number;
  cost: number;
}

/**
 * Measures an operation as if its fragments were written inline, without writing them out: each
 * fragment is measured once and its measure reused at every spread, so the work is linear in the
 * document while the numbers (which may be astronomical for a fragment bomb) are those of the
 * expanded operation. Cost: each field costs 1, times the sizes of the lists above it; a connection's
 * size is its `first`/`last` when written, else the default page, and its `edges` add no factor.
 */
export function measureOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Demand {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const measured = new Map<string, Demand>();
  const measuring = new Set<string>();

  const sizeOf = (node: FieldNode, type: GraphQLOutputType | undefined, parent: GraphQLCompositeType | undefined): number => {
    const sizeArg = node.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
    const written = sizeArg?.value.kind === Kind.INT ? Math.max(1, Number(sizeArg.value.value)) : undefined;
    if (type && getNamedType(type).name.endsWith('Connection')) return written ?? (sizeArg ? MAX_PAGE_SIZE : DEFAULT_PAGE_SIZE);
    if (parent?.name.endsWith('Connection')) return 1;
    if (type && isListType(getNullableType(type))) return written ?? ASSUMED_LIST;
    return 1;
  };

  const fragmentDemand = (name: string): Demand => {
    const known = measured.get(name);
    if (known) return known;
    const f = fragments.get(name);
    // an unknown fragment, or one that spreads itself: other rules refuse the document
    if (!f || measuring.has(name)) return { depth: 0, aliases: 0, cost: 0 };
    measuring.add(name);
    const d = selectionDemand(f.selectionSet, typeFromAST(schema, f.typeCondition) as GraphQLCompositeType | undefined);
    measuring.delete(name);
    measured.set(name, d);
    return d;
  };

  const selectionDemand = (set: SelectionSetNode, parent: GraphQLCompositeType | undefined): Demand => {
    const total: Demand = { depth: 0, aliases: 0, cost: 0 };
    for (const s of set.selections) {
      let d: Demand;
      if (s.kind === Kind.FIELD) {
        const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[s.name.value] : undefined;
        const inner = s.selectionSet
          ? selectionDemand(s.selectionSet, def ? (getNamedType(def.type) as GraphQLCompositeType) : undefined)
          : { depth: 0, aliases: 0, cost: 0 };
        d = {
          depth: isIntrospection(s) ? 0 : 1 + inner.depth,
          aliases: (s.alias ? 1 : 0) + inner.aliases,
          cost: 1 + sizeOf(s, def?.type, parent) * inner.cost,
        };
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        d = selectionDemand(s.selectionSet, s.typeCondition ? (typeFromAST(schema, s.typeCondition) as GraphQLCompositeType | undefined) : parent);
      } else {
        d = fragmentDemand(s.name.value);
      }
      total.depth = Math.max(total.depth, d.depth);
      total.aliases += d.aliases;
      total.cost += d.cost;
    }
    return total;
  };

  const root =
    operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return selectionDemand(operation.selectionSet, root ?? undefined);
}

/**
 * The most tokens a document may have: ten times the console's largest query. Parsing is recursive, so a
 * document nested thousands of levels deep overflows the stack before any rule sees it; this bounds it.
 */
export const MAX_DOCUMENT_TOKENS = 5000;

type ParseFn = (source: string | Source, options?: ParseOptions) => DocumentNode;

/** Parses with a token limit; a document the parser cannot read for its nesting is refused as too deep, not an internal error. */
export function useParseLimits(): { onParse(o: { parseFn: ParseFn; setParseFn(fn: ParseFn): void }): void } {
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parseFn(source, { ...options, maxTokens: MAX_DOCUMENT_TOKENS });
        } catch (e) {
          if (e instanceof RangeError) {
            throw refuse('QUERY_TOO_DEEP', 'The query is nested too deeply to be read.', 'الاستعلام متداخل أكثر مما يمكن قراءته.');
          }
          // the parser's own error ("Document contains more that 5000 tokens"), whichever copy of graphql made it
          if ((e as Error).message?.includes(`${MAX_DOCUMENT_TOKENS} tokens`)) {
            throw refuse(
              'QUERY_TOO_LARGE',
              `The query has more than ${MAX_DOCUMENT_TOKENS} tokens; ask for less in one request.`,
              `يحتوي الاستعلام على أكثر من ${MAX_DOCUMENT_TOKENS} رمز؛ اطلب أقل في الطلب الواحد.`,
            );
          }
          throw e;
        }
      });
    },
  };
}

export interface DemandLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

/** Refuses an operation deeper, with more aliases, or costlier than allowed, fragments counted as spread. */
export function demandRule(limits: DemandLimits) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(op) {
      const { depth, aliases, cost } = measureOperation(context.getSchema(), context.getDocument(), op);
      const shown = (n: number) => (Number.isFinite(n) && n < 1e15 ? String(n) : 'more than 10^15');
      if (depth > limits.maxDepth) {
        context.reportError(
          refuse(
            'QUERY_TOO_DEEP',
            `The query is nested ${depth} levels deep; at most ${limits.maxDepth} are allowed.`,
            `الاستعلام متداخل ${depth} مستوى؛ الحد ${limits.maxDepth}.`,
          ),
        );
      }
      if (aliases > limits.maxAliases) {
        context.reportError(
          refuse('TOO_MANY_ALIASES', `The query uses more than ${limits.maxAliases} aliases.`, `يستخدم الاستعلام أكثر من ${limits.maxAliases} اسماً مستعاراً.`),
        );
      }
      if (cost > limits.maxCost) {
        context.reportError(
          refuse(
            'QUERY_TOO_COSTLY',
            `The query's estimated cost is ${shown(cost)}; at most ${limits.maxCost} is allowed. Ask for smaller pages or fewer nested lists.`,
            `التكلفة التقديرية للاستعلام ${shown(cost)} والحد ${limits.maxCost}. اطلب صفحات أصغر أو قوائم متداخلة أقل.`,
          ),
        );
      }
      return false;
    },
  });
}

/** Refuses a literal page size over the maximum before any subgraph is asked. */
export function maxPageSizeRule() {
  return (context: ValidationContext): ASTVisitor => ({
    Argument(node) {
      if ((node.name.value === 'first' || node.name.value === 'last') && node.value.kind === Kind.INT && Number(node.value.value) > MAX_PAGE_SIZE) {
        context.reportError(
          refuse(
            'BAD_USER_INPUT',
            `${node.name.value} must be between 1 and ${MAX_PAGE_SIZE}; got ${node.value.value}.`,
            `يجب أن يكون عدد العناصر بين 1 و${MAX_PAGE_SIZE}.`,
            // as the services name it when the size comes in a variable
            { field: node.name.value },
          ),
        );
      }
    },
  });
}

/** Fixed-window request counts per caller. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a request; returns the seconds to wait when over the limit, else 0. */
  take(key: string, now = Date.now()): number {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 100_000) this.prune(now);
      this.windows.set(key, { start: now, count: 1 });
      return 0;
    }
    w.count++;
    return w.count > this.limit ? Math.ceil((w.start + this.windowMs - now) / 1000) : 0;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}

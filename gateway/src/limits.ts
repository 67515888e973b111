import {
  GraphQLError,
  Kind,
  TypeInfo,
  getNamedType,
  getNullableType,
  isListType,
  visitWithTypeInfo,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../services/kernel/src/graphql/connection';

const refuse = (code: string, en: string, ar: string) => new GraphQLError(en, { extensions: { code, messageAr: ar, http: { status: 400 } } });

const isIntrospection = (f: FieldNode) => f.name.value === '__schema' || f.name.value === '__type';

/** Refuses documents nested deeper than `max` fields (introspection excepted). */
export function maxDepthRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>(context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          if (isIntrospection(s)) continue;
          deepest = Math.max(deepest, s.selectionSet ? 1 + depthOf(s.selectionSet, seen) : 1);
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(s.selectionSet, seen));
        } else if (!seen.has(s.name.value)) {
          const f = fragments.get(s.name.value);
          deepest = Math.max(deepest, depthOf(f?.selectionSet, new Set([...seen, s.name.value])));
        }
        if (deepest > max) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(op) {
        const depth = depthOf(op.selectionSet, new Set());
        if (depth > max) {
          context.reportError(refuse('QUERY_TOO_DEEP', `The query is nested ${depth} levels deep; at most ${max} are allowed.`, `الاستعلام متداخل بأكثر من ${max} مستوى؛ الحد ${max}.`));
        }
      },
    };
  };
}

/** Refuses documents with more than `max` aliased fields. */
export function maxAliasesRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    let reported = false;
    return {
      Field(node) {
        if (!node.alias || reported) return;
        aliases++;
        if (aliases > max) {
          reported = true;
          context.reportError(refuse('TOO_MANY_ALIASES', `The query uses more than ${max} aliases.`, `يستخدم الاستعلام أكثر من ${max} اسماً مستعاراً.`));
        }
      },
    };
  };
}

/** Refuses a literal page size over the maximum before any subgraph is asked. */
export function maxPageSizeRule() {
  return (context: ValidationContext): ASTVisitor => ({
    Argument(node) {
      if ((node.name.value === 'first' || node.name.value === 'last') && node.value.kind === Kind.INT && Number(node.value.value) > MAX_PAGE_SIZE) {
        context.reportError(
          refuse('BAD_USER_INPUT', `${node.name.value} must be between 1 and ${MAX_PAGE_SIZE}; got ${node.value.value}.`, `يجب أن يكون عدد العناصر بين 1 و${MAX_PAGE_SIZE}.`),
        );
      }
    },
  });
}

/** Assumed length of a list with no size argument (targets, reports, scores: short lists). */
const ASSUMED_LIST = 10;

/**
 * Estimated cost: each field costs 1, times the sizes of the lists above it. A connection's size is
 * its `first`/`last` when written, else the default page; its `edges` add no factor of their own.
 */
export function maxCostRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const typeInfo = new TypeInfo(context.getSchema());
    const multipliers: number[] = [1];
    let cost = 0;
    return visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const factor = multipliers[multipliers.length - 1];
          cost += factor;
          const type = typeInfo.getType();
          const parent = typeInfo.getParentType();
          const sizeArg = node.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
          const written = sizeArg?.value.kind === Kind.INT ? Math.max(1, Number(sizeArg.value.value)) : undefined;
          let size = 1;
          if (type && getNamedType(type).name.endsWith('Connection')) size = written ?? (sizeArg ? MAX_PAGE_SIZE : DEFAULT_PAGE_SIZE);
          else if (parent?.name.endsWith('Connection')) size = 1;
          else if (type && isListType(getNullableType(type))) size = written ?? ASSUMED_LIST;
          multipliers.push(factor * size);
        },
        leave() {
          multipliers.pop();
        },
      },
      Document: {
        leave() {
          if (cost > max) {
            context.reportError(refuse('QUERY_TOO_COSTLY', `The query's estimated cost is ${cost}; at most ${max} is allowed. Ask for smaller pages or fewer nested lists.`, `التكلفة التقديرية للاستعلام ${cost} والحد ${max}. اطلب صفحات أصغر أو قوائم متداخلة أقل.`));
          }
        },
      },
    });
  };
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


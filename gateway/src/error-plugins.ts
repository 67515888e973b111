import { GraphQLError } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { requestErrorInArabic, withoutSuggestions } from '../../services/kernel/src/graphql';
import type { CallerContext } from './identity';

// How errors leave the gateway: a service that does not answer named, no schema suggestions, requests refused in Arabic too.

const UNREACHABLE = new Set(['SUBREQUEST_HTTP_ERROR', 'DOWNSTREAM_SERVICE_ERROR', 'TIMEOUT_ERROR', 'GATEWAY_TIMEOUT']);

/**
 * A service that does not answer leaves its fields null; the error says which service, and nothing
 * of the subgraph request (its body, its address) reaches the client.
 */
export function useServiceErrors(): GatewayPlugin<CallerContext> {
  const rewrite = (e: GraphQLError): GraphQLError => {
    const { request: _request, response: _response, ...extensions } = (e.extensions ?? {}) as Record<string, unknown>;
    const service = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
    if (service && UNREACHABLE.has(String(extensions.code))) {
      return new GraphQLError(`The ${service} service is not answering; its fields are missing from this answer.`, {
        path: e.path,
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: service, messageAr: `خدمة ${service} لا تستجيب؛ حقولها غير متاحة في هذه الإجابة.` },
      });
    }
    return new GraphQLError(e.message, { path: e.path, extensions });
  };
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          const r = result as { errors?: readonly GraphQLError[]; data?: unknown };
          if (!('errors' in r) || !r.errors?.length) return;
          setResult({ ...r, errors: r.errors.map(rewrite) } as never);
        },
      };
    },
  };
}

/** Without introspection, an error names no field the caller did not write ("Did you mean …" goes). */
export function useNoSuggestions(): GatewayPlugin<CallerContext> {
  const plain = (e: Error): Error =>
    e instanceof GraphQLError && / Did you mean /.test(e.message)
      ? new GraphQLError(withoutSuggestions(e.message), { nodes: e.nodes, extensions: e.extensions })
      : e;
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (result.length) setResult(result.map(plain));
      };
    },
  };
}

// what the gateway itself refuses before any service sees the request: a parse or validation failure, a bad variable
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
]);

/** The gateway's own refusals of a malformed request say it in Arabic too, as the services' do. */
export function useArabicRequestErrors(): GatewayPlugin<CallerContext> {
  const withArabic = (e: GraphQLError): GraphQLError => {
    const code = String(e.extensions?.code ?? '');
    if (typeof e.extensions?.messageAr === 'string' || !REQUEST_CODES.has(code)) return e;
    // the parser's own words about a malformed body echo the body back: the message says enough
    const { originalError: _echo, ...extensions } = e.extensions ?? {};
    return new GraphQLError(e.message, {
      nodes: e.nodes,
      source: e.source,
      positions: e.positions,
      path: e.path,
      originalError: e.originalError,
      extensions: { ...extensions, messageAr: requestErrorInArabic(e.message, code) },
    });
  };
  return {
    onResultProcess({ result, setResult }) {
      if (!result || typeof result !== 'object' || Array.isArray(result) || Symbol.asyncIterator in result) return;
      const r = result as { errors?: readonly GraphQLError[] };
      if (!r.errors?.length) return;
      setResult({ ...r, errors: r.errors.map((e) => (e instanceof GraphQLError ? withArabic(e) : e)) } as never);
    },
  };
}

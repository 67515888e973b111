import { GraphQLError } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { CallerContext } from './identity';

/** Why a call's own signal is aborted once its answer is in: nothing is cancelled by it, its listeners are released. */
const CALL_ENDED = new Error('the subgraph call has ended');

/** An answer still being streamed (a subscription, `@defer`): its call goes on after the executor resolves. */
const streaming = (result: unknown): boolean => typeof result === 'object' && result !== null && Symbol.asyncIterator in result;

/**
 * A subgraph call that takes longer than `ms` is abandoned with GATEWAY_TIMEOUT (504), as the runtime's
 * `upstreamTimeout` does, but its timer is cleared as soon as the call ends: the runtime's
 * `AbortSignal.timeout` outlived every call by the whole timeout, holding its listeners (one more on
 * each subgraph executor's long-lived signal per call, walked on every later call) until it fired.
 * Each call gets its own signal, aborted once the answer is in: the HTTP executor joins it with its
 * long-lived dispose signal, whose listener is otherwise removed only when the garbage collector
 * finalises the joined signal, so thousands piled up and every call's `addEventListener` walked them.
 * Subscriptions are not timed: their stream stays open as long as its client does.
 */
export function useSubgraphTimeout(ms: number): GatewayPlugin<CallerContext> {
  return {
    onSubgraphExecute({ subgraphName, executionRequest, executor, setExecutor }) {
      if (executionRequest.operationType === 'subscription') return;
      setExecutor((request) => {
        const outer = request.signal;
        if (outer?.aborted) return executor(request);
        const call = new AbortController();
        const passOn = () => call.abort(outer!.reason);
        outer?.addEventListener('abort', passOn, { once: true });
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            const e = new GraphQLError('The operation was aborted due to timeout', {
              // named by its service, as the runtime's own timeout does, so that the answer says which one did not answer
              extensions: { code: 'GATEWAY_TIMEOUT', serviceName: subgraphName, http: { status: 504 } },
            });
            call.abort(e);
            reject(e);
          }, ms);
        });
        const ended = () => {
          clearTimeout(timer);
          outer?.removeEventListener('abort', passOn);
        };
        return Promise.race([executor({ ...request, signal: call.signal }), timedOut]).then(
          (result) => {
            ended();
            if (!streaming(result)) call.abort(CALL_ENDED);
            return result;
          },
          (e: unknown) => {
            ended();
            call.abort(CALL_ENDED);
            throw e;
          },
        );
      });
    },
  };
}

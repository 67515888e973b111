import type { EventBus } from '../events/bus';
import type { EventIntake } from '../events/intake';
import { retryDelayMs, wakeableWait } from '../events/wait';
import type { Logger } from '../observability/logger';

/**
 * Makes the service's topics, then has its consumers join their groups in the background: the
 * service serves at once (a node restarted after a crash may wait for its groups to rebalance), and
 * `done` says when all have joined. A broker that does not answer at start does not keep the service
 * down: it takes writes, which wait in the outbox for the relay, and this goes on trying until the
 * consumers have joined. A broker that answers and refuses (a replication factor it cannot give, ...)
 * stops the start.
 */
export async function joinBus(
  bus: EventBus,
  topics: string[],
  consumers: EventIntake[],
  log: Logger,
): Promise<{ all: Promise<void>; readonly done: boolean; stop(): Promise<void> }> {
  let topicsMade = false;
  let joinedCount = 0;
  const attempt = async () => {
    if (!topicsMade) await bus.ensureTopics(topics);
    topicsMade = true;
    // a consumer that joined stays joined: a later attempt starts only the others
    for (; joinedCount < consumers.length; joinedCount++) await consumers[joinedCount].start();
  };
  try {
    await bus.ensureTopics(topics);
    topicsMade = true;
  } catch (e) {
    if (await bus.reachable()) throw e;
    log.warn({ err: (e as Error).message }, 'the event bus does not answer: serving without it; changes wait in the outbox and consumers join once it answers');
  }
  let stopped = false;
  let done = false;
  let wake: () => void = () => undefined;
  const all = (async () => {
    for (let failures = 0; ; failures++) {
      if (failures) {
        const wait = wakeableWait(retryDelayMs(failures));
        wake = wait.wake;
        await wait.ended;
      }
      if (stopped) return;
      try {
        await attempt();
        done = true;
        if (failures) log.info({ after: failures }, 'event bus joined');
        return;
      } catch (e) {
        // one warning now and then, not one per attempt
        if (failures % 20 === 0) log.warn({ err: (e as Error).message, failures }, 'consumers not joined yet; trying again');
      }
    }
  })();
  return {
    all,
    get done() {
      return done;
    },
    stop: async () => {
      stopped = true;
      wake();
      await all;
    },
  };
}

/** A part of a running service, by the name an operator reads in the logs, and how it stops. */
export type Stop = [part: string, stop: () => Promise<unknown>];

/** A part that takes longer than this to stop is named in the logs: a slow shutdown says where it waits. */
const SLOW_STOP_MS = 2000;

/** Runs every stop in turn, each even when one before it failed. */
export async function runStops(stops: Stop[], log: Logger, slowMs = SLOW_STOP_MS): Promise<void> {
  for (const [part, stop] of stops) {
    const started = Date.now();
    const slow = setTimeout(() => log.warn({ part, ms: slowMs }, `still stopping the ${part}`), slowMs);
    try {
      await stop();
    } catch (e) {
      log.warn({ err: (e as Error).message, part }, `error while stopping the ${part}`);
    } finally {
      clearTimeout(slow);
    }
    const ms = Date.now() - started;
    if (ms >= slowMs) log.warn({ part, ms }, `stopping the ${part} took ${ms} ms`);
  }
}

import type { EventBus } from '../events/bus';
import type { EventIntake } from '../events/consumer';
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

/** Runs every stop in turn, each even when one before it failed. */
export async function runStops(stops: Array<() => Promise<unknown>>, log: Logger): Promise<void> {
  for (const stop of stops) {
    try {
      await stop();
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'error while stopping');
    }
  }
}

/** A partition's next offset to read, as the group commits it. */
export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

const keyOf = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * Commits a consumer group's offsets at most once per `intervalMs`, the last ones after the last
 * batch too, and all of them on `close`. A commit per batch cost a broker request per batch and
 * consumer; the inbox makes a record read again after a crash harmless, so what waiting risks is at
 * most an interval's re-reading, and the offsets the broker shows (consumer lag, catching up) are at
 * most an interval late. A refused commit is tried again an interval later, for the partitions the
 * member still holds.
 */
export class PacedOffsetCommits {
  private readonly next = new Map<string, PartitionOffset>();
  private lastCommit = 0;
  private timer?: NodeJS.Timeout;
  private committing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly commit: (offsets: PartitionOffset[]) => Promise<void>,
    private readonly intervalMs: number,
    private readonly refused: (e: unknown) => void,
  ) {}

  /** After a batch was applied: `offset` is its last record's. */
  applied(topic: string, partition: number, offset: string): void {
    if (this.closed) return;
    this.next.set(keyOf(topic, partition), { topic, partition, offset: (BigInt(offset) + 1n).toString() });
    this.schedule();
  }

  /** After a rebalance: offsets of partitions the member no longer holds are its new owner's to commit. */
  assigned(assignment: Record<string, number[]>): void {
    for (const [key, o] of this.next) if (!assignment[o.topic]?.includes(o.partition)) this.next.delete(key);
  }

  /** Commits what was applied and not yet committed; one commit at a time, in order. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.next.size) return this.committing;
    const offsets = [...this.next.values()];
    this.next.clear();
    this.lastCommit = Date.now();
    this.committing = this.committing.then(() =>
      this.commit(offsets).catch((e: unknown) => {
        this.refused(e);
        // later offsets of the same partition, applied meanwhile, supersede these
        for (const o of offsets) if (!this.next.has(keyOf(o.topic, o.partition))) this.next.set(keyOf(o.topic, o.partition), o);
        if (!this.closed) this.schedule();
      }),
    );
    return this.committing;
  }

  /** Commits what is left; nothing is taken after. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    const due = this.lastCommit + this.intervalMs - Date.now();
    if (due <= 0) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), due).unref();
  }
}

import { PacedOffsetCommits, type PartitionOffset } from '../../services/kernel/src/events';

/** Commits as the broker would take them, or refuses them while `refusing`. */
function broker() {
  const commits: PartitionOffset[][] = [];
  const state = { refusing: false };
  const commit = async (offsets: PartitionOffset[]) => {
    if (state.refusing) throw new Error('the group is rebalancing');
    commits.push(offsets);
  };
  return { commits, state, commit };
}

const until = async (done: () => boolean, what: string) => {
  for (let i = 0; !done(); i++) {
    if (i > 500) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('consumer offsets committed at a pace', () => {
  it('commits the first batch at once, later ones together an interval after, each partition at the offset after its last record', async () => {
    const b = broker();
    const paced = new PacedOffsetCommits(b.commit, 200, () => undefined);
    paced.applied('t', 0, '9');
    await until(() => b.commits.length === 1, 'the first commit');
    expect(b.commits[0]).toEqual([{ topic: 't', partition: 0, offset: '10' }]);
    // a burst of batches within the interval: one commit after it, with the last offset of each partition
    for (let o = 10; o < 60; o++) paced.applied('t', o % 2, String(o));
    expect(b.commits).toHaveLength(1);
    await until(() => b.commits.length === 2, 'the trailing commit');
    expect(b.commits[1]).toEqual([
      { topic: 't', partition: 0, offset: '59' },
      { topic: 't', partition: 1, offset: '60' },
    ]);
    await paced.close();
    expect(b.commits).toHaveLength(2);
  });

  it('commits what is left on close, without waiting for the interval, and takes nothing after', async () => {
    const b = broker();
    const paced = new PacedOffsetCommits(b.commit, 60_000, () => undefined);
    paced.applied('t', 0, '0');
    paced.applied('t', 0, '41');
    paced.applied('u', 3, '9007199254740993');
    await paced.close();
    expect(b.commits.at(-1)).toEqual([
      { topic: 't', partition: 0, offset: '42' },
      // offsets are 64-bit: no loss of precision past 2^53
      { topic: 'u', partition: 3, offset: '9007199254740994' },
    ]);
    paced.applied('t', 0, '99');
    await paced.close();
    expect(b.commits.flat().map((o) => o.offset)).not.toContain('100');
  });

  it('tries a refused commit again, unless a later offset of the partition or a rebalance took its place', async () => {
    const b = broker();
    const refusals: unknown[] = [];
    const paced = new PacedOffsetCommits(b.commit, 100, (e) => refusals.push(e));
    b.state.refusing = true;
    paced.applied('t', 0, '4');
    paced.applied('t', 1, '7');
    paced.applied('t', 2, '3');
    await until(() => refusals.length === 1, 'the refusal');
    // partition 0 moves on meanwhile; partition 2 goes to another member
    paced.applied('t', 0, '5');
    paced.assigned({ t: [0, 1] });
    b.state.refusing = false;
    await until(() => b.commits.length === 1, 'the commit tried again');
    expect([...b.commits[0]].sort((x, y) => x.partition - y.partition)).toEqual([
      { topic: 't', partition: 0, offset: '6' },
      { topic: 't', partition: 1, offset: '8' },
    ]);
    await paced.close();
  });
});

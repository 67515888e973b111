/** Where a progress report goes: stderr, or a stream a test passes. */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean };

export interface Progress {
  /** `done` of `total` units under a label; a new label starts a new line. */
  update(done: number | bigint, total: number | bigint, label?: string): void;
  /** The last state, shown once more and ended with a newline. */
  finish(): void;
}

const WIDTH = 30;

/**
 * The commands' one progress report. On a terminal a bar redrawn in place (`\r`), at most five
 * times a second; elsewhere (a file, a pipe, a CI log) a plain line at each tenth, never a `\r`.
 */
export function progress(out: ProgressStream = process.stderr, unit = 'records'): Progress {
  const tty = Boolean(out.isTTY);
  let label: string | undefined;
  let last: { done: bigint; total: bigint } | undefined;
  let shown = -1;
  let shownAt = 0;
  let open = false;
  const line = (done: bigint, total: bigint, percent: number) =>
    `${label ? `${label.padEnd(28)} ` : ''}${String(percent).padStart(3)}%  ${done}/${total} ${unit}`;
  const draw = (force: boolean) => {
    if (!last) return;
    const { done, total } = last;
    const percent = total === 0n ? 100 : Number((done * 100n) / total);
    if (tty) {
      if (!force && percent === shown && Date.now() - shownAt < 200) return;
      const filled = Math.round((percent / 100) * WIDTH);
      out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${line(done, total, percent)}`);
      open = true;
      shown = percent;
    } else {
      const tenth = Math.floor(percent / 10) * 10;
      if (tenth === shown && !force) return;
      out.write(`${line(done, total, percent)}\n`);
      shown = tenth;
    }
    shownAt = Date.now();
  };
  return {
    update(done, total, newLabel) {
      if (newLabel !== undefined && newLabel !== label) {
        if (tty && open) out.write('\n');
        open = false;
        label = newLabel;
        shown = -1;
      }
      last = { done: BigInt(done), total: BigInt(total) };
      draw(false);
    },
    finish() {
      if (tty) {
        draw(true);
        if (open) out.write('\n');
        open = false;
      } else if (last && shown !== 100) {
        draw(true);
      }
    },
  };
}

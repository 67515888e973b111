/** Runs a bench tool to its end: exits 0 when it is done (its nodes' handles may linger), 1 with the stack when it fails. */
export function runTool(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`${(e as Error).stack}\n`);
      process.exit(1);
    },
  );
}

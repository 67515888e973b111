import 'reflect-metadata';
import { run } from './program';
import { exitOnUnhandledErrors } from '../services/kernel/src/service';
import { quietWhenReadersLeave } from './io';

/** A server's stop on SIGINT and SIGTERM; a second signal does not start a second stop. */
function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping...\n`);
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}

exitOnUnhandledErrors();
const ctx: Parameters<typeof run>[1] = { env: process.env, io: { stdout: process.stdout, stderr: process.stderr } };
// the reader of what was printed has all it wanted: done
quietWhenReadersLeave(ctx.io, () => process.exit(0));
run(process.argv.slice(2), ctx).then(
  (code) => {
    if (code >= 0) process.exit(code);
    else stopOnSignal(ctx.keepRunning!);
  },
  (e: unknown) => {
    process.stderr.write(`mmhub: ${(e as Error).message}\n`);
    process.exit(1);
  },
);

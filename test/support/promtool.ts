import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './infra';

const run = promisify(execFile);
const KEPT = path.join(ROOT, '.mmhub/tools/promtool');

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * Prometheus's promtool: the machine's, or the one from Debian's `prometheus` package, fetched with
 * apt-get the first time and kept under .mmhub/tools. Only the tool is unpacked: installing the
 * package would also start a Prometheus server.
 */
export async function promtool(): Promise<string> {
  const installed = await run('sh', ['-c', 'command -v promtool']).then(
    (r) => r.stdout.trim(),
    () => '',
  );
  if (installed) return installed;
  if (await exists(KEPT)) return KEPT;
  const work = await mkdtemp(path.join(tmpdir(), 'mmhub-promtool-'));
  try {
    const download = () => run('apt-get', ['download', 'prometheus'], { cwd: work, timeout: 300_000 });
    // a machine whose package lists were never fetched knows no prometheus package yet
    await download().catch(async () => {
      await run('apt-get', ['update'], { timeout: 300_000 });
      await download();
    });
    const deb = (await readdir(work)).find((f) => f.endsWith('.deb'));
    if (!deb) throw new Error('apt-get download prometheus fetched no package');
    await run('sh', ['-c', `dpkg-deb --fsys-tarfile "${deb}" | tar -x ./usr/bin/promtool`], { cwd: work, timeout: 120_000 });
    await mkdir(path.dirname(KEPT), { recursive: true });
    await rename(path.join(work, 'usr/bin/promtool'), KEPT);
    return KEPT;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { ROOT } from '../support/infra';
import { promtool } from '../support/promtool';

const run = promisify(execFile);
const RULES = 'infra/prometheus/alerts.yml';
const TESTS = 'infra/prometheus/alerts.test.yml';

let tool: string;
beforeAll(async () => {
  tool = await promtool();
}, 600_000);

describe('the alarms (infra/prometheus/alerts.yml)', () => {
  it('are valid rules', async () => {
    const { stdout } = await run(tool, ['check', 'rules', RULES], { cwd: ROOT });
    expect(stdout).toContain('SUCCESS');
  });

  it('fire on what they are for and stay silent otherwise: promtool test rules infra/prometheus/alerts.test.yml', async () => {
    const result = await run(tool, ['test', 'rules', TESTS], { cwd: ROOT }).catch((e: { stdout?: string; stderr?: string }) => {
      throw new Error(`promtool test rules failed:\n${e.stdout}${e.stderr}`);
    });
    expect(result.stdout).toContain('SUCCESS');
  });

  it('each has a case in which it fires', async () => {
    const rules = parse(await readFile(path.join(ROOT, RULES), 'utf8')) as { groups: { rules: { alert: string }[] }[] };
    const tests = parse(await readFile(path.join(ROOT, TESTS), 'utf8')) as { tests: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[] };
    const firing = new Set(tests.tests.flatMap((t) => t.alert_rule_test.filter((a) => a.exp_alerts.length).map((a) => a.alertname)));
    const alerts = rules.groups.flatMap((g) => g.rules.map((r) => r.alert));
    expect(alerts.filter((a) => !firing.has(a))).toEqual([]);
  });
});

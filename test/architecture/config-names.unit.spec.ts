import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RENAMED } from '../../services/kernel/src/config';

const ROOT = path.resolve(__dirname, '../..');

// where an old name is written on purpose: the configuration that refuses it, its reference and tests, and past bench reports
const ON_PURPOSE = [
  /^services\/kernel\/src\/config\//,
  /^docs\/configuration\.md$/,
  /^test\/cli\/program\.unit\.spec\.ts$/,
  /^test\/architecture\/config-names\.unit\.spec\.ts$/,
  /^bench\/results\//,
  /^package-lock\.json$/,
];

const OLD = [...RENAMED.keys()].join('|');
/** An old name used as configuration: set (`NODE=`, `NODE:`), read (`env.NODE`, `$NODE`), or named in docs (`` `NODE` ``). */
const USED = new RegExp(
  `(?<![\\w.$-])(?<!(?:const|let|var)\\s+)(?:${OLD})(?=\\s*[:=](?![=:]))|env(?:\\.|\\[['"])(?:${OLD})\\b|\\$\\{?(?:${OLD})\\b|\`(?:${OLD})\``,
);

describe('the configuration names', () => {
  it('are recognised in the forms an old name would take', () => {
    for (const line of [
      "env: { NODE: 'riyadh' }",
      'export DATABASE_URL=postgresql://x',
      'process.env.KAFKA_BROKERS',
      '${JWT_SECRET:?set it}',
      '| `PORT` | `4000` |',
      '      GATEWAY_SECRET: x',
    ])
      expect({ line, used: USED.test(line) }).toEqual({ line, used: true });
    for (const line of ["env: { MMHUB_NODE: 'riyadh' }", 'const PORT = 19392;', "['NODE', 'NEWEST EVENT']", 'NODE_ENV=production', 'TEST_ADMIN_DATABASE_URL='])
      expect({ line, used: USED.test(line) }).toEqual({ line, used: false });
  });

  it('carry the MMHUB_ prefix everywhere in code, tests, infrastructure and docs', () => {
    const files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && !ON_PURPOSE.some((p) => p.test(f)));
    expect(files.length).toBeGreaterThan(200);
    const found = files.flatMap((file) => {
      let text: string;
      try {
        text = readFileSync(path.join(ROOT, file), 'utf8');
      } catch {
        return []; // listed by git but absent from the work tree
      }
      return text.split('\n').flatMap((line, i) => (USED.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
    });
    expect(found).toEqual([]);
  });
});

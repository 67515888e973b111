import { z } from 'zod';
import { RENAMED, variables } from './config';

/** One variable's JSON Schema, as zod renders the input it accepts. */
interface Accepts {
  type?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  format?: string;
  examples?: string[];
}

const BOOLEAN_WORDS = ['0', '1', 'true', 'false', 'yes', 'no'];

/** A table cell: its text as code, pipes escaped so that they do not split the row. */
const code = (text: string) => `\`${text.replace(/\|/g, '\\|')}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|');

function typeOf(a: Accepts): string {
  if (a.enum && BOOLEAN_WORDS.every((w) => a.enum!.includes(w))) return 'boolean';
  if (a.enum) return 'choice';
  if (a.format === 'uri') return 'URL';
  return a.type ?? 'string';
}

function allowedOf(a: Accepts): string {
  if (a.enum && typeOf(a) === 'boolean') return `${code('true')} or ${code('false')} (also ${code('1')}/${code('0')}, ${code('yes')}/${code('no')})`;
  if (a.enum) return a.enum.map(code).join(', ');
  if (a.type === 'integer') return `${a.minimum ?? '…'} to ${a.maximum ?? '…'}`;
  if (a.format === 'uri') return 'an http(s) URL';
  const example = a.examples?.length ? `such as ${code(a.examples[0])}` : undefined;
  if (a.pattern) return [`matches ${code(a.pattern)}`, example].filter(Boolean).join(', ');
  if (example) return example;
  if (a.minLength && a.minLength > 1) return `at least ${a.minLength} characters`;
  return 'any text';
}

function defaultOf(field: z.ZodType): string {
  return field instanceof z.ZodDefault ? code(String(field.def.defaultValue)) : '—';
}

/** docs/configuration.md, rendered from the configuration schema: what `npm run docs:config` writes. */
export function configurationReference(): string {
  const accepted = (z.toJSONSchema(variables, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, Accepts> }).properties;
  const rows = Object.entries(variables.shape).map(([name, field]) => {
    const a = accepted[name];
    return `| ${code(name)} | ${typeOf(a)} | ${defaultOf(field)} | ${allowedOf(a)} | ${cell(field.description ?? '')} |`;
  });
  const renamed = [...RENAMED].map(([old, name]) => `${code(old)} → ${code(name)}`);
  return `# Configuration reference

<!-- Written by \`npm run docs:config\` from services/kernel/src/config/config.ts; edit the schema, not this file. -->

Every process of mmhub (\`mmhub start\`, \`serve\`, \`migrate\`, \`status\`, \`token\`, \`events\`, …) reads its
configuration from the environment once, when it starts, and checks it against one schema. A bad value
stops it with exit code 78 and a message naming the variable. An unset or empty variable takes its default.

| variable | type | default | allowed | meaning |
|---|---|---|---|---|
${rows.join('\n')}

## Production mode

With \`MMHUB_MODE=production\` a process also refuses to start without \`MMHUB_JWT_SECRET\` or
\`MMHUB_JWKS_URL\`, with the development secret, without \`MMHUB_JWT_AUDIENCE\`, or without a
\`MMHUB_GATEWAY_SECRET\` of its own; the key set and the console's issuer must then be https (http only
to this machine). The console's sign-in takes \`MMHUB_CONSOLE_OIDC_ISSUER\` and
\`MMHUB_CONSOLE_OIDC_CLIENT_ID\` together, or neither.

## Names from before the MMHUB_ prefix

Every variable carries the \`MMHUB_\` prefix, except the standard OpenTelemetry ones (\`OTEL_*\`) and
\`NODE_ENV\`, so that none collides with what npm or a shell sets. A process that finds an old name
set stops (exit 78), naming the new one: unset the old name and set the new. \`NODE\` holding a path is
the one npm and npx set to the node binary, and is left alone; \`NODE=riyadh npx mmhub …\` cannot work
for that reason: write \`MMHUB_NODE=riyadh npx mmhub …\`.

${renamed.join(', ')}.
`;
}

import type { AsyncAPIDocumentInterface, MessageInterface, SchemaInterface } from '@asyncapi/parser';

/** Renders the parsed AsyncAPI document as Markdown for people: topics, headers, every event type, every state. */

const cell = (s: string | undefined): string => (s ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
/** GitHub's heading anchors. */
const slug = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
const code = (s: string) => `\`${s}\``;

interface Rendering {
  /** Every titled object schema (the states and the parts they share), by title, to describe once each. */
  states: Map<string, SchemaInterface>;
}

const isFromTo = (keys: string[]) => keys.length === 2 && keys.includes('from') && keys.includes('to');
/** A description, also when zod put it on the non-null member of `X or null`. */
const descriptionOf = (s: SchemaInterface): string | undefined => s.description() ?? (s.anyOf() ?? s.oneOf())?.find((a) => a.description())?.description();

/** Collects the titled object schemas reachable from `s`. */
function collect(s: SchemaInterface, into: Map<string, SchemaInterface>, seen = new Set<SchemaInterface>()): void {
  if (seen.has(s)) return;
  seen.add(s);
  const title = s.title();
  if (title && s.type() === 'object' && !into.has(title)) into.set(title, s);
  const items = s.items();
  const children = [
    ...Object.values(s.properties() ?? {}),
    ...(s.allOf() ?? []),
    ...(s.anyOf() ?? []),
    ...(s.oneOf() ?? []),
    ...(items && !Array.isArray(items) ? [items] : []),
  ];
  for (const c of children) collect(c, into, seen);
}

function typeOf(s: SchemaInterface, r: Rendering): string {
  const all = s.allOf();
  if (all?.length === 1) return typeOf(all[0], r);
  const title = s.title();
  if (title && r.states.has(title)) return `[${title}](#${slug(title)})`;
  if (s.const() !== undefined) return code(JSON.stringify(s.const()));
  const values = s.enum();
  if (values) return values.map((v) => code(String(v))).join(' or ');
  const alternatives = s.anyOf() ?? s.oneOf();
  if (alternatives) return alternatives.map((a) => typeOf(a, r)).join(' or ');
  const type = s.type();
  if (Array.isArray(type)) return type.join(' or ');
  if (type === 'array') {
    const items = s.items();
    return items && !Array.isArray(items) ? `array of ${typeOf(items, r)}` : 'array';
  }
  if (type === 'object') {
    const props = s.properties() ?? {};
    const keys = Object.keys(props);
    if (isFromTo(keys)) {
      const [from, to] = [typeOf(props.from, r), typeOf(props.to, r)];
      // a status change: any of its statuses before, the one the event names after
      const narrowed = (props.to.enum()?.length ?? 0) < (props.from.enum()?.length ?? 0) ? 'any' : from;
      return from === to ? `before → after: ${from}` : `${narrowed} → ${to}`;
    }
    if (title) return title;
    return keys.length ? `{ ${keys.join(', ')} }` : 'object';
  }
  const format = s.format();
  return format ? `${type} (${format})` : String(type ?? 'any');
}

/** One row per field; the fields of a nested object without a title follow as `parent.field`. */
function fieldRows(s: SchemaInterface, r: Rendering, prefix = ''): string[] {
  const props = s.properties() ?? {};
  const required = new Set(s.required() ?? []);
  return Object.entries(props).flatMap(([name, p]) => {
    const row = `| ${code(prefix + name)} | ${cell(typeOf(p, r))} | ${required.has(name) ? 'yes' : 'no'} | ${cell(descriptionOf(p))} |`;
    const items = p.items();
    const inner = p.type() === 'array' && items && !Array.isArray(items) ? items : p;
    const keys = Object.keys(inner.properties() ?? {});
    const nested = inner.type() === 'object' && !inner.title() && keys.length && !isFromTo(keys);
    return nested ? [row, ...fieldRows(inner, r, `${prefix}${name}${inner === p ? '' : '[]'}.`)] : [row];
  });
}

const FIELDS = ['| field | type | required | description |', '|---|---|---|---|'];

/** The schema a message's payload says; a `change` that is the whole state says so in one line. */
function messageSection(m: MessageInterface, r: Rendering): string[] {
  const name = m.name() ?? m.id();
  const payload = m.payload();
  const out = [`#### ${name}`, '', m.summary() ?? '', '', `Schema: [schema/events/${name}.json](../schema/events/${name}.json).`];
  const props = payload?.properties() ?? {};
  if (props.state) out.push('', `- \`state\`: ${typeOf(props.state, r)}, after the change.`);
  const change = props.change;
  if (change) {
    const whole = change.allOf()?.length === 1 || (change.title() && r.states.has(change.title()!));
    const own = change.properties() ?? {};
    if (whole) out.push(`- \`change\` (${typeOf(change, r)}): ${cell(change.description())}`);
    else if (!Object.keys(own).length) out.push(`- \`change\`: ${cell(change.description())}`);
    else out.push(`- \`change\`: ${cell(change.description())}`, '', ...FIELDS, ...fieldRows(change, r));
  }
  return [...out, ''];
}

function headerTable(s: SchemaInterface | undefined): string[] {
  if (!s) return [];
  const required = new Set(s.required() ?? []);
  const rows = Object.entries(s.properties() ?? {}).map(
    ([name, p]) =>
      `| ${code(name)} | ${required.has(name) ? 'yes' : 'no'} | ${cell(p.description())}${p.const() !== undefined ? ` Always ${code(String(p.const()))}.` : ''} |`,
  );
  return ['| header | required | description |', '|---|---|---|', ...rows];
}

export function asyncApiMarkdown(doc: AsyncAPIDocumentInterface, source = 'schema/asyncapi.yaml'): string {
  const messages = doc.messages().all();
  const r: Rendering = { states: new Map() };
  // the states first, then what only a change carries (a progress report)
  for (const m of messages) {
    const state = m.payload()?.properties()?.state;
    if (state) collect(state, r.states);
  }
  for (const m of messages) {
    const change = m.payload()?.properties()?.change;
    if (change) collect(change, r.states);
  }
  const channels = doc.channels().all();
  const eventChannels = channels.filter((c) =>
    c
      .messages()
      .all()
      .some((m) => m.payload()?.properties()?.state),
  );
  const deadLetters = channels.filter((c) => c.address()?.endsWith('.dlq'));
  const others = channels.filter((c) => !eventChannels.includes(c) && !deadLetters.includes(c));
  const components = doc.components().schemas();
  const info = doc.info();
  const out: string[] = [
    `# ${info.title()}`,
    '',
    `> Generated by \`npm run events:docs\` from [${source}](../${source}) (AsyncAPI ${doc.version()}, document version ${info.version()}); edit the source, not this page.`,
    '',
    info.description() ?? '',
    '',
    '## Servers',
    '',
    ...doc
      .servers()
      .all()
      .map(
        (s) =>
          `- **${s.id()}** (${s.protocol()} ${s.protocolVersion() ?? ''}) at ${code(s.host())}: ${cell(s.description())}` +
          s
            .variables()
            .all()
            .map((v) => ` ${code(`{${v.id()}}`)} is ${cell(v.description())} Default: ${code(v.defaultValue() ?? '')}.`)
            .join(''),
      ),
    '',
    '## Topics',
    '',
    '| topic | what | messages |',
    '|---|---|---|',
    ...channels.map((c) => `| ${code(c.address() ?? c.id())} | ${cell(c.description())} | ${c.messages().all().length} |`),
    '',
    '## Record headers',
    '',
    'Every event record carries the CloudEvents attributes as headers (binary content mode); `ce_type` names the schema of the value.',
    '',
    ...headerTable(components.get('CloudEventHeaders')),
    '',
    '## Operations',
    '',
    '| operation | action | topic | summary |',
    '|---|---|---|---|',
    ...doc
      .operations()
      .all()
      .map(
        (o) =>
          `| ${code(o.id() ?? '')} | ${o.action()} | ${o
            .channels()
            .all()
            .map((c) => code(c.address() ?? c.id()))
            .join(', ')} | ${cell(o.summary())} |`,
      ),
    '',
    '## Event types',
    '',
  ];
  for (const c of eventChannels) {
    const ms = c.messages().all();
    out.push(`### ${c.address()}`, '', cell(c.description()), '', '| type | what happened |', '|---|---|');
    out.push(...ms.map((m) => `| [${m.name()}](#${slug(m.name() ?? '')}) | ${cell(m.summary())} |`), '');
    for (const m of ms) out.push(...messageSection(m, r));
  }
  out.push('## States', '', "Each event carries its aggregate's whole state after the change as `state`; these are the states and the parts they share.", '');
  for (const [title, s] of r.states) out.push(`### ${title}`, '', cell(s.description()), '', ...FIELDS, ...fieldRows(s, r), '');
  out.push('## Dead letters', '');
  for (const c of deadLetters) out.push(`- ${code(c.address()!)}: ${cell(c.description())}`);
  out.push('', 'A dead letter keeps the original key, value and headers, and adds:', '', ...headerTable(components.get('DeadLetterHeaders')), '');
  for (const c of others) {
    out.push(`## ${(c.json() as { title?: string }).title ?? c.id()}`, '', `${code(c.address() ?? c.id())}: ${cell(c.description())}`, '');
    for (const m of c.messages().all()) {
      const p = m.payload();
      out.push(`Message ${code(m.name() ?? m.id())}: ${cell(m.summary())} Schema: [schema/events/${m.name()}.json](../schema/events/${m.name()}.json).`, '');
      if (p) out.push(...FIELDS, ...fieldRows(p, r), '');
    }
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

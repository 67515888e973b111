/** Just enough YAML for generated documents: plain data (objects, arrays, strings, numbers, booleans, null). */

const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;
const PLAIN = /^[A-Za-z_./$][\w ./$@()+,'-]*$/;
const NUMBER_LIKE = /^[-+]?(\d|\.\d)/;

function scalar(v: string): string {
  const plain = PLAIN.test(v) && !RESERVED.test(v) && !NUMBER_LIKE.test(v) && !v.endsWith(' ') && !v.includes(' #');
  return plain ? v : JSON.stringify(v);
}

function isBlock(v: string): boolean {
  return v.includes('\n') && !/^\s|\s$/.test(v) && !/[ \t]\n/.test(v) && !/\n\s*\n\s/.test(v);
}

function emit(value: unknown, indent: string, out: string[], prefix: string): void {
  if (Array.isArray(value)) {
    if (!value.length) return void out.push(`${prefix} []`);
    out.push(prefix);
    for (const item of value) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length) {
        const lines: string[] = [];
        emitObject(item as Record<string, unknown>, `${indent}  `, lines);
        out.push(`${indent}- ${lines[0].trimStart()}`, ...lines.slice(1));
      } else emit(item, `${indent}  `, out, `${indent}-`);
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    if (!Object.keys(value).length) return void out.push(`${prefix} {}`);
    out.push(prefix);
    emitObject(value as Record<string, unknown>, indent, out);
    return;
  }
  if (typeof value === 'string' && isBlock(value)) {
    out.push(`${prefix} |-`, ...value.split('\n').map((l) => (l ? `${indent}${l}` : '')));
    return;
  }
  out.push(`${prefix} ${typeof value === 'string' ? scalar(value) : value === null ? 'null' : String(value)}`);
}

function emitObject(o: Record<string, unknown>, indent: string, out: string[]): void {
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    emit(v, `${indent}  `, out, `${indent}${scalar(k)}:`);
  }
}

export function toYaml(document: Record<string, unknown>): string {
  const out: string[] = [];
  emitObject(document, '', out);
  return `${out.join('\n')}\n`;
}

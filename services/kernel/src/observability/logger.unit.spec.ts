import { createLogger, errorForLog, withoutStatement } from './logger';

describe('what the log keeps of a failed statement', () => {
  const failed = `insert into "initiatives"."initiative" ("id", "title_en") values ('01a2', 'secret title') - invalid input syntax for type uuid: "secret title"\n - detail: Failing row contains (01a2, secret title).`;

  it('drops the statement, the row PostgreSQL quotes and the value it names', () => {
    expect(withoutStatement(failed)).toBe('invalid input syntax for type uuid: "…"');
  });

  it('leaves a message that is not a failed statement as it is', () => {
    expect(withoutStatement('The event bus does not answer - retrying')).toBe('The event bus does not answer - retrying');
    expect(withoutStatement('Set MMHUB_JWT_SECRET: "x" is too short')).toBe('Set MMHUB_JWT_SECRET: "x" is too short');
  });

  it('keeps a database error’s class, SQLSTATE and names, wherever in a chain of causes it is', () => {
    const db = Object.assign(new Error(failed), {
      code: '22P02',
      routine: 'string_to_uuid',
      table: 'initiative',
      detail: 'Failing row contains (01a2, secret title).',
      where: 'secret title',
    });
    const outer = new Error('could not propose', { cause: db });
    const lines: string[] = [];
    createLogger('info', {}, { write: (l: string) => void lines.push(l) }).error({ err: outer }, 'failed');
    expect(lines.join('')).not.toContain('secret title');
    expect(lines.join('')).not.toContain('insert into');
    expect(errorForLog(outer)).toMatchObject({
      message: 'could not propose',
      cause: { code: '22P02', routine: 'string_to_uuid', table: 'initiative', message: 'invalid input syntax for type uuid: "…"' },
    });
  });
});

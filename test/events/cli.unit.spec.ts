import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, eventCsv, eventCsvColumns, matcher, parseTime, unknownTypes } from '../../cli/events-format';
import { csvHeader } from '../../cli/csv';
import { eventsCommand } from '../../cli/program';
import type { CloudEvent } from '../../services/kernel/src/events';

const now = new Date('2026-03-10T12:00:00Z');

function io() {
  let out = '';
  let err = '';
  const stdout = new PassThrough().on('data', (c) => (out += c));
  const stderr = new PassThrough().on('data', (c) => (err += c));
  return { stdout, stderr, now: () => now, out: () => out, err: () => err };
}

const event = (over: Partial<CloudEvent> = {}): CloudEvent => ({
  id: '01a21673-31fd-7cc2-a7bc-f991bc770d54',
  source: '/nodes/riyadh/initiatives',
  type: 'mmhub.initiative.approved.v1',
  subject: '01a21673-31fb-7f13-8ad2-ea0d9d37c51c',
  time: '2026-03-10T09:00:00.000Z',
  node: 'riyadh',
  aggregateVersion: 2,
  data: { state: { titleAr: 'بوابة "الأمانة", الرقمية' } },
  ...over,
});

describe('mmhub events: arguments', () => {
  it('reads times as a day in Riyadh, an instant with its offset, or a while ago', () => {
    expect(parseTime('2026-03-01', now, '--since').toISOString()).toBe('2026-02-28T21:00:00.000Z');
    expect(parseTime('2026-03-01T09:00:00+03:00', now, '--since').toISOString()).toBe('2026-03-01T06:00:00.000Z');
    expect(parseTime('2026-03-01T06:00:00.250Z', now, '--since').toISOString()).toBe('2026-03-01T06:00:00.250Z');
    expect(parseTime('90m', now, '--since').toISOString()).toBe('2026-03-10T10:30:00.000Z');
    expect(parseTime('7d', now, '--since').toISOString()).toBe('2026-03-03T12:00:00.000Z');
    expect(parseTime('now', now, '--until')).toEqual(now);
    // a time without an offset is ambiguous: refused, with what to write instead
    expect(() => parseTime('2026-03-01T09:00', now, '--since')).toThrow(
      /--since: "2026-03-01T09:00" is not a time\. Give a day \(2026-03-01, midnight in Riyadh\)/,
    );
    expect(() => parseTime('2026-02-30', now, '--until')).toThrow(/--until/);
    expect(() => parseTime('yesterday', now, '--until')).toThrow(/90m, 6h, 7d/);
  });

  it('filters by exact type, pattern and node', () => {
    const m = matcher({ types: ['mmhub.initiative.*', 'mmhub.message.published.v1'], nodes: ['riyadh', 'ministry'] });
    expect(m(event())).toBe(true);
    expect(m(event({ node: 'jeddah' }))).toBe(false);
    expect(m(event({ type: 'mmhub.message.published.v1' }))).toBe(true);
    expect(m(event({ type: 'mmhub.message.approved.v1' }))).toBe(false);
    expect(matcher({})(event({ node: 'jeddah' }))).toBe(true);
    expect(unknownTypes({ types: ['*.cancelled.v1', 'mmhub.initiative.approve.v1'] })).toEqual(['mmhub.initiative.approve.v1']);
  });

  it('writes a CSV row with each field of the data in its own column, quoted as RFC 4180 wants, a formula defused', () => {
    const columns = eventCsvColumns({ types: ['mmhub.initiative.approved.v1'] });
    const keys = columns.map((c) => c.key);
    expect(keys.slice(0, 11)).toEqual(CSV_COLUMNS.map((c) => c.key));
    expect(keys).toEqual(expect.arrayContaining(['data.state.titleAr', 'data.state.code', 'data.change.by']));
    const at = { topic: 'mmhub.initiatives.v1', partition: 2, offset: '41', timestamp: new Date('2026-03-10T09:00:00.020Z') };
    const row = eventCsv(
      event({ data: { state: { titleAr: 'بوابة "الأمانة", الرقمية', code: '=HYPERLINK("http://x")' }, change: { by: 'riyadh-reviewer' } } }),
      at,
      columns,
    );
    const cells = parse(row)[0] as string[];
    expect(cells.slice(0, 11)).toEqual([
      '01a21673-31fd-7cc2-a7bc-f991bc770d54',
      'mmhub.initiative.approved.v1',
      '/nodes/riyadh/initiatives',
      'riyadh',
      '01a21673-31fb-7f13-8ad2-ea0d9d37c51c',
      '2026-03-10T09:00:00.000Z',
      '2',
      'mmhub.initiatives.v1',
      '2',
      '41',
      '2026-03-10T09:00:00.020Z',
    ]);
    expect(cells[keys.indexOf('data.state.titleAr')]).toBe('بوابة "الأمانة", الرقمية');
    expect(row).toContain('"بوابة ""الأمانة"", الرقمية"');
    expect(cells[keys.indexOf('data.state.code')]).toBe(`'=HYPERLINK("http://x")`);
    expect(cells[keys.indexOf('data.change.by')]).toBe('riyadh-reviewer');
    expect(csvHeader(columns).startsWith('\uFEFFid,type,')).toBe(true);
    expect(csvHeader(columns, true).startsWith('\uFEFFالمعرّف,النوع,')).toBe(true);
  });

  it('explains a usage error and exits 2, before reaching for Kafka', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /Usage:/],
      [['export', '--since', '1d'], /required option '--until <time>' not specified/],
      [['export', '--since', '1d', '--until', 'now', '--format', 'xml', '--out', 'x'], /--format is csv or jsonl, not "xml"/],
      [['export', '--since', 'now', '--until', '1d', '--format', 'csv', '--out', 'x'], /--until .* must come after --since/],
      [['tail', '--until', 'now'], /--until, --format and --out belong to export/],
      [['tail', '--colour'], /unknown option '--colour'/],
      [['replay'], /unknown command 'replay'/],
    ];
    for (const [argv, message] of cases) {
      const s = io();
      expect(await eventsCommand(argv, { MMHUB_KAFKA_BROKERS: '127.0.0.1:1' }, s)).toBe(2);
      expect(s.err()).toMatch(message);
    }
    const help = io();
    expect(await eventsCommand(['--help'], {}, help)).toBe(0);
    expect(help.out()).toMatch(/Usage: mmhub events \[options\] \[command\]/);
    const exportHelp = io();
    expect(await eventsCommand(['export', '--help'], {}, exportHelp)).toBe(0);
    expect(exportHelp.out()).toMatch(/--format <format> +csv or jsonl/);
  });
});

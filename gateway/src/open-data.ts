import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../services/kernel/src/observability';
import { csvHeader, csvRow, type Column } from '../../cli/csv';

/** What can be exported: the node's initiatives, their progress reports, its calendar (campaigns) and its media messages. */
export const EXPORTS = ['initiatives', 'progress', 'calendar', 'messages'] as const;
export type ExportName = (typeof EXPORTS)[number];
export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const isExportName = (v: string): v is ExportName => (EXPORTS as readonly string[]).includes(v);
export const isExportFormat = (v: string): v is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(v);

type Row = Record<string, unknown>;

/** A column of an export: its header in English and Arabic, and its cell taken from one record. */
export interface ExportColumn extends Column {
  cell?: (r: Row) => unknown;
}

/** One dataset: the GraphQL page that reads it, and how a page becomes records and a record a CSV row. */
interface Dataset {
  /** An operation with `$after: String`; its root field is a connection. */
  query: string;
  root: string;
  /** The records of one connection node (a progress export gives one per report). */
  records: (node: Row) => Row[];
  columns: ExportColumn[];
}

const HIJRI = '{ ar en }';
const list = (v: unknown): string => (Array.isArray(v) ? v.map((x) => String(x)).join('; ') : '');
const each = (v: unknown, f: (x: Row) => string): string => (Array.isArray(v) ? (v as Row[]).map(f).join('; ') : '');
const hijri = (v: unknown): unknown => (v && typeof v === 'object' ? (v as Row).ar : undefined);

const col = (key: string, en: string, ar: string, cell?: (r: Row) => unknown): ExportColumn => ({ key, en, ar, cell });

const DATASETS: Record<ExportName, Dataset> = {
  initiatives: {
    root: 'initiatives',
    query: `query ExportInitiatives($after: String) { initiatives(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node {
      id node code titleAr titleEn descriptionAr descriptionEn axis status nationalInitiativeId plannedStart plannedEnd plannedStartHijri ${HIJRI} plannedEndHijri ${HIJRI}
      percentComplete expectedProgress rag lateDays lastReportedAt targets { kpi unit targetValue kpiEn unitEn } createdAt updatedAt version } } } }`,
    records: (n) => [n],
    columns: [
      col('id', 'id', 'المعرّف'),
      col('node', 'node', 'الجهة'),
      col('code', 'code', 'الرمز'),
      col('titleAr', 'title (Arabic)', 'العنوان'),
      col('titleEn', 'title (English)', 'العنوان بالإنجليزية'),
      col('descriptionAr', 'description (Arabic)', 'الوصف'),
      col('descriptionEn', 'description (English)', 'الوصف بالإنجليزية'),
      col('axis', 'axis', 'المحور'),
      col('status', 'status', 'الحالة'),
      col('nationalInitiativeId', 'national initiative', 'المبادرة الوطنية'),
      col('plannedStart', 'planned start', 'البداية المخططة'),
      col('plannedStartHijri', 'planned start (Hijri)', 'البداية المخططة (هجري)', (r) => hijri(r.plannedStartHijri)),
      col('plannedEnd', 'planned end', 'النهاية المخططة'),
      col('plannedEndHijri', 'planned end (Hijri)', 'النهاية المخططة (هجري)', (r) => hijri(r.plannedEndHijri)),
      col('percentComplete', 'percent complete', 'نسبة الإنجاز'),
      col('expectedProgress', 'expected progress', 'الإنجاز المتوقع'),
      col('rag', 'rating', 'التقييم'),
      col('lateDays', 'days late', 'أيام التأخير'),
      col('lastReportedAt', 'last reported at', 'آخر تقرير'),
      col('targets', 'targets', 'المستهدفات', (r) => each(r.targets, (t) => `${t.kpi}: ${t.targetValue} ${t.unit}`)),
      col('createdAt', 'created at', 'تاريخ الإنشاء'),
      col('updatedAt', 'updated at', 'تاريخ التحديث'),
      col('version', 'version', 'الإصدار'),
    ],
  },
  progress: {
    root: 'initiatives',
    query: `query ExportProgress($after: String) { initiatives(first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node {
      id node code titleAr progressReports { id percentComplete kpiActuals { kpi value } note reportedAt reportedAtHijri ${HIJRI} reportedBy } } } } }`,
    records: (n) =>
      ((n.progressReports as Row[] | undefined) ?? []).map((p) => ({
        ...p,
        initiativeId: n.id,
        node: n.node,
        initiativeCode: n.code,
        initiativeTitleAr: n.titleAr,
      })),
    columns: [
      col('id', 'id', 'المعرّف'),
      col('node', 'node', 'الجهة'),
      col('initiativeId', 'initiative', 'المبادرة'),
      col('initiativeCode', 'initiative code', 'رمز المبادرة'),
      col('initiativeTitleAr', 'initiative title', 'عنوان المبادرة'),
      col('percentComplete', 'percent complete', 'نسبة الإنجاز'),
      col('kpiActuals', 'KPI actuals', 'قيم المؤشرات', (r) => each(r.kpiActuals, (k) => `${k.kpi}: ${k.value}`)),
      col('note', 'note', 'ملاحظة'),
      col('reportedAt', 'reported at', 'تاريخ التقرير'),
      col('reportedAtHijri', 'reported at (Hijri)', 'تاريخ التقرير (هجري)', (r) => hijri(r.reportedAtHijri)),
      col('reportedBy', 'reported by', 'المُبلِّغ'),
    ],
  },
  calendar: {
    root: 'campaigns',
    query: `query ExportCalendar($after: String) { campaigns(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node {
      id node titleAr titleEn descriptionAr descriptionEn axis scope status audiences channels startsAt endsAt firstDay lastDay firstDayHijri ${HIJRI} lastDayHijri ${HIJRI}
      initiativeIds entries { kind titleAr startDate endDate status } createdAt updatedAt version } } } }`,
    records: (n) => [n],
    columns: [
      col('id', 'id', 'المعرّف'),
      col('node', 'node', 'الجهة'),
      col('titleAr', 'title (Arabic)', 'العنوان'),
      col('titleEn', 'title (English)', 'العنوان بالإنجليزية'),
      col('descriptionAr', 'description (Arabic)', 'الوصف'),
      col('descriptionEn', 'description (English)', 'الوصف بالإنجليزية'),
      col('axis', 'axis', 'المحور'),
      col('scope', 'scope', 'النطاق'),
      col('status', 'status', 'الحالة'),
      col('audiences', 'audiences', 'الجمهور', (r) => list(r.audiences)),
      col('channels', 'channels', 'القنوات', (r) => list(r.channels)),
      col('startsAt', 'starts at', 'يبدأ'),
      col('endsAt', 'ends at', 'ينتهي'),
      col('firstDay', 'first day', 'اليوم الأول'),
      col('firstDayHijri', 'first day (Hijri)', 'اليوم الأول (هجري)', (r) => hijri(r.firstDayHijri)),
      col('lastDay', 'last day', 'اليوم الأخير'),
      col('lastDayHijri', 'last day (Hijri)', 'اليوم الأخير (هجري)', (r) => hijri(r.lastDayHijri)),
      col('initiativeIds', 'initiatives', 'المبادرات', (r) => list(r.initiativeIds)),
      col('entries', 'entries', 'الفعاليات', (r) =>
        each(r.entries, (e) => `${e.kind} ${e.startDate}${e.endDate !== e.startDate ? `..${e.endDate}` : ''} ${e.titleAr} (${e.status})`),
      ),
      col('createdAt', 'created at', 'تاريخ الإنشاء'),
      col('updatedAt', 'updated at', 'تاريخ التحديث'),
      col('version', 'version', 'الإصدار'),
    ],
  },
  messages: {
    root: 'mediaMessages',
    query: `query ExportMessages($after: String) { mediaMessages(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node {
      id node origin status campaignId initiativeId keyMessageId bodyAr bodyEn publishAt publishedAt authors createdBy
      variants { channel publishedText scheduledAt } createdAt updatedAt version } } } }`,
    records: (n) => [n],
    columns: [
      col('id', 'id', 'المعرّف'),
      col('node', 'node', 'الجهة'),
      col('origin', 'origin', 'المصدر'),
      col('status', 'status', 'الحالة'),
      col('campaignId', 'campaign', 'الحملة'),
      col('initiativeId', 'initiative', 'المبادرة'),
      col('keyMessageId', 'key message', 'الرسالة الرئيسية'),
      col('bodyAr', 'body (Arabic)', 'النص'),
      col('bodyEn', 'body (English)', 'النص بالإنجليزية'),
      col('publishAt', 'publish at', 'موعد النشر'),
      col('publishedAt', 'published at', 'تاريخ النشر'),
      col('authors', 'authors', 'الكتّاب', (r) => list(r.authors)),
      col('createdBy', 'created by', 'أنشأها'),
      col('variants', 'variants', 'الصيغ', (r) => each(r.variants, (v) => `${v.channel}: ${v.publishedText}`)),
      col('createdAt', 'created at', 'تاريخ الإنشاء'),
      col('updatedAt', 'updated at', 'تاريخ التحديث'),
      col('version', 'version', 'الإصدار'),
    ],
  },
};

export const columnsOf = (what: ExportName): ExportColumn[] => DATASETS[what].columns;

/** A GraphQL answer as the export reads it. */
export interface GraphQLAnswer {
  data?: Record<string, { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: Row }> }> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** An export refused or broken by the API: its first error, with the HTTP status it maps to. */
export class ExportRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageAr: string | undefined,
    readonly status: number,
  ) {
    super(message);
  }
}

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, RATE_LIMITED: 429, BAD_USER_INPUT: 400 };

/**
 * The records of a dataset, page after page of the API as the caller may read it: one page in
 * memory at a time. `total` is known after the first page (for a progress export: the initiatives).
 */
export async function* readExport(
  what: ExportName,
  execute: (query: string, variables: Record<string, unknown>) => Promise<GraphQLAnswer>,
  onTotal?: (total: number) => void,
): AsyncGenerator<Row> {
  const d = DATASETS[what];
  let after: string | null = null;
  for (let first = true; ; first = false) {
    const answer = await execute(d.query, { after });
    const e = answer.errors?.[0];
    const page = answer.data?.[d.root];
    if (e || !page) {
      const code = String(e?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
      throw new ExportRefused(code, e?.message ?? 'The API gave no page.', e?.extensions?.messageAr as string | undefined, STATUS[code] ?? 502);
    }
    if (first) onTotal?.(page.totalCount);
    for (const edge of page.edges) yield* d.records(edge.node);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}

/** One CSV row of a record: each field its own column, lists joined with "; ", a formula defused. */
export function csvOf(what: ExportName, r: Row): string {
  return csvRow(DATASETS[what].columns.map((c) => (c.cell ? c.cell(r) : r[c.key])));
}

/** Writes records in a format: CSV (BOM and header first), a JSON array, or one JSON object a line. */
export function exportWriter(what: ExportName, format: ExportFormat, arabicHeaders = false) {
  let count = 0;
  return {
    start: (): string => (format === 'csv' ? csvHeader(columnsOf(what), arabicHeaders) : format === 'json' ? '[' : ''),
    record: (r: Row): string => {
      const sep = count++ === 0 ? '\n' : ',\n';
      return format === 'csv' ? csvOf(what, r) : format === 'json' ? `${sep}${JSON.stringify(r)}` : `${JSON.stringify(r)}\n`;
    },
    end: (): string => (format === 'json' ? (count ? '\n]\n' : ']\n') : ''),
  };
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/** The exact download paths the gateway serves: /export/<what>.<format>. */
export const EXPORT_PATHS: ReadonlyMap<string, { what: ExportName; format: ExportFormat }> = new Map(
  EXPORTS.flatMap((what) => EXPORT_FORMATS.map((format) => [`/export/${what}.${format}`, { what, format }] as const)),
);

/** Writes and waits when the stream asks to. */
async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (text && !out.write(text)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

function refuse(res: ServerResponse, status: number, code: string, en: string, ar: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(status === 401 ? { 'www-authenticate': 'Bearer realm="mmhub"' } : {}) });
  res.end(JSON.stringify({ errors: [{ message: en, extensions: { code, messageAr: ar } }] }));
}

/**
 * `GET /export/<what>.<format>` at a node's gateway: the records the caller may read through the
 * API (drafts only to those who may read them), page by page, streamed as an attachment. `?headers=ar`
 * gives a CSV Arabic headers. The first page decides the status; a failure after it cuts the download.
 */
export async function serveDownload(
  req: IncomingMessage,
  res: ServerResponse,
  o: {
    what: ExportName;
    format: ExportFormat;
    node: string;
    caller: unknown;
    anonymousRead: boolean;
    refused?: { message: string; extensions: Record<string, unknown> };
    execute: (query: string, variables: Record<string, unknown>) => Promise<GraphQLAnswer>;
    log: Logger;
  },
): Promise<void> {
  req.resume();
  // a node that lets anyone read (ALLOW_ANONYMOUS_READ) publishes its open data to anyone too
  if (!req.headers.authorization && !o.anonymousRead) {
    return refuse(
      res,
      401,
      'UNAUTHENTICATED',
      'Sign in first: send a valid token as "Authorization: Bearer <token>".',
      'سجّل الدخول أولاً: أرسل رمز دخول صالحاً بصيغة "Authorization: Bearer <token>".',
    );
  }
  if (o.refused || (!o.caller && req.headers.authorization)) {
    const ar = typeof o.refused?.extensions.messageAr === 'string' ? o.refused.extensions.messageAr : 'رمز الدخول غير صالح.';
    return refuse(res, 401, 'UNAUTHENTICATED', o.refused?.message ?? 'The token is not valid.', ar);
  }
  const headers = new URL(req.url ?? '/', 'http://gateway').searchParams.get('headers');
  // a language asked for and not given would be taken for the one given
  if (headers !== null && headers !== 'ar' && headers !== 'en') {
    return refuse(
      res,
      400,
      'BAD_USER_INPUT',
      `headers takes ar or en (the language of a CSV's column headers); got "${headers.slice(0, 20)}".`,
      `تقبل headers القيمة ar أو en (لغة عناوين أعمدة ملف CSV)؛ القيمة "${headers.slice(0, 20)}".`,
    );
  }
  if (headers !== null && o.format !== 'csv') {
    return refuse(
      res,
      400,
      'BAD_USER_INPUT',
      `headers applies to CSV only: ${o.format.toUpperCase()} keeps the API's field names.`,
      `تنطبق headers على ملفات CSV فقط: يحتفظ ${o.format.toUpperCase()} بأسماء حقول الواجهة البرمجية.`,
    );
  }
  const arabic = headers === 'ar';
  const writer = exportWriter(o.what, o.format, arabic);
  const records = readExport(o.what, o.execute, (total) => {
    const day = new Date().toISOString().slice(0, 10);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[o.format],
      'content-disposition': `attachment; filename="${o.node}-${o.what}-${day}.${o.format}"`,
      'cache-control': 'no-store',
      'x-total-count': String(total),
    });
  });
  try {
    let started = false;
    for await (const r of records) {
      if (!started) await write(res, writer.start());
      started = true;
      await write(res, writer.record(r));
      if (res.destroyed) return;
    }
    if (!started) await write(res, writer.start());
    await write(res, writer.end());
    res.end();
  } catch (e) {
    if (!res.headersSent && e instanceof ExportRefused) {
      if (e.status >= 500) o.log.error({ err: e, export: o.what }, 'an export could not read the API');
      return refuse(res, e.status, e.code, e.message, e.messageAr ?? 'تعذّر التصدير.');
    }
    o.log.error({ err: e, export: o.what }, 'an export failed while streaming');
    // the download is cut, so that no one takes half a file for the whole
    if (!res.headersSent)
      return refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side; it has been logged.', 'حدث خطأ من جهتنا وتم تسجيله.');
    res.destroy();
  }
}

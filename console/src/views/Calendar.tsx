import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { useLocation, useSearch } from 'wouter';
import { CalendarMonthQuery, NodesQuery } from '../api/operations';
import { ApiError } from '../lib/errors';
import { addDays, dayOrNull, formatDay, hijriOf, todayInRiyadh, weekday } from '../lib/dates';
import { AUDIENCES, AXES, CHANNELS, useI18n } from '../lib/i18n';
import type { Settings } from '../lib/settings';
import { type Clash, type Mode, type CalendarKind, type Placed, FILTERS, placed, lastDayOfGregorianMonth, pad } from './calendar-placing';
import { Select, MonthGrid, Agenda, Legend, Detail, FeedLink } from './CalendarParts';

// the first calendar of a page load counts from the navigation that loaded the page
let loadedWithPage = true;

/**
 * Marks in the browser's performance timeline how long a month (week, agenda) took from the
 * navigation that asked for it to its first painted frame: `calendar:month` measures, which
 * `npm run bench` reads.
 */
function useRenderTiming(asked: string, shown: boolean): void {
  const since = useRef<{ asked: string; at: number; measured: boolean } | null>(null);
  if (since.current?.asked !== asked) {
    since.current = { asked, at: loadedWithPage ? 0 : performance.now(), measured: false };
    loadedWithPage = false;
  }
  useEffect(() => {
    const pending = since.current;
    if (!shown || !pending || pending.measured) return;
    const frame = requestAnimationFrame(() => {
      pending.measured = true;
      performance.measure('calendar:month', { start: pending.at, end: performance.now(), detail: asked });
    });
    return () => cancelAnimationFrame(frame);
  }, [asked, shown]);
}

/** The unified calendar: a month by Hijri month (default) or Gregorian, a week, or an agenda; its state is in the address. */
export function CalendarView({ settings }: { settings: Settings }) {
  const { t, e, pick, lang } = useI18n();
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const today = todayInRiyadh();
  const kind: CalendarKind = params.get('cal') === 'gregorian' ? 'gregorian' : 'hijri';
  const mode: Mode = params.get('view') === 'week' ? 'week' : params.get('view') === 'agenda' ? 'agenda' : 'month';
  const todayHijri = hijriOf(today);
  // an address edited by hand falls back to today's month or week rather than to an error
  const asked = (name: string, min: number, max: number) => {
    const n = Number(params.get(name));
    return Number.isInteger(n) && n >= min && n <= max ? n : null;
  };
  const year = asked('y', 1, 9999) ?? (kind === 'hijri' ? todayHijri.year : Number(today.slice(0, 4)));
  const month = asked('m', 1, 12) ?? (kind === 'hijri' ? todayHijri.month : Number(today.slice(5, 7)));
  // a week runs from Sunday: any of its days names it
  const weekDay = dayOrNull(params.get('w')) ?? today;
  const weekStart = addDays(weekDay, -weekday(weekDay));
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<(typeof FILTERS)[number], string>;

  const go = (changes: Record<string, string | number | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    navigate(`/calendar?${next.toString()}`);
  };

  const filter = {
    ...(filters.node ? { node: [filters.node] } : {}),
    ...(filters.axis ? { axis: [filters.axis as (typeof AXES)[number]] } : {}),
    ...(filters.channel ? { channel: [filters.channel] } : {}),
    ...(filters.audience ? { audience: [filters.audience] } : {}),
  };
  const variables =
    mode === 'week'
      ? { range: { from: weekStart, to: addDays(weekStart, 6) }, filter }
      : kind === 'hijri'
        ? { hijriMonth: { year, month }, filter }
        : { range: { from: `${year}-${pad(month)}-01`, to: lastDayOfGregorianMonth(year, month) }, filter };
  const [{ data, error, fetching, stale }, refetch] = useQuery({ query: CalendarMonthQuery, variables });
  useRenderTiming(JSON.stringify({ mode, variables }), Boolean(data) && !fetching && !stale);
  const [nodes] = useQuery({ query: NodesQuery });
  const [open, setOpen] = useState<Placed | null>(null);

  const items = useMemo(() => {
    const clashesOf = new Map<string, Clash[]>();
    for (const c of data?.clashes ?? []) {
      for (const id of [c.campaign.id, c.otherCampaign?.id, c.occasion?.id]) if (id) clashesOf.set(id, [...(clashesOf.get(id) ?? []), c]);
    }
    return (data?.calendar.items ?? []).map((i) => placed(i, clashesOf));
  }, [data]);

  const move = (step: number) => {
    if (mode === 'week') return go({ w: addDays(weekStart, 7 * step) });
    let m = month + step;
    let y = year;
    if (m < 1) ((m = 12), (y -= 1));
    if (m > 12) ((m = 1), (y += 1));
    go({ y, m });
  };

  const view = data?.calendar;
  // the month in view stays in view: the other calendar's month that holds its middle
  const switchTo = (k: CalendarKind) => {
    const mid = view && mode === 'month' ? addDays(view.from, 14) : null;
    const target = !mid ? null : k === 'hijri' ? hijriOf(mid) : { year: Number(mid.slice(0, 4)), month: Number(mid.slice(5, 7)) };
    go({ cal: k === 'hijri' ? null : k, y: target?.year ?? null, m: target?.month ?? null });
  };
  const title =
    mode === 'week'
      ? `${formatDay(weekStart, lang, kind === 'hijri' ? 'islamic-umalqura' : 'gregory')} – ${formatDay(addDays(weekStart, 6), lang, kind === 'hijri' ? 'islamic-umalqura' : 'gregory')}`
      : view
        ? kind === 'hijri'
          ? formatDay(view.from, lang, 'islamic-umalqura', { month: 'long', year: 'numeric' })
          : formatDay(view.from, lang, 'gregory', { month: 'long', year: 'numeric' })
        : '';
  const beside = view
    ? kind === 'hijri'
      ? `${formatDay(view.from, lang, 'gregory')} – ${formatDay(view.to, lang, 'gregory')}`
      : `${pick(view.fromHijri.ar, view.fromHijri.en)} – ${pick(view.toHijri.ar, view.toHijri.en)}`
    : '';
  const ics = new URL('/calendar.ics', location.origin);
  for (const f of FILTERS) if (filters[f]) ics.searchParams.set(f, filters[f]);

  return (
    <section aria-labelledby="calendar-title" className="calendar">
      <div className="toolbar">
        <h1 id="calendar-title">
          {t('navCalendar')}: <span data-testid="calendar-title">{title}</span>
        </h1>
        <p className="beside" data-testid="calendar-beside">
          {beside}
        </p>
      </div>
      <div className="toolbar controls">
        <div role="group" aria-label={t('hijri') + ' / ' + t('gregorian')} className="segmented">
          {(['hijri', 'gregorian'] as const).map((k) => (
            <button key={k} type="button" aria-pressed={kind === k} onClick={() => switchTo(k)}>
              {t(k)}
            </button>
          ))}
        </div>
        <div role="group" aria-label={t('month') + ' / ' + t('week') + ' / ' + t('agenda')} className="segmented">
          {(['month', 'week', 'agenda'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={mode === m} onClick={() => go({ view: m === 'month' ? null : m })}>
              {t(m)}
            </button>
          ))}
        </div>
        <div className="segmented">
          <button type="button" onClick={() => move(-1)}>
            {t('previous')}
          </button>
          <button type="button" onClick={() => go({ y: null, m: null, w: null })}>
            {t('today')}
          </button>
          <button type="button" onClick={() => move(1)} data-testid="next">
            {t('next')}
          </button>
        </div>
      </div>
      <form className="filters" onSubmit={(ev) => ev.preventDefault()}>
        <Select
          label={t('nodeLabel')}
          name="node"
          value={filters.node}
          options={(nodes.data?.nodes ?? []).map((n) => [n.code, pick(n.nameAr, n.nameEn)])}
          onChange={(v) => go({ node: v })}
        />
        <Select label={t('axis')} name="axis" value={filters.axis} options={AXES.map((a) => [a, e(a)])} onChange={(v) => go({ axis: v })} />
        <Select label={t('channel')} name="channel" value={filters.channel} options={CHANNELS.map((c) => [c, e(c)])} onChange={(v) => go({ channel: v })} />
        <Select
          label={t('audience')}
          name="audience"
          value={filters.audience}
          options={AUDIENCES.map((a) => [a, e(a)])}
          onChange={(v) => go({ audience: v })}
        />
      </form>
      <FeedLink feed={ics} />
      <ApiError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {fetching && !data && <p>{t('loading')}</p>}
      {view && mode === 'month' && <MonthGrid from={view.from} to={view.to} kind={kind} items={items} today={today} onOpen={setOpen} />}
      {view && mode === 'week' && <MonthGrid from={weekStart} to={addDays(weekStart, 6)} kind={kind} items={items} today={today} onOpen={setOpen} tall />}
      {view && mode === 'agenda' && <Agenda from={view.from} to={view.to} items={items} onOpen={setOpen} />}
      <Legend />
      {open && <Detail placed={open} settings={settings} onClose={() => setOpen(null)} />}
    </section>
  );
}

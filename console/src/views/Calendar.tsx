import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { useLocation, useSearch } from 'wouter';
import { CalendarMonthQuery, NodesQuery } from '../api/operations';
import type { CalendarMonthQuery as MonthData } from '../gql/graphql';
import { ApiError } from '../lib/errors';
import { addDays, formatDay, hijriOf, lastDayOf, todayInRiyadh, weekday, type Day } from '../lib/dates';
import { AUDIENCES, AXES, CHANNELS, useI18n } from '../lib/i18n';
import type { Settings } from '../lib/settings';

type Item = MonthData['calendar']['items'][number];
type Clash = MonthData['clashes'][number];
type Mode = 'month' | 'week' | 'agenda';
type CalendarKind = 'hijri' | 'gregorian';

interface Placed {
  item: Item;
  first: Day;
  last: Day;
  axis: string | null;
  national: boolean;
  clashes: Clash[];
}

const FILTERS = ['node', 'axis', 'channel', 'audience'] as const;

function placed(item: Item, clashesOf: Map<string, Clash[]>): Placed {
  if (item.__typename === 'Campaign') {
    return {
      item,
      first: item.startsAt.slice(0, 10),
      last: lastDayOf(item.endsAt),
      axis: item.axis,
      national: item.scope === 'NATIONAL',
      clashes: clashesOf.get(item.id) ?? [],
    };
  }
  return {
    item,
    first: item.startDate,
    last: item.endDate,
    axis: item.entryAxis ?? null,
    national: item.node === 'ministry',
    clashes: clashesOf.get(item.id) ?? [],
  };
}

function lastDayOfGregorianMonth(year: number, month: number): Day {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');

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
  const year = Number(params.get('y')) || (kind === 'hijri' ? todayHijri.year : Number(today.slice(0, 4)));
  const month = Number(params.get('m')) || (kind === 'hijri' ? todayHijri.month : Number(today.slice(5, 7)));
  const weekStart = params.get('w') ?? addDays(today, -weekday(today));
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
            <button key={k} type="button" aria-pressed={kind === k} onClick={() => go({ cal: k === 'hijri' ? null : k, y: null, m: null })}>
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
      <p className="ics">
        {t('icsLink')}:{' '}
        <a href={ics.toString()} data-testid="ics-link">
          <bdi>{ics.toString()}</bdi>
        </a>{' '}
        <small>{t('icsNote')}</small>
      </p>
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

function Select({
  label,
  name,
  value,
  options,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  options: [string, string][];
  onChange(v: string): void;
}) {
  const { t } = useI18n();
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(ev) => onChange(ev.target.value)}>
        <option value="">{t('all')}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function Chip({ p, onOpen }: { p: Placed; onOpen(p: Placed): void }) {
  const { t, e, pick } = useI18n();
  const occasion = p.item.__typename === 'CalendarEntry' && p.item.kind === 'OCCASION';
  const cancelled = p.item.__typename === 'Campaign' ? p.item.status === 'CANCELLED' : p.item.entryStatus === 'CANCELLED';
  const label = `${pick(p.item.titleAr, p.item.titleEn)} — ${occasion ? t('occasion') : p.national ? t('national') : t('local')}${p.axis ? ` · ${e(p.axis)}` : ''}${p.clashes.length ? ` · ${t('clash')}` : ''}`;
  return (
    <button
      type="button"
      className={`chip axis-${p.axis ?? 'ALL'}${p.national ? ' national' : ' local'}${occasion ? ' occasion' : ''}${cancelled ? ' cancelled' : ''}`}
      onClick={() => onOpen(p)}
      aria-label={label}
      title={label}
      data-id={p.item.id}
      data-kind={p.item.__typename === 'Campaign' ? 'campaign' : p.item.kind}
      data-occasion={p.item.__typename === 'CalendarEntry' ? (p.item.occasionCode ?? undefined) : undefined}
    >
      {p.clashes.length > 0 && (
        <span className="clash-mark" aria-hidden="true">
          ⚠
        </span>
      )}
      <span className="scope-mark" aria-hidden="true">
        {occasion ? '◆' : p.national ? '★' : '●'}
      </span>
      {pick(p.item.titleAr, p.item.titleEn)}
    </button>
  );
}

function MonthGrid({
  from,
  to,
  kind,
  items,
  today,
  onOpen,
  tall,
}: {
  from: Day;
  to: Day;
  kind: CalendarKind;
  items: Placed[];
  today: Day;
  onOpen(p: Placed): void;
  tall?: boolean;
}) {
  const { t, lang } = useI18n();
  const names = t('weekdays').split(' ');
  const days: (Day | null)[] = [];
  for (let i = 0; i < weekday(from); i++) days.push(null);
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  while (days.length % 7) days.push(null);
  const weeks: (Day | null)[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  const number = new Intl.NumberFormat(lang === 'ar' ? 'ar-SA' : 'en-GB');
  return (
    <table className={`month-grid${tall ? ' tall' : ''}`} data-testid="month-grid">
      <thead>
        <tr>
          {names.map((n, i) => (
            <th key={n} scope="col" className={i >= 5 ? 'weekend' : undefined}>
              {n}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={w}>
            {week.map((day, i) => {
              if (!day) return <td key={i} className={`empty${i >= 5 ? ' weekend' : ''}`} />;
              const h = hijriOf(day);
              const here = items.filter((p) => p.first <= day && p.last >= day);
              const big = kind === 'hijri' ? number.format(h.day) : number.format(Number(day.slice(8, 10)));
              const small =
                kind === 'hijri'
                  ? formatDay(day, lang, 'gregory', { day: 'numeric', month: 'short' })
                  : formatDay(day, lang, 'islamic-umalqura', { day: 'numeric', month: 'short' });
              return (
                <td
                  key={day}
                  className={`${i >= 5 ? 'weekend' : ''}${day === today ? ' today' : ''}`}
                  data-date={day}
                  data-hijri-day={h.day}
                  data-hijri-month={h.month}
                >
                  <div className="day-head">
                    <span className="day-number">{big}</span>
                    <span className="day-other">{small}</span>
                  </div>
                  <div className="day-items">
                    {here.map((p) => (
                      <Chip key={p.item.id} p={p} onOpen={onOpen} />
                    ))}
                  </div>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Agenda({ from, to, items, onOpen }: { from: Day; to: Day; items: Placed[]; onOpen(p: Placed): void }) {
  const { t, lang } = useI18n();
  const days: Day[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (items.some((p) => p.first <= d && p.last >= d)) days.push(d);
  if (!days.length) return <p>{t('nothing')}</p>;
  return (
    <ol className="agenda" data-testid="agenda">
      {days.map((d) => (
        <li key={d} data-date={d}>
          <h2>
            {formatDay(d, lang, 'islamic-umalqura', { dateStyle: 'full' })} <small>{formatDay(d, lang, 'gregory', { dateStyle: 'medium' })}</small>
          </h2>
          <div className="day-items">
            {items
              .filter((p) => p.first <= d && p.last >= d)
              .map((p) => (
                <Chip key={p.item.id} p={p} onOpen={onOpen} />
              ))}
          </div>
        </li>
      ))}
    </ol>
  );
}

function Legend() {
  const { t, e } = useI18n();
  return (
    <ul className="legend" aria-label={t('axis')}>
      {AXES.map((a) => (
        <li key={a} className={`chip axis-${a}`}>
          {e(a)}
        </li>
      ))}
      <li>★ {t('national')}</li>
      <li>● {t('local')}</li>
      <li>◆ {t('occasion')}</li>
      <li>⚠ {t('clash')}</li>
    </ul>
  );
}

function Detail({ placed: p, onClose }: { placed: Placed; settings: Settings; onClose(): void }) {
  const { t, e, pick } = useI18n();
  const i = p.item;
  const campaign = i.__typename === 'Campaign' ? i : null;
  const entry = i.__typename === 'CalendarEntry' ? i : null;
  useEffect(() => {
    const close = (ev: KeyboardEvent) => ev.key === 'Escape' && onClose();
    document.addEventListener('keydown', close);
    return () => document.removeEventListener('keydown', close);
  }, [onClose]);
  const fromHijri = campaign ? campaign.startsAtHijri : entry!.startDateHijri;
  const toHijri = campaign ? campaign.endsAtHijri : entry!.endDateHijri;
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div role="dialog" aria-modal="true" aria-labelledby="detail-title" className="dialog" onClick={(ev) => ev.stopPropagation()} data-testid="detail">
        <h2 id="detail-title">{pick(i.titleAr, i.titleEn)}</h2>
        <dl>
          <dt>{campaign ? t('campaign') : t('entry')}</dt>
          <dd>
            {campaign ? (p.national ? t('national') : t('local')) : e(entry!.kind)} · {e(campaign ? campaign.status : entry!.entryStatus)}
          </dd>
          <dt>{t('nodeLabel')}</dt>
          <dd>{e(i.node)}</dd>
          {p.axis && (
            <>
              <dt>{t('axis')}</dt>
              <dd>{e(p.axis)}</dd>
            </>
          )}
          <dt>{t('from')}</dt>
          <dd>
            {pick(fromHijri.ar, fromHijri.en)} <small>({p.first})</small>
          </dd>
          <dt>{t('to')}</dt>
          <dd>
            {pick(toHijri.ar, toHijri.en)} <small>({p.last})</small>
          </dd>
          {campaign && (
            <>
              <dt>{t('channels')}</dt>
              <dd>{campaign.channels.map(e).join('، ')}</dd>
              <dt>{t('audiences')}</dt>
              <dd>{campaign.audiences.map(e).join('، ')}</dd>
            </>
          )}
        </dl>
        {pick(i.descriptionAr, i.descriptionEn) && <p>{pick(i.descriptionAr, i.descriptionEn)}</p>}
        {p.clashes.length > 0 && (
          <section aria-labelledby="detail-clashes">
            <h3 id="detail-clashes">{t('clashes')}</h3>
            <ul className="clash-list">
              {p.clashes.map((c, n) => (
                <li key={n}>⚠ {pick(c.reasonAr, c.reasonEn)}</li>
              ))}
            </ul>
          </section>
        )}
        <p>
          <a href={`/calendar/items/${i.id}.ics`}>ICS</a>
        </p>
        <button type="button" onClick={onClose} autoFocus>
          {t('close')}
        </button>
      </div>
    </div>
  );
}

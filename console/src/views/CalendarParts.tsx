import { useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { IssueFeedTokenMutation } from '../api/operations';
import { currentSession } from '../lib/auth';
import { ApiError } from '../lib/errors';
import { addDays, formatDay, hijriOf, weekday, type Day } from '../lib/dates';
import { AXES, useI18n } from '../lib/i18n';
import type { Settings } from '../lib/settings';
import type { CalendarKind, Placed } from './calendar-placing';

// The calendar's pieces: a filter, an item's chip, the month grid, the agenda, the legend, an item's detail and the feed's links.

export function Select({
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

export function MonthGrid({
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

export function Agenda({ from, to, items, onOpen }: { from: Day; to: Day; items: Placed[]; onOpen(p: Placed): void }) {
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

export function Legend() {
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

export function Detail({ placed: p, onClose }: { placed: Placed; settings: Settings; onClose(): void }) {
  const { t, e, pick } = useI18n();
  const i = p.item;
  const campaign = i.__typename === 'Campaign' ? i : null;
  const entry = i.__typename === 'CalendarEntry' ? i : null;
  const dialog = useRef<HTMLDialogElement>(null);
  // a modal dialog of the browser's own: the page behind is inert, and focus goes back to the chip that opened it
  useEffect(() => {
    const d = dialog.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    d.showModal();
    return () => {
      if (d.open) d.close();
      opener?.focus();
    };
  }, []);
  const fromHijri = campaign ? campaign.startsAtHijri : entry!.startDateHijri;
  // the last day included, as the grid shows it: endsAt is the midnight after it
  const toHijri = campaign ? campaign.lastDayHijri : entry!.endDateHijri;
  return (
    <dialog
      ref={dialog}
      aria-labelledby="detail-title"
      className="dialog"
      data-testid="detail"
      // Escape: closed by the view, which owns what is open
      onCancel={(ev) => (ev.preventDefault(), onClose())}
      // a click on the backdrop lands on the dialog itself, outside its content
      onClick={(ev) => ev.target === ev.currentTarget && onClose()}
    >
      <div className="dialog-content">
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
          <dd data-testid="detail-from">
            {pick(fromHijri.ar, fromHijri.en)} <small>({p.first})</small>
          </dd>
          <dt>{t('to')}</dt>
          <dd data-testid="detail-to">
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
        <ItemDownload id={i.id} />
        <button type="button" onClick={onClose} autoFocus>
          {t('close')}
        </button>
      </div>
    </dialog>
  );
}

/** The item as an .ics file: fetched with the session's token, which a plain link cannot send. */
function ItemDownload({ id }: { id: string }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const download = async () => {
    const res = await fetch(`/calendar/items/${id}.ics`, { headers: { authorization: `Bearer ${currentSession()?.token ?? ''}` } });
    setFailed(!res.ok);
    if (!res.ok) return;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `${id}.ics`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <p>
      <button type="button" onClick={() => void download()} data-testid="item-ics">
        {t('icsItem')}
      </button>
      {failed && <span role="alert"> {t('icsFailed')}</span>}
    </p>
  );
}

/**
 * The view's subscription link: the address, and on request the same with a feed token for calendar apps, which
 * cannot send a sign-in token. Issued only when asked, since a new feed token ends the previous one.
 */
export function FeedLink({ feed }: { feed: URL }) {
  const { t } = useI18n();
  const [result, issue] = useMutation(IssueFeedTokenMutation);
  const issued = result.data?.issueCalendarFeedToken;
  const withToken = new URL(feed);
  if (issued) withToken.searchParams.set('token', issued.token);
  return (
    <div className="ics">
      <p>
        {t('icsLink')}:{' '}
        <a href={feed.toString()} data-testid="ics-link">
          <bdi>{feed.toString()}</bdi>
        </a>
      </p>
      {issued ? (
        <p>
          {t('icsSubscription')}:{' '}
          <a href={withToken.toString()} data-testid="ics-subscription">
            <bdi>{withToken.toString()}</bdi>
          </a>
        </p>
      ) : (
        <p>
          <button type="button" disabled={result.fetching} onClick={() => void issue({})} data-testid="ics-issue">
            {t('icsIssue')}
          </button>{' '}
          <small>{t('icsNote')}</small>
        </p>
      )}
      <ApiError error={result.error} />
    </div>
  );
}

import { useQuery } from 'urql';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { InitiativeQuery } from '../api/operations';
import { ApiError } from '../lib/errors';
import { daysIn, formatDay, formatInstant, numberIn } from '../lib/dates';
import { useI18n } from '../lib/i18n';

/** Progress expected on a day if work advanced evenly over the planned period. */
function expectedOn(day: number, start: number, end: number): number {
  if (day <= start) return 0;
  if (day >= end) return 100;
  return Math.round(((day - start) / (end - start)) * 1000) / 10;
}

/** An initiative: its progress reports as a chart against the expected line, RAG and lateness, assessments, campaigns and messages. */
export default function InitiativePage({ id }: { id: string }) {
  const { t, e, pick, lang } = useI18n();
  const [{ data, error, fetching }, refetch] = useQuery({ query: InitiativeQuery, variables: { id } });
  const i = data?.initiative;
  if (fetching && !data) return <p>{t('loading')}</p>;
  if (error && !i) return <ApiError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!i) return <p role="alert">{t('notFound')}</p>;
  const start = Date.parse(`${i.plannedStart}T00:00:00+03:00`);
  const end = Date.parse(`${i.plannedEnd}T00:00:00+03:00`);
  const points = [...i.progressReports]
    .reverse()
    .map((r) => ({ at: Date.parse(r.reportedAt), actual: r.percentComplete, expected: expectedOn(Date.parse(r.reportedAt), start, end) }));
  const now = Date.now();
  points.push({ at: now, actual: i.percentComplete, expected: i.expectedProgress });
  const tick = (v: number) =>
    new Intl.DateTimeFormat(lang === 'ar' ? 'ar-SA-u-ca-islamic-umalqura' : 'en-GB', { month: 'short', day: 'numeric', timeZone: 'Asia/Riyadh' }).format(
      new Date(v),
    );
  return (
    <article aria-labelledby="initiative-title" className="initiative">
      <h1 id="initiative-title">
        <bdi>{i.code}</bdi> — {pick(i.titleAr, i.titleEn)}
      </h1>
      <ApiError error={error} />
      <dl className="facts">
        <dt>{t('nodeLabel')}</dt>
        <dd>
          {e(i.node)} ({i.node === 'ministry' ? t('national') : t('local')})
        </dd>
        <dt>{t('axis')}</dt>
        <dd>
          <span className={`chip axis-${i.axis}`}>{e(i.axis)}</span>
        </dd>
        <dt>{t('status')}</dt>
        <dd>{e(i.status)}</dd>
        <dt>{t('rag')}</dt>
        <dd>{i.rag ? <span className={`rag rag-${i.rag}`}>{e(i.rag)}</span> : '—'}</dd>
        <dt>{t('progress')}</dt>
        <dd data-testid="progress">
          {t('actual')} {numberIn(i.percentComplete, lang, 1)}٪ · {t('expected')} {numberIn(i.expectedProgress, lang, 1)}٪
        </dd>
        <dt>{t('late')}</dt>
        <dd>{i.lateDays ? daysIn(i.lateDays, lang) : '—'}</dd>
        <dt>{t('planned')}</dt>
        <dd>
          {formatDay(i.plannedStart, lang, 'islamic-umalqura')} – {formatDay(i.plannedEnd, lang, 'islamic-umalqura')}{' '}
          <small>
            ({i.plannedStart} – {i.plannedEnd})
          </small>
        </dd>
      </dl>
      {pick(i.descriptionAr, i.descriptionEn) && <p>{pick(i.descriptionAr, i.descriptionEn)}</p>}
      <section aria-labelledby="reports-title">
        <h2 id="reports-title">{t('reports')}</h2>
        <figure className="chart" data-testid="progress-chart" dir="ltr">
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={points} margin={{ top: 10, right: 20, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="at" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={tick} />
              <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${numberIn(v, lang)}${lang === 'ar' ? '٪' : '%'}`} />
              <Tooltip labelFormatter={(v) => formatInstant(new Date(Number(v)).toISOString(), lang)} />
              <Legend />
              <Line type="monotone" dataKey="actual" name={t('actual')} stroke="#0b6e4f" strokeWidth={2} isAnimationActive={false} />
              <Line type="linear" dataKey="expected" name={t('expected')} stroke="#8a4b08" strokeDasharray="5 5" isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
        <ul>
          {i.progressReports.map((r) => (
            <li key={r.id}>
              {formatInstant(r.reportedAt, lang)}: {numberIn(r.percentComplete, lang, 1)}٪ {r.note && <q>{r.note}</q>}
            </li>
          ))}
        </ul>
      </section>
      {i.targets.length > 0 && (
        <section aria-labelledby="targets-title">
          <h2 id="targets-title">{t('targets')}</h2>
          <ul>
            {i.targets.map((g) => (
              <li key={g.kpi}>
                {g.kpi}: {numberIn(g.targetValue, lang)} {g.unit}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="assessments-title">
        <h2 id="assessments-title">{t('assessments')}</h2>
        {i.assessments.length ? (
          <ul>
            {i.assessments.map((a) => (
              <li key={a.id}>
                {formatInstant(a.assessedAt, lang)} — {t('score')} {numberIn(a.weightedScore, lang, 1)} {a.note && <q>{a.note}</q>}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('nothing')}</p>
        )}
      </section>
      <section aria-labelledby="campaigns-title">
        <h2 id="campaigns-title">{t('campaigns')}</h2>
        {i.campaigns?.length ? (
          <ul>
            {i.campaigns.map((c) => (
              <li key={c.id}>
                {pick(c.titleAr, c.titleEn)} — {e(c.status)} · {c.scope === 'NATIONAL' ? t('national') : t('local')} ·{' '}
                {pick(c.startsAtHijri.ar, c.startsAtHijri.en)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('nothing')}</p>
        )}
      </section>
      <section aria-labelledby="messages-title">
        <h2 id="messages-title">{t('messages')}</h2>
        {i.messages?.length ? (
          <ul>
            {i.messages.map((m) => (
              <li key={m.id}>
                {e(m.status)} — {pick(m.bodyAr, m.bodyEn).slice(0, 140)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('nothing')}</p>
        )}
      </section>
    </article>
  );
}

import { useQuery } from 'urql';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Link } from 'wouter';
import { DashboardQuery } from '../api/operations';
import { ApiError } from '../lib/errors';
import { formatInstant, numberIn } from '../lib/dates';
import { AXES, useI18n } from '../lib/i18n';

const RAG_COLOURS = { onTrack: '#1b7f3a', atRisk: '#b26b00', offTrack: '#b3261e', notRated: '#6b7280' } as const;
type RagKey = keyof typeof RAG_COLOURS;

/** The sector dashboard: freshness per node, RAG per axis, progress and lateness per node, integration ranked. */
export default function Dashboard() {
  const { t, e, pick, lang } = useI18n();
  const [{ data, error, fetching }, refetch] = useQuery({ query: DashboardQuery });
  if (fetching && !data) return <p>{t('loading')}</p>;
  const byAxis = AXES.map((axis) => {
    const rows = data?.[axis]?.implementationByNode ?? [];
    const sum = (k: RagKey) => rows.reduce((n, r) => n + r.rag[k], 0);
    return { axis: e(axis), onTrack: sum('onTrack'), atRisk: sum('atRisk'), offTrack: sum('offTrack'), notRated: sum('notRated') };
  });
  const byNode = (data?.sectorDashboard.implementationByNode ?? [])
    .filter((n) => n.initiatives > 0)
    .map((n) => ({ node: pick(n.nodeNameAr, n.nodeNameEn), progress: n.averageProgress ?? 0, late: n.late }));
  const rags = Object.keys(RAG_COLOURS) as RagKey[];
  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <h1 id="dashboard-title">{t('navDashboard')}</h1>
      <ApiError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {data && (
        <>
          <section aria-labelledby="freshness-title">
            <h2 id="freshness-title">{t('freshness')}</h2>
            <table className="list" data-testid="freshness">
              <thead>
                <tr>
                  <th scope="col">{t('nodeLabel')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('lastEvent')}</th>
                  <th scope="col">{t('lag')}</th>
                  <th scope="col">{t('eventsApplied')}</th>
                </tr>
              </thead>
              <tbody>
                {data.nodes.map((n) => (
                  <tr key={n.code} data-node={n.code}>
                    <td>{pick(n.nameAr, n.nameEn)}</td>
                    <td>
                      <span className={`liveness liveness-${n.status}`}>{e(n.status)}</span>
                    </td>
                    <td>{n.lastEventAt ? formatInstant(n.lastEventAt, lang) : '—'}</td>
                    <td>{numberIn(n.lagSeconds, lang, 1)}</td>
                    <td>{numberIn(n.eventsApplied, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <div className="charts">
            <figure className="chart" aria-labelledby="rag-axis-title" data-testid="rag-by-axis">
              <figcaption id="rag-axis-title">{t('ragByAxis')}</figcaption>
              <div dir="ltr">
                <ResponsiveContainer width="100%" height={300}>
                  <BarChart data={byAxis} layout="vertical" margin={{ left: 40 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis type="number" allowDecimals={false} />
                    <YAxis type="category" dataKey="axis" width={150} />
                    <Tooltip />
                    <Legend />
                    {rags.map((k) => (
                      <Bar key={k} dataKey={k} stackId="rag" name={t(k)} fill={RAG_COLOURS[k]} isAnimationActive={false} />
                    ))}
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </figure>
            <figure className="chart" aria-labelledby="rag-node-title" data-testid="progress-by-node">
              <figcaption id="rag-node-title">{t('ragByNode')}</figcaption>
              <div dir="ltr">
                <ResponsiveContainer width="100%" height={300}>
                  <BarChart data={byNode}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="node" />
                    <YAxis />
                    <Tooltip />
                    <Legend />
                    <Bar dataKey="progress" name={t('averageProgress')} fill="#0b6e4f" isAnimationActive={false} />
                    <Bar dataKey="late" name={t('lateCount')} fill="#b3261e" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </figure>
          </div>
          <section aria-labelledby="ranking-title">
            <h2 id="ranking-title">{t('ranking')}</h2>
            <ol className="ranking" data-testid="ranking">
              {data.sectorDashboard.integrationRanking.map((r) => (
                <li key={r.initiativeId}>
                  <span className="rank">{numberIn(r.rank, lang)}</span>
                  <span>
                    <Link href={`/initiatives/${r.initiativeId}`}>{pick(r.initiative.titleAr, r.initiative.titleEn)}</Link> <small>({e(r.node)})</small>
                  </span>
                  <span className="bar" aria-hidden="true">
                    <span style={{ inlineSize: `${r.score}%` }} />
                  </span>
                  <span>{numberIn(r.score, lang, 1)}</span>
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </section>
  );
}

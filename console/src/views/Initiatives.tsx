import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { Link, useLocation, useSearch } from 'wouter';
import { InitiativesQuery, NodesQuery } from '../api/operations';
import { ApiError } from '../lib/errors';
import { daysIn, numberIn } from '../lib/dates';
import { AXES, RAGS, STATUSES, useI18n } from '../lib/i18n';

const PAGE = 20;

/** The initiative inventory: filters, Arabic search (the service matches spelling variants) and pages by cursor. */
export function Initiatives() {
  const { t, e, pick, lang } = useI18n();
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const q = params.get('q') ?? '';
  const [typed, setTyped] = useState(q);
  // the box says what is searched: after Back or a link that clears the search too
  useEffect(() => setTyped(q), [q]);
  // a value the API does not know, as an address edited by hand may hold, is no filter
  const known = (name: string, values: readonly string[]) => {
    const v = params.get(name) ?? '';
    return values.includes(v) ? v : '';
  };
  const node = params.get('node') ?? '';
  const axis = known('axis', AXES);
  const status = known('status', STATUSES);
  const rag = known('rag', RAGS);
  // national: the ministry's initiatives; local: the municipalities'
  const scope = params.get('scope') ?? '';
  const after = params.get('after');
  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    next.delete('after');
    for (const [k, v] of Object.entries(changes)) v ? next.set(k, v) : next.delete(k);
    navigate(`/initiatives?${next.toString()}`);
  };
  const [nodes] = useQuery({ query: NodesQuery });
  const scopeOf = (code: string) => (code === 'ministry' ? 'national' : 'local');
  const inScope = (code: string) => !scope || scopeOf(code) === scope;
  const scopeNodes = (nodes.data?.nodes ?? []).map((n) => n.code).filter(inScope);
  const filter = {
    ...(node ? { node: [node] } : scope === 'national' ? { node: ['ministry'] } : scope === 'local' ? { node: scopeNodes } : {}),
    ...(axis ? { axis: [axis as (typeof AXES)[number]] } : {}),
    ...(status ? { status: [status as (typeof STATUSES)[number]] } : {}),
    ...(rag ? { rag: [rag as (typeof RAGS)[number]] } : {}),
    ...(q ? { search: q } : {}),
  };
  // the municipalities are known once the nodes are read
  const [{ data, error, fetching }, refetch] = useQuery({
    query: InitiativesQuery,
    variables: { first: PAGE, after, filter },
    pause: scope === 'local' && !node && !nodes.data,
  });
  const page = data?.initiatives;
  return (
    <section aria-labelledby="initiatives-title">
      <h1 id="initiatives-title">{t('navInitiatives')}</h1>
      <form
        className="filters"
        role="search"
        onSubmit={(ev) => {
          ev.preventDefault();
          go({ q: typed.trim() || null });
        }}
      >
        <label className="grow">
          {t('search')}
          <input type="search" name="q" value={typed} onChange={(ev) => setTyped(ev.target.value)} placeholder={t('searchHint')} dir="auto" />
        </label>
        <button type="submit">{t('search')}</button>
        <label>
          {t('scope')}
          <select
            name="scope"
            value={scope}
            onChange={(ev) => go({ scope: ev.target.value, node: !ev.target.value || scopeOf(node) === ev.target.value ? node : null })}
          >
            <option value="">{t('all')}</option>
            <option value="national">{t('national')}</option>
            <option value="local">{t('local')}</option>
          </select>
        </label>
        <label>
          {t('nodeLabel')}
          <select name="node" value={node} onChange={(ev) => go({ node: ev.target.value })}>
            <option value="">{t('all')}</option>
            {(nodes.data?.nodes ?? [])
              .filter((n) => inScope(n.code))
              .map((n) => (
                <option key={n.code} value={n.code}>
                  {pick(n.nameAr, n.nameEn)} — {n.code === 'ministry' ? t('national') : t('local')}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('axis')}
          <select name="axis" value={axis} onChange={(ev) => go({ axis: ev.target.value })}>
            <option value="">{t('all')}</option>
            {AXES.map((a) => (
              <option key={a} value={a}>
                {e(a)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('status')}
          <select name="status" value={status} onChange={(ev) => go({ status: ev.target.value })}>
            <option value="">{t('all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {e(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('rag')}
          <select name="rag" value={rag} onChange={(ev) => go({ rag: ev.target.value })}>
            <option value="">{t('all')}</option>
            {RAGS.map((r) => (
              <option key={r} value={r}>
                {e(r)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ApiError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {fetching && !data && <p>{t('loading')}</p>}
      {page && (
        <>
          <p data-testid="total">
            {numberIn(page.totalCount, lang)} {t('results')}
          </p>
          <table className="list" data-testid="initiatives">
            <thead>
              <tr>
                <th scope="col">{t('code')}</th>
                <th scope="col">{t('title')}</th>
                <th scope="col">{t('nodeLabel')}</th>
                <th scope="col">{t('axis')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('rag')}</th>
                <th scope="col">{t('progress')}</th>
                <th scope="col">{t('late')}</th>
              </tr>
            </thead>
            <tbody>
              {page.edges.map(({ node: i }) => (
                <tr key={i.id}>
                  <td>
                    <bdi>{i.code}</bdi>
                  </td>
                  <td>
                    <Link href={`/initiatives/${i.id}`}>{pick(i.titleAr, i.titleEn)}</Link>
                  </td>
                  <td>
                    {e(i.node)}{' '}
                    <small className={i.node === 'ministry' ? 'tag national' : 'tag local'}>{i.node === 'ministry' ? t('national') : t('local')}</small>
                  </td>
                  <td>
                    <span className={`chip axis-${i.axis}`}>{e(i.axis)}</span>
                  </td>
                  <td>{e(i.status)}</td>
                  <td>{i.rag ? <span className={`rag rag-${i.rag}`}>{e(i.rag)}</span> : '—'}</td>
                  <td>
                    <meter min={0} max={100} value={i.percentComplete} aria-label={t('progress')} /> {numberIn(i.percentComplete, lang)}٪
                  </td>
                  <td>{i.lateDays ? daysIn(i.lateDays, lang) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            {after && (
              <button type="button" onClick={() => go({})}>
                {t('first')}
              </button>
            )}
            {page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
              <button
                type="button"
                onClick={() => {
                  const next = new URLSearchParams(search);
                  next.set('after', page.pageInfo.endCursor!);
                  navigate(`/initiatives?${next.toString()}`);
                }}
              >
                {t('more')}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Provider, useQuery } from 'urql';
import { NodesQuery } from './api/operations';
import { Link, Redirect, Route, Router, Switch, useLocation, useSearch } from 'wouter';
import { apiClient } from './lib/client';
import { currentSession, signOut, type Session } from './lib/auth';
import { useI18n } from './lib/i18n';
import { ViewBoundary } from './lib/errors';
import type { Settings } from './lib/settings';
import { Callback, SignIn } from './views/SignIn';
import { CalendarView } from './views/Calendar';
import { Initiatives } from './views/Initiatives';
import { ReviewQueue } from './views/Review';
import { Live } from './views/Live';

// the charts come with the views that draw them, not with the first page
const Dashboard = lazy(() => import('./views/Dashboard'));
const InitiativePage = lazy(() => import('./views/Initiative'));

const NAV = [
  ['/calendar', 'navCalendar'],
  ['/initiatives', 'navInitiatives'],
  ['/dashboard', 'navDashboard'],
  ['/review', 'navReview'],
  ['/live', 'navLive'],
] as const;

export function App({ settings }: { settings: Settings }) {
  const [session, setSession] = useState<Session | null>(() => currentSession());
  const [expired, setExpired] = useState(false);
  const client = useMemo(
    () =>
      apiClient(
        settings,
        () => currentSession()?.token ?? null,
        () => (signOut(), setExpired(true), setSession(null)),
      ),
    [settings, session?.token],
  );
  return (
    <Router base="/console">
      <Switch>
        <Route path="/sign-in">
          {session ? <Redirect to="/calendar" /> : <SignIn settings={settings} expired={expired} onSignedIn={(s) => (setExpired(false), setSession(s))} />}
        </Route>
        <Route path="/callback">
          <Callback settings={settings} onSignedIn={setSession} />
        </Route>
        <Route>
          {session ? (
            <Provider value={client}>
              <Shell settings={settings} session={session} onSignOut={() => (signOut(), setSession(null))} />
            </Provider>
          ) : (
            <Redirect to="/sign-in" />
          )}
        </Route>
      </Switch>
    </Router>
  );
}

function Shell({ settings, session, onSignOut }: { settings: Settings; session: Session; onSignOut(): void }) {
  const { t, e, lang, setLang, knowNodes } = useI18n();
  const [nodes] = useQuery({ query: NodesQuery });
  useEffect(() => {
    if (nodes.data) knowNodes(nodes.data.nodes);
  }, [nodes.data, knowNodes]);
  const [location] = useLocation();
  const search = useSearch();
  return (
    <>
      <a className="skip" href="#main">
        {t('skip')}
      </a>
      <header className="top">
        <div className="brand">
          <strong>{t('appName')}</strong>
          <span className="node-badge" data-testid="node">
            {e(settings.node)}
          </span>
        </div>
        <nav aria-label={t('appName')}>
          <ul>
            {NAV.map(([href, key]) => (
              <li key={href}>
                <Link href={href} aria-current={location.startsWith(href) ? 'page' : undefined}>
                  {t(key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {t('signedInAs')} {e(session.roles[0])} · {e(session.node)}
          </span>
          <button type="button" onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')} lang={lang === 'ar' ? 'en' : 'ar'} data-testid="switch-lang">
            {t('switchLang')}
          </button>
          <button type="button" onClick={onSignOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main">
        <ViewBoundary resetKey={location + search} message={t('viewFailed')} backLabel={t('backToCalendar')} backHref="/console/calendar">
          <Suspense fallback={<p>{t('loading')}</p>}>
            <Switch>
              <Route path="/calendar">
                <CalendarView settings={settings} />
              </Route>
              <Route path="/initiatives">
                <Initiatives />
              </Route>
              <Route path="/initiatives/:id">{(p) => <InitiativePage id={p.id} />}</Route>
              <Route path="/dashboard">
                <Dashboard />
              </Route>
              <Route path="/review">
                <ReviewQueue session={session} />
              </Route>
              <Route path="/live">
                <Live />
              </Route>
              <Route>
                <Redirect to="/calendar" />
              </Route>
            </Switch>
          </Suspense>
        </ViewBoundary>
      </main>
    </>
  );
}

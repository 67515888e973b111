import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { beginOidcSignIn, completeOidcSignIn, signInForDevelopment, type Session } from '../lib/auth';
import { useErrorText } from '../lib/errors';
import { useI18n } from '../lib/i18n';
import type { Settings } from '../lib/settings';

function LangSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <button type="button" onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')} lang={lang === 'ar' ? 'en' : 'ar'} data-testid="switch-lang">
      {t('switchLang')}
    </button>
  );
}

export function SignIn({ settings, expired = false, onSignedIn }: { settings: Settings; expired?: boolean; onSignedIn(s: Session): void }) {
  const { t, e } = useI18n();
  const text = useErrorText();
  const [error, setError] = useState<(Error & { messageAr?: string }) | undefined>();
  const [, navigate] = useLocation();
  const development = settings.mode === 'development';
  const others = settings.nodes.filter((n) => n.node !== settings.node);
  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <div className="sign-in-head">
          <h1>{t('signInTitle')}</h1>
          <LangSwitch />
        </div>
        {expired && (
          <p role="alert" className="alert" data-testid="session-ended">
            {t('sessionEnded')}
          </p>
        )}
        {development ? (
          <>
            <p>{t('signInDev')}</p>
            <fieldset>
              <legend>{t('nodeLabel')}</legend>
              <ul className="node-choice">
                <li>
                  <strong>{e(settings.node)}</strong> ({t('thisNode')})
                </li>
                {others.map((n) => (
                  <li key={n.node}>
                    <a href={`${n.url}/console/sign-in`}>
                      {e(n.node)} — {t('openConsole')}
                    </a>
                  </li>
                ))}
              </ul>
            </fieldset>
            <fieldset>
              <legend>{t('roleLabel')}</legend>
              <div className="role-choice">
                {settings.roles.map((role) => (
                  <button
                    key={role}
                    type="button"
                    data-role={role}
                    onClick={() =>
                      void signInForDevelopment(role).then(
                        (s) => {
                          onSignedIn(s);
                          navigate('/calendar');
                        },
                        (err: Error) => setError(err),
                      )
                    }
                  >
                    {e(role)}
                  </button>
                ))}
              </div>
            </fieldset>
          </>
        ) : settings.oidc ? (
          <button type="button" className="primary" onClick={() => void beginOidcSignIn(settings.oidc!, '/calendar').catch((err: Error) => setError(err))}>
            {t('signInOidc')}
          </button>
        ) : (
          <p role="alert">{t('signInNone')}</p>
        )}
        {error && <p role="alert">{text(error)}</p>}
      </div>
    </main>
  );
}

export function Callback({ settings, onSignedIn }: { settings: Settings; onSignedIn(s: Session): void }) {
  const text = useErrorText();
  const [, navigate] = useLocation();
  const [error, setError] = useState<Error | undefined>();
  useEffect(() => {
    if (!settings.oidc) return;
    completeOidcSignIn(settings.oidc).then(
      ({ session, returnTo }) => {
        onSignedIn(session);
        navigate(returnTo);
      },
      (err: Error) => setError(err),
    );
  }, []);
  return <main id="main">{error ? <p role="alert">{text(error)}</p> : null}</main>;
}

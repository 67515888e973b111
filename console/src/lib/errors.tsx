import { Component, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { useI18n } from './i18n';

/** An API error in the user's language: the server's messageAr in Arabic, its message in English. */
export function useErrorText(): (e: CombinedError | (Error & { messageAr?: string }) | undefined) => string {
  const { lang, t } = useI18n();
  return (e) => {
    if (!e) return '';
    const combined = e as CombinedError;
    if (combined.networkError) return t('unreachable');
    if (combined.graphQLErrors?.length) {
      return combined.graphQLErrors
        .map((g) => {
          const ar = (g.extensions as { messageAr?: string } | undefined)?.messageAr;
          return lang === 'ar' && ar ? ar : g.message;
        })
        .filter((m, i, all) => all.indexOf(m) === i)
        .join(' ');
    }
    const plain = e as Error & { messageAr?: string };
    return lang === 'ar' && plain.messageAr ? plain.messageAr : plain.message;
  };
}

/** Shown where a view's data could not be had; a node that does not answer says so. */
export function ApiError({ error, onRetry }: { error?: CombinedError; onRetry?: () => void }) {
  const { t } = useI18n();
  const text = useErrorText();
  if (!error) return null;
  const partial = error.graphQLErrors?.some((g) => (g.extensions as { code?: string } | undefined)?.code === 'SERVICE_UNAVAILABLE');
  return (
    <div role="alert" className={error.networkError ? 'alert alert-unreachable' : 'alert'} data-testid="api-error">
      {partial && <strong>{t('serviceDown')} </strong>}
      {text(error)}{' '}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/**
 * A view that fails while drawing (an address edited into something it cannot show) is replaced by a message
 * and a way back, not by a blank page: the header and its navigation stay. A new address draws the view again.
 */
export class ViewBoundary extends Component<
  { resetKey: string; message: string; backLabel: string; backHref: string; children: ReactNode },
  { failed: boolean }
> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  componentDidUpdate(previous: { resetKey: string }): void {
    if (previous.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }

  render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert" className="alert" data-testid="view-error">
        {this.props.message} <a href={this.props.backHref}>{this.props.backLabel}</a>
      </div>
    );
  }
}

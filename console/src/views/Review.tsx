import { useState, type ReactNode } from 'react';
import { useMutation, useQuery, useSubscription, type CombinedError } from 'urql';
import { useLocation, useSearch } from 'wouter';
import { ReviewMessageMutation, ReviewQueueQuery } from '../api/review';
import { MessageStatusChangedSubscription } from '../api/subscriptions';
import type { ReviewQueueQuery as QueueData } from '../gql/graphql';
import { ApiError } from '../lib/errors';
import { formatInstant, numberIn } from '../lib/dates';
import { useI18n } from '../lib/i18n';
import type { Session } from '../lib/auth';

type Message = QueueData['mediaMessages']['edges'][number]['node'];
type Variant = Message['variants'][number];
type Violation = Message['violations'][number];
type EarlierReview = Message['reviews'][number];

/** The text with each violation's span marked. */
function highlighted(text: string, violations: Violation[]): ReactNode[] {
  const spans = violations.filter((v) => v.span && v.span.end <= text.length).sort((a, b) => a.span!.start - b.span!.start);
  const out: ReactNode[] = [];
  let at = 0;
  for (const v of spans) {
    if (v.span!.start < at) continue;
    out.push(text.slice(at, v.span!.start));
    out.push(
      <mark key={`${v.ruleId}-${v.span!.start}`} className={v.severity === 'BLOCKING' ? 'blocking' : 'advisory'}>
        {text.slice(v.span!.start, v.span!.end)}
      </mark>,
    );
    at = v.span!.end;
  }
  out.push(text.slice(at));
  return out;
}

/** The review queue: messages in review, each channel previewed with its limit, the charter's violations marked, approve or request changes. */
export function ReviewQueue({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const search = useSearch();
  const [, navigate] = useLocation();
  // pages by cursor in the address, as the inventory does: Back returns to the page before
  const after = new URLSearchParams(search).get('after');
  const [{ data, error, fetching }, refetch] = useQuery({ query: ReviewQueueQuery, variables: { after } });
  // a decision taken here on another node's message applies there first: it leaves the queue at once, and the copy follows
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  useSubscription({ query: MessageStatusChangedSubscription }, (_prev, d) => {
    refetch({ requestPolicy: 'network-only' });
    return d;
  });
  const page = data?.mediaMessages;
  const listed = page?.edges.map((e) => e.node) ?? [];
  const queue = listed.filter((m) => !decided.has(m.id));
  // every message in review, not the page's: a decision taken here leaves the count before the queue is read again
  const waiting = Math.max(0, (page?.totalCount ?? 0) - (listed.length - queue.length));
  return (
    <section aria-labelledby="review-title">
      <h1 id="review-title">
        {t('inReview')} <span data-testid="queue-count">({numberIn(waiting, lang)})</span>
      </h1>
      <ApiError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {fetching && !data && <p>{t('loading')}</p>}
      {decided.size > 0 && (
        <p role="status" data-testid="decided">
          {t('decided')}
        </p>
      )}
      {data && !waiting && <p>{t('queueEmpty')}</p>}
      <ol className="queue">
        {queue.map((m) => (
          <ReviewCard
            key={m.id}
            message={m}
            session={session}
            onDecided={() => {
              setDecided((all) => new Set([...all, m.id]));
              refetch({ requestPolicy: 'network-only' });
            }}
            onStale={() => refetch({ requestPolicy: 'network-only' })}
          />
        ))}
      </ol>
      <div className="pager">
        {after && (
          <button type="button" onClick={() => navigate('/review')}>
            {t('first')}
          </button>
        )}
        {page?.pageInfo.hasNextPage && page.pageInfo.endCursor && (
          <button type="button" onClick={() => navigate(`/review?after=${encodeURIComponent(page.pageInfo.endCursor!)}`)} data-testid="queue-next">
            {t('more')}
          </button>
        )}
      </div>
    </section>
  );
}

function ReviewCard({ message: m, session, onDecided, onStale }: { message: Message; session: Session; onDecided(): void; onStale(): void }) {
  const { t, e, pick, lang } = useI18n();
  const [comment, setComment] = useState('');
  const [asking, setAsking] = useState(false);
  const [result, review] = useMutation(ReviewMessageMutation);
  const [error, setError] = useState<CombinedError | undefined>();
  const [missingReason, setMissingReason] = useState(false);
  const decide = async (decision: 'APPROVE' | 'REQUEST_CHANGES') => {
    if (decision === 'REQUEST_CHANGES' && !comment.trim()) return setMissingReason(true);
    const r = await review({ id: m.id, version: m.version, decision, comment: comment.trim() || null });
    setError(r.error);
    if (!r.error) onDecided();
    // edited since the queue was read: the card shows the text as it is now, under the refusal that says so
    else if (r.error.graphQLErrors.some((g) => (g.extensions as { code?: string } | undefined)?.code === 'CONFLICT')) onStale();
  };
  // as the API decides (message.review): a reviewer of the owner, or of the ministry for a national campaign's message; never its author
  const mayDecide =
    session.roles.includes('reviewer') &&
    (m.node === session.node || (session.node === 'ministry' && m.campaign?.scope === 'NATIONAL')) &&
    !m.authors.includes(session.sub);
  // the API refuses to approve a message that breaks a blocking rule: changes are what it needs
  const blocked = m.violations.some((v) => v.severity === 'BLOCKING');
  const titleId = `message-${m.id}`;
  return (
    <li className="card" data-message={m.id} aria-labelledby={titleId}>
      <h2 id={titleId}>
        {e(m.node)} ·{' '}
        {m.campaign
          ? `${pick(m.campaign.titleAr, m.campaign.titleEn)} (${m.campaign.scope === 'NATIONAL' ? t('national') : t('local')})`
          : m.initiative
            ? pick(m.initiative.titleAr, m.initiative.titleEn)
            : e(m.origin)}
      </h2>
      <p className="body" dir="auto">
        {pick(m.bodyAr, m.bodyEn)}
      </p>
      <p>
        <small>
          {t('authors')}: {m.authors.join('، ')}
        </small>
      </p>
      <div className="variants">
        {m.variants.map((v) => (
          <VariantPreview key={v.channel} variant={v} violations={m.violations.filter((x) => x.channel === v.channel)} />
        ))}
      </div>
      {m.reviews.length > 0 && <EarlierReviews reviews={m.reviews} />}
      {m.violations.length > 0 && (
        <section aria-label={t('violations')}>
          <h3>{t('violations')}</h3>
          <ul className="violations">
            {m.violations.map((v, n) => (
              <li key={n} className={v.severity === 'BLOCKING' ? 'blocking' : 'advisory'}>
                <strong>{v.severity === 'BLOCKING' ? t('blocking') : t('advisory')}</strong> · {e(v.channel)}: {lang === 'ar' ? v.messageAr : v.messageEn}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="decide">
        {asking && (
          <label className="grow">
            {t('reason')}
            <textarea value={comment} onChange={(ev) => (setComment(ev.target.value), setMissingReason(false))} rows={2} aria-invalid={missingReason} />
          </label>
        )}
        {missingReason && <p role="alert">{t('reasonRequired')}</p>}
        {mayDecide && blocked && (
          <p className="note" data-testid="blocked-by-charter">
            {t('blockedByCharter')}
          </p>
        )}
        {!mayDecide && (
          <p className="note" data-testid="decided-by-others">
            {t('decidedByOthers')}
          </p>
        )}
        <button
          type="button"
          className="primary"
          disabled={result.fetching || !mayDecide || blocked}
          onClick={() => void decide('APPROVE')}
          data-testid="approve"
        >
          {t('approve')}
        </button>
        <button
          type="button"
          disabled={result.fetching || !mayDecide}
          onClick={() => (asking ? void decide('REQUEST_CHANGES') : setAsking(true))}
          data-testid="request-changes"
        >
          {t('requestChanges')}
        </button>
      </div>
      <ApiError error={error} />
    </li>
  );
}

/** What reviewers decided on the message before, newest first: what was asked for, and whether it took effect. */
function EarlierReviews({ reviews }: { reviews: EarlierReview[] }) {
  const { t, e, lang } = useI18n();
  const newestFirst = [...reviews].sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
  return (
    <section aria-label={t('earlierReviews')} data-testid="earlier-reviews">
      <h3>{t('earlierReviews')}</h3>
      <ol className="reviews">
        {newestFirst.map((r) => (
          <li key={r.id} data-review={r.id}>
            <strong>{e(r.decision)}</strong> · {r.reviewerId} ({e(r.reviewerNode)}) · {formatInstant(r.decidedAt, lang)} · {t('ofVersion')}{' '}
            {numberIn(r.messageVersion, lang)}
            {r.comment && (
              <p dir="auto" className="comment">
                {r.comment}
              </p>
            )}
            {r.outcome !== 'APPLIED' && (
              <p className="note" data-testid="review-outcome">
                {t(r.outcome === 'PENDING' ? 'reviewPending' : 'reviewNotApplied')}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function VariantPreview({ variant: v, violations }: { variant: Variant; violations: Violation[] }) {
  const { t, e, pick, lang } = useI18n();
  const over = v.length > v.limit;
  return (
    <figure className={`variant channel-${v.channel}`} data-channel={v.channel}>
      <figcaption>
        <strong>{e(v.channel)}</strong>{' '}
        <span className={over ? 'over' : 'within'}>
          {t('length')} {pick(v.lengthAr, v.lengthEn)}
        </span>
      </figcaption>
      <p dir="auto" className="preview">
        {highlighted(v.text, violations)}
      </p>
      {v.hashtags.length > 0 && (
        <p>
          {t('hashtags')}: {v.hashtags.map((h) => `#${h}`).join(' ')}
        </p>
      )}
      <p>
        {t('media')}: {numberIn(v.mediaRefs.length, lang)}
      </p>
    </figure>
  );
}

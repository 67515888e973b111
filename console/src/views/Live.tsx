import { useState } from 'react';
import { useSubscription } from 'urql';
import { CampaignChangedSubscription, InitiativeChangedSubscription, MessageStatusChangedSubscription } from '../api/subscriptions';
import { ApiError } from '../lib/errors';
import { formatInstant } from '../lib/dates';
import { useI18n, type TextKey } from '../lib/i18n';

interface Happening {
  key: string;
  what: TextKey;
  node: string;
  titleAr: string;
  titleEn?: string | null;
  status: string;
  at: string;
}

const MAX = 100;

/** Changes as the node takes them in, through the gateway's subscriptions (SSE), newest first. */
export function Live() {
  const { t, e, pick, lang } = useI18n();
  const [seen, setSeen] = useState<Happening[]>([]);
  const add = (h: Happening) => setSeen((all) => [h, ...all.filter((x) => x.key !== h.key)].slice(0, MAX));
  const [initiatives] = useSubscription({ query: InitiativeChangedSubscription }, (_prev, d) => {
    const i = d.initiativeChanged;
    add({ key: `i-${i.id}-${i.version}`, what: 'initiative', node: i.node, titleAr: i.titleAr, titleEn: i.titleEn, status: i.status, at: i.updatedAt });
    return d;
  });
  const [campaigns] = useSubscription({ query: CampaignChangedSubscription }, (_prev, d) => {
    const c = d.campaignChanged;
    add({ key: `c-${c.id}-${c.version}`, what: 'campaign', node: c.node, titleAr: c.titleAr, titleEn: c.titleEn, status: c.status, at: c.updatedAt });
    return d;
  });
  const [messages] = useSubscription({ query: MessageStatusChangedSubscription }, (_prev, d) => {
    const m = d.messageStatusChanged;
    add({
      key: `m-${m.id}-${m.version}`,
      what: 'message',
      node: m.node,
      titleAr: m.bodyAr.slice(0, 120),
      titleEn: m.bodyEn?.slice(0, 120),
      status: m.status,
      at: m.updatedAt,
    });
    return d;
  });
  const error = initiatives.error ?? campaigns.error ?? messages.error;
  return (
    <section aria-labelledby="live-title">
      <h1 id="live-title">{t('liveTitle')}</h1>
      <ApiError error={error} />
      {!seen.length && <p aria-live="polite">{t('liveWaiting')}</p>}
      <ol className="live" aria-live="polite" data-testid="live">
        {seen.map((h) => (
          <li key={h.key}>
            <span className="tag">{t(h.what)}</span> <strong>{pick(h.titleAr, h.titleEn)}</strong> — {e(h.node)} · {e(h.status)} ·{' '}
            <small>{formatInstant(h.at, lang)}</small>
          </li>
        ))}
      </ol>
    </section>
  );
}

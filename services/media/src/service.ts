import { mediaEvents } from './events';
import { journalConsumer } from '../../kernel/src/events';
import type { ServiceDefinition } from '../../kernel/src/service';
import { MessageChangesResolver } from './message/message-changes.resolver';
import { MediaMessageRecord } from './message/message.entity';
import { CharterRuleRecord } from './charter/charter.entity';
import { KeyMessageRecord } from './keymessage/key-message.entity';
import { ReviewRecord } from './review/review.entity';
import { CampaignView, InitiativeView, ProgressView } from './replication/sources.entity';
import { MessageResolver, ReviewResolver } from './message/message.resolver';
import { CharterResolver } from './charter/charter.resolver';
import { KeyMessageResolver } from './keymessage/key-message.resolver';
import { PressResolver } from './press/press.resolver';
import { CampaignMessagesResolver, InitiativeMessagesResolver } from './links/links.resolver';
import { CampaignRef, InitiativeRef } from './links/links.types';
import { SectorDashboardMediaResolver, sectorDashboardReference } from './dashboard/dashboard.resolver';
import { SectorDashboardReference } from './dashboard/dashboard.types';
import { replicaConsumer } from './replication/replicas';
import { Migration20261126200000_nodes } from '../migrations/Migration20261126200000_nodes';
import { Migration20261126300000_journal } from '../migrations/Migration20261126300000_journal';
import { campaignSource, initiativeSource } from './replication/sources';
import { extendContext, type MediaContext } from './context';
import { Migration20261126000000_initial } from '../migrations/Migration20261126000000_initial';
import { Migration20261126100000_traceparent } from '../migrations/Migration20261126100000_traceparent';
import { Migration20261206300000_outbox_notify } from '../migrations/Migration20261206300000_outbox_notify';
import { Migration20261207000000_inbox_applied_at } from '../migrations/Migration20261207000000_inbox_applied_at';

/** Unified media messages, the communication charter, review and approval, and press material. */
export const mediaService: ServiceDefinition<MediaContext> = {
  name: 'media',
  events: mediaEvents,
  entities: [MediaMessageRecord, CharterRuleRecord, KeyMessageRecord, ReviewRecord, InitiativeView, ProgressView, CampaignView],
  migrations: [
    { name: 'Migration20261126000000_initial', class: Migration20261126000000_initial },
    { name: 'Migration20261126100000_traceparent', class: Migration20261126100000_traceparent },
    { name: 'Migration20261126200000_nodes', class: Migration20261126200000_nodes },
    { name: 'Migration20261126300000_journal', class: Migration20261126300000_journal },
    { name: 'Migration20261206300000_outbox_notify', class: Migration20261206300000_outbox_notify },
    { name: 'Migration20261207000000_inbox_applied_at', class: Migration20261207000000_inbox_applied_at },
  ],
  subgraph: {
    resolvers: [
      MessageResolver,
      ReviewResolver,
      CharterResolver,
      KeyMessageResolver,
      PressResolver,
      CampaignMessagesResolver,
      InitiativeMessagesResolver,
      SectorDashboardMediaResolver,
      MessageChangesResolver,
    ],
    orphanedTypes: [CampaignRef, InitiativeRef, SectorDashboardReference],
    references: {
      MediaMessage: (ref, ctx: MediaContext) => ctx.loaders.message.load(ref.id),
      Campaign: (ref) => ({ id: ref.id }),
      Initiative: (ref) => ({ id: ref.id }),
      SectorDashboard: sectorDashboardReference,
    },
  },
  extendContext,
  consumers: [replicaConsumer, initiativeSource, campaignSource, journalConsumer([mediaEvents])],
};

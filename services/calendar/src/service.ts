import { calendarEvents } from './events';
import { isUuid } from '../../kernel/src/domain';
import { journalConsumer } from '../../kernel/src/events';
import type { ServiceDefinition } from '../../kernel/src/service';
import { CampaignChangesResolver } from './campaign/campaign-changes.resolver';
import { CampaignRecord } from './campaign/campaign.entity';
import { CalendarEntryRecord } from './entry/calendar-entry.entity';
import { CampaignResolver } from './campaign/campaign.resolver';
import { CalendarEntryResolver } from './entry/calendar-entry.resolver';
import { NationalOccasionsResolver } from './occasions/national-occasions.resolver';
import { CalendarResolver } from './calendar/calendar.resolver';
import { ClashResolver } from './clashes/clash.resolver';
import { SectorCalendarResolver } from './occasions/sector-calendar.resolver';
import { CalendarFeedTokenResolver } from './feed/feed-token.resolver';
import { Migration20261206000000_feed_tokens } from '../migrations/Migration20261206000000_feed_tokens';
import { InitiativeCampaignsResolver } from './federation/initiative.resolver';
import { SectorDashboardCampaignsResolver, sectorDashboardReference } from './dashboard/dashboard.resolver';
import { SectorDashboardReference } from './dashboard/dashboard.types';
import { calendarFeedRoutes } from './feed/calendar-feed.route';
import { replicaConsumer } from './replication/replicas';
import { Migration20261126200000_nodes } from '../migrations/Migration20261126200000_nodes';
import { Migration20261126300000_journal } from '../migrations/Migration20261126300000_journal';
import { Migration20261126100000_traceparent } from '../migrations/Migration20261126100000_traceparent';
import { extendContext, type CalendarContext } from './context';
import { Migration20261126000000_initial } from '../migrations/Migration20261126000000_initial';
import { Migration20261206300000_outbox_notify } from '../migrations/Migration20261206300000_outbox_notify';
import { Migration20261207000000_inbox_applied_at } from '../migrations/Migration20261207000000_inbox_applied_at';

/** The unified marketing and media calendar: campaigns, entries, national occasions, clashes and iCalendar feeds. */
export const calendarService: ServiceDefinition<CalendarContext> = {
  name: 'calendar',
  events: calendarEvents,
  entities: [CampaignRecord, CalendarEntryRecord],
  migrations: [
    { name: 'Migration20261126000000_initial', class: Migration20261126000000_initial },
    { name: 'Migration20261126100000_traceparent', class: Migration20261126100000_traceparent },
    { name: 'Migration20261126200000_nodes', class: Migration20261126200000_nodes },
    { name: 'Migration20261126300000_journal', class: Migration20261126300000_journal },
    { name: 'Migration20261206000000_feed_tokens', class: Migration20261206000000_feed_tokens },
    { name: 'Migration20261206300000_outbox_notify', class: Migration20261206300000_outbox_notify },
    { name: 'Migration20261207000000_inbox_applied_at', class: Migration20261207000000_inbox_applied_at },
  ],
  subgraph: {
    resolvers: [
      CampaignResolver,
      CalendarEntryResolver,
      NationalOccasionsResolver,
      SectorCalendarResolver,
      CalendarFeedTokenResolver,
      CalendarResolver,
      ClashResolver,
      InitiativeCampaignsResolver,
      SectorDashboardCampaignsResolver,
      CampaignChangesResolver,
    ],
    orphanedTypes: [SectorDashboardReference],
    references: {
      Campaign: (ref, ctx: CalendarContext) => (isUuid(ref.id) ? ctx.loaders.campaign.load(ref.id.toLowerCase()) : null),
      CalendarEntry: (ref, ctx: CalendarContext) => (isUuid(ref.id) ? ctx.loaders.calendarEntry.load(ref.id.toLowerCase()) : null),
      Initiative: (ref) => ({ id: ref.id }),
      SectorDashboard: sectorDashboardReference,
    },
  },
  extendContext,
  consumers: [replicaConsumer, journalConsumer([calendarEvents])],
  routes: calendarFeedRoutes,
};

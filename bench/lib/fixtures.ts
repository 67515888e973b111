import { Axis, newId } from '../../services/kernel/src/domain';
import { OutboxEntry } from '../../services/kernel/src/events';
import { openDatabase } from '../../services/kernel/src/db';
import type { ServiceDefinition } from '../../services/kernel/src/service';
import { initiativesService } from '../../services/initiatives/src/service';
import { calendarService } from '../../services/calendar/src/service';
import { mediaService } from '../../services/media/src/service';
import { InitiativeStatus, proposeInitiative, type InitiativeState } from '../../services/initiatives/src/initiative/initiative';
import { InitiativeRecord, initiativeRow } from '../../services/initiatives/src/initiative/initiative.entity';
import { draftCampaign, type CampaignState } from '../../services/calendar/src/campaign/campaign';
import { CampaignRecord, campaignRow } from '../../services/calendar/src/campaign/campaign.entity';
import { draftMessage, type MessageState } from '../../services/media/src/message/message';
import { MediaMessageRecord, messageRow } from '../../services/media/src/message/message.entity';

export const AXES = Object.values(Axis);
export const STATUSES = Object.values(InitiativeStatus);

// words municipal initiatives are named with, so that a search matches a realistic share of them
const SUBJECTS = ['تطوير', 'تحسين', 'تأهيل', 'إنشاء', 'صيانة', 'رقمنة', 'توسعة', 'تشجير', 'إنارة', 'تنظيم', 'مراقبة', 'توعية'];
const OBJECTS = [
  'الحدائق العامة',
  'الطرق الفرعية',
  'الأرصفة',
  'الخدمات الإلكترونية',
  'الأسواق الشعبية',
  'المسالخ',
  'الواجهات البحرية',
  'مواقف السيارات',
  'النظافة العامة',
  'المباني الآيلة للسقوط',
  'الساحات البلدية',
  'تصاريح البناء',
];
const PLACES = ['حي النخيل', 'حي الملقا', 'وسط المدينة', 'حي الروضة', 'الكورنيش', 'حي العزيزية', 'المنطقة الصناعية', 'حي الشفا'];

const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86400_000).toISOString().slice(0, 10);

/** `count` initiatives of `node` in every axis and status, with Arabic titles from a municipal vocabulary. */
export function initiatives(node: string, count: number, offset = 0): InitiativeState[] {
  const out: InitiativeState[] = [];
  for (let j = 0; j < count; j++) {
    const k = offset + j;
    const startDay = (k * 37) % 700;
    const s = proposeInitiative(
      {
        code: `B-${node.slice(0, 6).toUpperCase()}-${k}`,
        titleAr: `${SUBJECTS[k % SUBJECTS.length]} ${OBJECTS[(k * 7) % OBJECTS.length]} في ${PLACES[(k * 3) % PLACES.length]}`,
        titleEn: `Initiative ${k} of ${node}`,
        descriptionAr: `مبادرة بلدية رقم ${k} ضمن برامج ${OBJECTS[(k * 5) % OBJECTS.length]}`,
        axis: AXES[k % AXES.length],
        plannedStart: day(startDay),
        plannedEnd: day(startDay + 90 + (k % 300)),
      },
      null,
      { id: newId(), node, by: `${node}-editor`, now: new Date() },
    ).data.state;
    out.push({ ...s, status: STATUSES[(k * 5) % STATUSES.length], percentComplete: (k * 13) % 101 });
  }
  return out;
}

/** `perInitiative` campaigns serving each initiative. */
export function campaignsFor(list: InitiativeState[], perInitiative: number): CampaignState[] {
  return list.flatMap((i, n) =>
    Array.from(
      { length: perInitiative },
      (_, c) =>
        draftCampaign(
          {
            titleAr: `حملة ${c + 1} للمبادرة ${i.code}`,
            axis: i.axis,
            audiences: ['RESIDENTS'],
            channels: ['X'],
            initiativeIds: [i.id],
            startsAt: new Date(Date.UTC(2026, (n + c) % 12, 1 + (c % 27), 9)),
            endsAt: new Date(Date.UTC(2026, (n + c) % 12, 10 + (c % 18), 9)),
          },
          { id: newId(), node: i.node, by: `${i.node}-editor`, now: new Date() },
        ).data.state,
    ),
  );
}

/** `perCampaign` messages of each campaign. */
export function messagesFor(campaigns: CampaignState[], perCampaign: number): MessageState[] {
  return campaigns.flatMap((c) =>
    Array.from(
      { length: perCampaign },
      (_, m) =>
        draftMessage(
          {
            bodyAr: `رسالة ${m + 1} من ${c.titleAr}`,
            variants: [{ channel: 'WEBSITE', text: `خبر ${m + 1} عن ${c.titleAr}` }],
            campaignId: c.id,
            initiativeId: c.initiativeIds?.[0] ?? null,
          },
          { id: newId(), node: c.node, by: `${c.node}-editor`, now: new Date() },
        ).data.state,
    ),
  );
}

/** Opens one service's schema of a node's database from the bench, to fill it directly. */
async function withService<T>(url: string, def: ServiceDefinition<any>, work: (em: any) => Promise<T>): Promise<T> {
  const orm = await openDatabase({ url, schema: def.name, entities: [...def.entities, OutboxEntry], migrations: def.migrations, poolMax: 2 });
  try {
    return await work(orm.em.fork());
  } finally {
    await orm.close();
  }
}

/** Inserts rows in chunks: one statement per chunk, far faster than events for seeding a database. */
async function insertChunks(em: any, entity: unknown, rows: object[], chunk = 2000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await em.fork().insertMany(entity, rows.slice(i, i + chunk));
}

export interface Filled {
  initiatives: InitiativeState[];
  campaigns: CampaignState[];
  messages: MessageState[];
}

/** Fills a node's database (already migrated) with initiatives, their campaigns and the campaigns' messages. */
export async function fillNode(url: string, list: InitiativeState[], campaignsPer = 2, messagesPer = 2): Promise<Filled> {
  const campaigns = campaignsFor(list, campaignsPer);
  const messages = messagesFor(campaigns, messagesPer);
  await withService(url, initiativesService, (em) => insertChunks(em, InitiativeRecord, list.map(initiativeRow)));
  if (campaigns.length) await withService(url, calendarService, (em) => insertChunks(em, CampaignRecord, campaigns.map(campaignRow)));
  if (messages.length) await withService(url, mediaService, (em) => insertChunks(em, MediaMessageRecord, messages.map(messageRow)));
  return { initiatives: list, campaigns, messages };
}

/** Inserts initiatives only (the hub's copies of other nodes'); refreshes the planner's statistics after. */
export async function fillInitiatives(url: string, list: InitiativeState[]): Promise<void> {
  await withService(url, initiativesService, async (em) => {
    await insertChunks(em, InitiativeRecord, list.map(initiativeRow));
    await em.getConnection().execute('analyze "initiatives"."initiative"');
  });
}

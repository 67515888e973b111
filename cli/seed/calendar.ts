import type { Call, Gateway } from './graphql';
import { addDays, startOf, type SeedDays } from './days';
import type { CampaignSeed, EntrySeed } from './calendar.data';

export interface SeededCampaign {
  id: string;
  node: string;
  version: number;
}

/** Drafts each campaign, then takes it to its status; returns them by key and the clashes scheduling reported. */
export async function seedCampaigns(
  editor: Gateway,
  node: string,
  list: CampaignSeed[],
  initiatives: Map<string, { id: string }>,
): Promise<{ campaigns: Map<string, SeededCampaign>; clashes: number }> {
  const drafted = await editor.mutate<{ campaign: { id: string; version: number } }>(
    list.map((c) => ({
      field: 'draftCampaign',
      args: {
        input: {
          type: 'DraftCampaignInput!',
          value: {
            titleAr: c.titleAr,
            titleEn: c.titleEn,
            descriptionAr: c.descriptionAr,
            axis: c.axis,
            audiences: c.audiences,
            channels: c.channels,
            startsAt: startOf(c.from),
            endsAt: startOf(addDays(c.to, 1)),
            initiativeIds: (c.initiatives ?? []).map((k) => initiatives.get(k)!.id),
          },
        },
      },
      select: 'campaign { id version }',
    })),
  );
  const calls: Call[] = [];
  const campaigns = new Map<string, SeededCampaign>();
  list.forEach((c, i) => {
    const { id } = drafted[i].campaign;
    let version = drafted[i].campaign.version;
    const at = () => ({ id: { type: 'ID!', value: id }, version: { type: 'Int!', value: version++ } });
    const select = 'campaign { id } warnings { kind }';
    if (c.status === 'CANCELLED') {
      calls.push({ field: 'cancelCampaign', args: { ...at(), reason: { type: 'String', value: c.reason ?? null } }, select });
    } else if (c.status !== 'DRAFT') {
      calls.push({ field: 'scheduleCampaign', args: at(), select });
      const path = c.status === 'LIVE' ? ['LIVE'] : c.status === 'DONE' ? ['LIVE', 'DONE'] : [];
      for (const status of path) calls.push({ field: 'changeCampaignStatus', args: { ...at(), status: { type: 'CampaignStatus!', value: status } }, select });
    }
    campaigns.set(c.key, { id, node, version });
  });
  const done = await editor.mutate<{ warnings: { kind: string }[] }>(calls);
  // a campaign's clashes as its last change reported them
  const last = new Map<string, number>();
  done.forEach((r, i) => last.set(String(calls[i].args.id.value), r.warnings.length));
  return { campaigns, clashes: [...last.values()].reduce((a, b) => a + b, 0) };
}

export async function seedEntries(editor: Gateway, list: EntrySeed[], campaigns: Map<string, SeededCampaign>): Promise<number> {
  await editor.mutate(
    list.map((e) => ({
      field: 'addCalendarEntry',
      args: {
        input: {
          type: 'AddCalendarEntryInput!',
          value: {
            kind: e.kind,
            titleAr: e.titleAr,
            titleEn: e.titleEn,
            descriptionAr: e.descriptionAr,
            location: e.location,
            axis: e.axis,
            campaignId: e.campaign ? campaigns.get(e.campaign)!.id : undefined,
            when: e.when,
          },
        },
      },
    })),
  );
  return list.length;
}

/** The national occasions of this Hijri year and the next, generated at the ministry. */
export async function seedOccasions(admin: Gateway, days: SeedDays): Promise<{ years: number[]; count: number }> {
  const years = [days.hijriYear, days.hijriYear + 1];
  const made = await admin.mutate<{ occasions: { id: string }[] }>(
    years.map((hijriYear) => ({ field: 'generateNationalOccasions', args: { hijriYear: { type: 'Int!', value: hijriYear } }, select: 'occasions { id }' })),
  );
  return { years, count: made.reduce((n, y) => n + y.occasions.length, 0) };
}

import { whenKnown, type Call, type Gateway } from './graphql';
import type { SeedDays } from './days';
import type { Channel } from '../../services/kernel/src/domain';
import { type MessageStatus, charterRules, keyMessages, type MessageSeed } from './media.data';

interface LocalisedDraft {
  id: string;
  version: number;
  variants: { channel: Channel; text: string; hashtags: string[]; mediaRefs: string[] }[];
}

/** Adds a node's own media to the channels of a localised draft, as its next version. */
async function attachMedia(editor: Gateway, draft: LocalisedDraft, media: Partial<Record<Channel, string[]>>): Promise<{ id: string; version: number }> {
  const variants = draft.variants.map((v) => ({ ...v, mediaRefs: [...v.mediaRefs, ...(media[v.channel] ?? [])] }));
  return editor.mutateOne({
    field: 'editMessage',
    args: { id: { type: 'ID!', value: draft.id }, version: { type: 'Int!', value: draft.version }, input: { type: 'EditMessageInput!', value: { variants } } },
  });
}

/** One call, its arguments fixed once, so that `whenKnown` may run it again as it was. */
const retryable = (g: Gateway, call: Call) => () => g.mutateOne(call);

/** Statuses a reviewer's decision leads to. */
const DECIDED: MessageStatus[] = ['APPROVED', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED', 'CHANGES_REQUESTED'];

export interface SeededMessage {
  id: string;
  node: string;
  version: number;
  seed: MessageSeed;
}

export interface MessageRefs {
  campaigns: Map<string, { id: string }>;
  initiatives: Map<string, { id: string }>;
  keyMessages: Map<string, string>;
}

/**
 * Writes one node's messages and walks each through the workflow: submitted by its editor,
 * decided by a reviewer of the node (never the author), then scheduled, published or archived.
 * Messages the ministry reviews are left IN_REVIEW for it.
 */
export async function seedMessages(
  editor: Gateway,
  reviewer: Gateway,
  node: string,
  list: MessageSeed[],
  refs: MessageRefs,
  days: SeedDays,
): Promise<SeededMessage[]> {
  const id = (m: Map<string, { id: string }>, key?: string) => (key ? m.get(key)!.id : undefined);
  const made: { id: string; version: number }[] = [];
  // drafts in one batch; localisations and press releases name what the media service learns by event
  const drafts = list.filter((s) => 'draft' in s.make);
  const written = await editor.mutate<{ id: string; version: number }>(
    drafts.map((s) => ({
      field: 'draftMessage',
      args: {
        input: {
          type: 'DraftMessageInput!',
          value: { ...(s.make as { draft: object }).draft, campaignId: id(refs.campaigns, s.campaign), initiativeId: id(refs.initiatives, s.initiative) },
        },
      },
    })),
  );
  for (const s of list) {
    if ('draft' in s.make) {
      made.push(written[drafts.indexOf(s)]);
    } else if ('localise' in s.make) {
      const { localise, initiative, media } = s.make;
      const input = initiative ? { initiativeId: id(refs.initiatives, initiative) } : null;
      const draft = await whenKnown(`${localise} at ${node}`, () =>
        editor.mutateOne<LocalisedDraft>({
          field: 'localiseKeyMessage',
          args: { keyMessageId: { type: 'ID!', value: refs.keyMessages.get(localise) }, input: { type: 'LocaliseKeyMessageInput', value: input } },
          select: 'id version variants { channel text hashtags mediaRefs }',
        }),
      );
      made.push(media ? await attachMedia(editor, draft, media) : draft);
    } else {
      const initiativeId = id(refs.initiatives, s.make.pressRelease);
      made.push(
        await whenKnown(`initiative ${s.make.pressRelease} at ${node}'s media service`, () =>
          editor.mutateOne({ field: 'pressRelease', args: { initiativeId: { type: 'ID!', value: initiativeId } } }),
        ),
      );
    }
  }
  const seeded = list.map((seed, i) => ({ id: made[i].id, node, version: made[i].version, seed }));
  // each change is the message's next version
  const at = (m: SeededMessage) => ({ id: { type: 'ID!', value: m.id }, version: { type: 'Int!', value: m.version++ } });
  const whose = (...statuses: MessageStatus[]) => seeded.filter((m) => statuses.includes(m.seed.status));
  const ours = (list: SeededMessage[]) => list.filter((m) => !m.seed.reviewedByMinistry);

  // submitting and reviewing need the message's campaign and initiative at this node's media service,
  // which learns them by event: each waits for them on its own, so that a retry repeats only itself
  for (const m of seeded.filter((m) => m.seed.status !== 'DRAFT')) {
    await whenKnown(`the campaign and initiative of ${m.seed.key} at ${node}'s media service`, retryable(editor, { field: 'submitMessage', args: at(m) }));
  }
  for (const m of ours(whose(...DECIDED))) {
    const call: Call = {
      field: 'reviewMessage',
      args: {
        ...at(m),
        decision: { type: 'ReviewDecision!', value: m.seed.status === 'CHANGES_REQUESTED' ? 'REQUEST_CHANGES' : 'APPROVE' },
        comment: { type: 'String', value: m.seed.comment ?? null },
      },
      select: 'id',
    };
    await whenKnown(`the campaign of ${m.seed.key} at ${node}'s media service`, retryable(reviewer, call));
  }
  await editor.mutate([
    ...ours(whose('SCHEDULED')).map((m): Call => ({
      field: 'scheduleMessage',
      args: { ...at(m), publishAt: { type: 'DateTime!', value: days.at(m.seed.publishInDays ?? 1, '09:00') } },
    })),
    ...ours(whose('PUBLISHED', 'ARCHIVED')).map((m): Call => ({ field: 'publishMessage', args: at(m) })),
  ]);
  await editor.mutate(
    ours(whose('ARCHIVED')).map((m): Call => ({
      field: 'archiveMessage',
      args: { ...at(m), reason: { type: 'String', value: m.seed.archiveReason ?? null } },
    })),
  );
  return seeded;
}

/** The hub's reviewer decides messages of national campaigns written at a municipality. */
export async function reviewAtHub(hubReviewer: Gateway, messages: SeededMessage[]): Promise<number> {
  const due = messages.filter((m) => m.seed.reviewedByMinistry);
  for (const m of due) {
    const call: Call = {
      field: 'reviewMessage',
      args: {
        id: { type: 'ID!', value: m.id },
        version: { type: 'Int!', value: m.version },
        decision: { type: 'ReviewDecision!', value: m.seed.status === 'CHANGES_REQUESTED' ? 'REQUEST_CHANGES' : 'APPROVE' },
        comment: { type: 'String', value: m.seed.comment ?? 'معتمد من الوزارة ضمن حملة «صحتك في رمضان».' },
      },
      select: 'id',
    };
    await whenKnown(`the campaign of ${m.seed.key} at the hub's media service`, retryable(hubReviewer, call));
  }
  // the owner applies the decision as the next version of its message
  for (const m of due) m.version++;
  return due.length;
}

export async function seedCharter(admin: Gateway, campaigns: Map<string, { id: string }>): Promise<number> {
  const rules = charterRules();
  await admin.mutate(
    rules.map(({ campaign, ...rule }) => ({
      field: 'defineCharterRule',
      args: { input: { type: 'CharterRuleInput!', value: { ...rule, campaignId: campaign ? campaigns.get(campaign)!.id : undefined } } },
    })),
  );
  return rules.length;
}

export async function seedKeyMessages(editor: Gateway, campaigns: Map<string, { id: string }>): Promise<Map<string, string>> {
  const list = keyMessages();
  const made = await editor.mutate<{ id: string }>(
    list.map(({ key, campaign, ...k }) => ({
      field: 'defineKeyMessage',
      args: { input: { type: 'KeyMessageInput!', value: { ...k, campaignId: campaign ? campaigns.get(campaign)!.id : undefined } } },
      select: 'id',
    })),
  );
  return new Map(list.map((k, i) => [k.key, made[i].id]));
}

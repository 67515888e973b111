import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { DomainError, MINISTRY, badInput } from '../../../kernel/src/domain';
import { cursorOf, readJournal, requireKept, seqOfCursor, type JournalEvent, type JournalFilter, type JournalStart } from '../../../kernel/src/events';
import { followChanges } from '../../../kernel/src/graphql';
import { requireRoleFor, unpublishedEventHiddenFrom } from '../../../kernel/src/auth';
import { calendarUnpublished } from '../../../calendar/src/events';
import { mediaUnpublished } from '../../../media/src/events';
import { InitiativeRecord } from '../initiative/initiative.entity';
import { Initiative } from '../initiative/initiative.types';
import { createLoaders, type InitiativesContext } from '../context';
import { DomainEventType, EventFilterInput } from './stream.types';

type SubscribeData = SubscribeResolverData<unknown, Record<string, unknown>, InitiativesContext>;

/** The nodes whose events the caller may receive: a municipality's own and the ministry's; at the ministry, all. */
export function scopeOf(callerNode: string, asked: string[] | undefined): string[] | undefined {
  if (callerNode === MINISTRY) return asked?.length ? asked : undefined;
  const allowed = [callerNode, MINISTRY];
  const beyond = (asked ?? []).filter((n) => !allowed.includes(n));
  if (beyond.length) {
    throw new DomainError(
      'FORBIDDEN',
      {
        en: `As a caller of "${callerNode}" you receive the events of ${callerNode} and of the ministry only, not of ${beyond.join(', ')}.`,
        ar: `بصفتك من "${callerNode}" تصلك أحداث ${callerNode} والوزارة فقط، لا أحداث ${beyond.join('، ')}.`,
      },
      { nodes: beyond },
    );
  }
  return asked?.length ? asked : allowed;
}

function startOf(after: string | undefined, since: Date | undefined): JournalStart {
  if (after !== undefined && since !== undefined) {
    throw badInput('after', { en: 'Give either after (a cursor) or since (a time), not both.', ar: 'أرسل after (مؤشراً) أو since (وقتاً)، لا كليهما.' });
  }
  if (after !== undefined) {
    const seq = seqOfCursor(after);
    if (!seq) throw badInput('after', { en: 'after must be the cursor of an event this stream delivered.', ar: 'يجب أن يكون after مؤشر حدث أرسله هذا البث.' });
    return { after: seq };
  }
  return since ? { since } : 'now';
}

const asEvent = (e: JournalEvent): DomainEventType => ({ ...e, cursor: cursorOf(e.seq) });

/** The journal's events but those hidden from the caller; a cursor after a hidden one still resumes past it. */
async function* readable(events: AsyncGenerator<JournalEvent>, hidden: (e: JournalEvent) => boolean): AsyncGenerator<JournalEvent> {
  for await (const e of events) if (!hidden(e)) yield e;
}

@Resolver()
export class StreamResolver {
  @Subscription(() => DomainEventType, {
    description:
      'The events of the streams as this node takes them in, in order, from now, after a cursor or since a time; then live. Coming back with the cursor of the last event received gives every later one, none missed, each subject in order. Analysts and admins only; a municipality receives its own events and the ministry’s.',
    subscribe: async ({ args, context }: SubscribeData) => {
      const caller = requireRoleFor(context.caller, 'events.subscribe');
      const f = (args.filter ?? {}) as EventFilterInput;
      const filter: JournalFilter = { nodes: scopeOf(caller.node, f.nodes), services: f.services, types: f.types, axes: f.axis, subject: f.subject };
      const start = startOf(args.after as string | undefined, args.since as Date | undefined);
      if (typeof start === 'object' && 'after' in start) await requireKept(context.em, 'initiatives', start.after);
      // another node's drafts are not the caller's to read, as events no more than as records
      const hidden = unpublishedEventHiddenFrom(caller, { ...calendarUnpublished, ...mediaUnpublished });
      return readable(readJournal({ em: context.em, schema: 'initiatives', bell: context.journal, filter, start, signal: context.signal }), hidden);
    },
  })
  events(
    @Root() event: JournalEvent,
    @Arg('filter', () => EventFilterInput, { nullable: true }) _filter?: EventFilterInput,
    @Arg('after', () => String, { nullable: true, description: 'The cursor of the last event received: the stream resumes after it.' }) _after?: string,
    @Arg('since', () => Date, {
      nullable: true,
      description: 'Start with the first event made at or after this time (its `time`); every event taken in after it follows, in cursor order.',
    })
    _since?: Date,
  ): DomainEventType {
    return asEvent(event);
  }

  @Subscription(() => Initiative, {
    description: 'Each initiative, as it is here, after every change from now on (the hub: every node’s; a municipality: its own and the national ones).',
    subscribe: ({ args, context }: SubscribeData) => {
      return followChanges(context, {
        filter: { types: ['mmhub.initiative.*'], nodes: args.node ? [args.node as string] : undefined },
        load: (em, id) => em.findOne(InitiativeRecord, { id }),
        forget: () => (context.loaders = createLoaders(context.em)),
      });
    },
  })
  initiativeChanged(
    @Root() initiative: InitiativeRecord,
    @Arg('node', () => ID, { nullable: true, description: 'Only the initiatives of this node.' }) _node?: string,
  ): InitiativeRecord {
    return initiative;
  }
}

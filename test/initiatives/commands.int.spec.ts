import { Axis, DomainError, badInput, systemClock } from '../../services/kernel/src/domain';
import { InvalidEventError, OutboxEntry } from '../../services/kernel/src/events';
import { changeAggregate, createAggregate, type CommandContext } from '../../services/kernel/src/db';
import type { Caller } from '../../services/kernel/src/auth';
import { initiativesService } from '../../services/initiatives/src/service';
import { proposeInitiative, updateInitiative } from '../../services/initiatives/src/initiative/initiative';
import { InitiativeRecord, initiativeAggregate } from '../../services/initiatives/src/initiative/initiative.entity';
import { startTestService, uniqueSuffix, type TestNode } from '../support/node';

const editor: Caller = { sub: 'riyadh-editor', node: 'riyadh', roles: ['editor'] };

/** What a command writes, seen from a fresh unit of work: the aggregate's row and its outbox events. */
async function written(node: TestNode, id: string): Promise<{ row: InitiativeRecord | null; events: OutboxEntry[] }> {
  const em = node.service.orm.em.fork();
  return { row: await em.findOne(InitiativeRecord, { id }), events: await em.find(OutboxEntry, { subject: id }, { orderBy: { aggregateVersion: 'asc' } }) };
}

async function refusal(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('a command writes its aggregate and its event together, or neither', () => {
  let riyadh: TestNode;
  let ctx: CommandContext;
  const fields = (code: string) => ({ code, titleAr: 'مبادرة الأوامر', axis: Axis.E_SERVICES, plannedStart: '2026-01-01', plannedEnd: '2026-12-31' });
  const propose = (code: string) =>
    createAggregate(ctx, { action: 'initiative.write', aggregate: initiativeAggregate, decide: (acting) => proposeInitiative(fields(code), null, acting) });

  beforeAll(async () => {
    riyadh = await startTestService(initiativesService, { node: 'riyadh' });
    ctx = {
      caller: editor,
      origin: { node: 'riyadh', service: 'initiatives' },
      clock: systemClock,
      transact: (work) => riyadh.service.orm.em.fork().transactional(work),
    };
  }, 120_000);
  afterAll(async () => riyadh?.stop());

  it('creates the row and its event in one transaction', async () => {
    const row = await propose(`CMD-${uniqueSuffix()}`);
    const { row: stored, events } = await written(riyadh, row.id);
    expect(stored).toMatchObject({ id: row.id, version: 1 });
    expect(events.map((e) => [e.type, e.aggregateVersion])).toEqual([['mmhub.initiative.proposed.v1', 1]]);
  });

  it('leaves no row and no event when the decision refuses', async () => {
    let id = '';
    const e = await refusal(
      createAggregate(ctx, {
        action: 'initiative.write',
        aggregate: initiativeAggregate,
        decide: (acting) => {
          id = acting.id;
          throw badInput('code', { en: 'Refused.', ar: 'مرفوض.' });
        },
      }),
    );
    expect(e).toBeInstanceOf(DomainError);
    expect(await written(riyadh, id)).toEqual({ row: null, events: [] });
  });

  it('refuses a stale version with CONFLICT and writes nothing', async () => {
    const row = await propose(`CMD-${uniqueSuffix()}`);
    const stale = changeAggregate(ctx, {
      action: 'initiative.write',
      aggregate: initiativeAggregate,
      id: row.id,
      version: 7,
      decide: (state, _, actor) => updateInitiative(state, { titleEn: 'never written' }, null, actor),
    });
    await expect(stale).rejects.toMatchObject({ code: 'CONFLICT', details: { expectedVersion: 7, currentVersion: 1 } });
    const { row: stored, events } = await written(riyadh, row.id);
    expect(stored).toMatchObject({ version: 1, titleEn: null });
    expect(events).toHaveLength(1);
  });

  it('rolls the row back when its event cannot be written, and the event back when what follows fails', async () => {
    const row = await propose(`CMD-${uniqueSuffix()}`);
    // an event its schema refuses is never published, and the change it describes is not kept either
    const invalid = changeAggregate(ctx, {
      action: 'initiative.write',
      aggregate: initiativeAggregate,
      id: row.id,
      version: 1,
      decide: (state, _, actor) => {
        const event = updateInitiative(state, { titleEn: 'with a broken event' }, null, actor);
        return { ...event, data: { ...event.data, change: 'not an object' as never } };
      },
    });
    expect(await refusal(invalid)).toBeInstanceOf(InvalidEventError);
    const failing = changeAggregate(ctx, {
      action: 'initiative.write',
      aggregate: initiativeAggregate,
      id: row.id,
      version: 1,
      decide: (state, _, actor) => updateInitiative(state, { titleEn: 'written, then failed' }, null, actor),
      then: () => {
        throw new Error('the process dies after the write');
      },
    });
    await expect(failing).rejects.toThrow('the process dies after the write');
    const { row: stored, events } = await written(riyadh, row.id);
    expect(stored).toMatchObject({ version: 1, titleEn: null });
    expect(events.map((e) => e.aggregateVersion)).toEqual([1]);
  });

  it('authorises before anything is read: a viewer is FORBIDDEN and nothing is written', async () => {
    const row = await propose(`CMD-${uniqueSuffix()}`);
    const viewer = { ...ctx, caller: { ...editor, roles: ['viewer'] as Caller['roles'] } };
    const denied = changeAggregate(viewer, {
      action: 'initiative.write',
      aggregate: initiativeAggregate,
      id: row.id,
      version: 1,
      decide: (state, _, actor) => updateInitiative(state, { titleEn: 'not allowed' }, null, actor),
    });
    await expect(denied).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await written(riyadh, row.id)).events).toHaveLength(1);
  });
});

import { initiativesService } from '../../services/initiatives/src/service';
import { eventually, startTestService } from '../support/node';

describe('GET /ready', () => {
  it('answers 503, naming the database, once the database is gone', async () => {
    const riyadh = await startTestService(initiativesService, { node: 'riyadh' });
    try {
      const ready = riyadh.service.url.replace('/graphql', '/ready');
      const up = await fetch(ready);
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({ status: 'ready', node: 'riyadh', service: 'initiatives', database: true, bus: true, consumers: 'joined' });

      // dropped with its connections: the pool's next connection is refused
      await riyadh.db.drop();
      const down = await eventually(
        async () => {
          const res = await fetch(ready);
          return res.status === 503 ? res : undefined;
        },
        15_000,
        '/ready answering 503',
      );
      expect(await down.json()).toEqual({ status: 'not ready', node: 'riyadh', service: 'initiatives', database: false, bus: true, consumers: 'joined' });
      expect((await fetch(riyadh.service.url.replace('/graphql', '/health'))).status).toBe(200);
    } finally {
      await riyadh.stop();
    }
  });
});

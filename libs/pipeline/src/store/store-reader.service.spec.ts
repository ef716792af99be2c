import type { Principal } from '@trestle/auth';
import { ProblemException, Scope } from '@trestle/core';
import type { CanonicalRecordEntity } from './canonical-record.entity';
import type { CanonicalRecordRepository } from './canonical-record.repository';
import type { JoinKeyRepository } from './join-key.repository';
import { StoreReader } from './store-reader.service';

const row = (id: string, entity = 'customer'): CanonicalRecordEntity =>
  ({
    id,
    tenantId: 'default',
    connectionId: 'c1',
    entity,
    sourceId: id.toUpperCase(),
    data: JSON.stringify({ name: `name of ${id}` }),
    fetchedAt: '2026-01-01T00:00:00.000Z',
    customerSourceId: null,
  }) as CanonicalRecordEntity;

describe('StoreReader.get', () => {
  const principal = { tenantId: 'default', scopes: new Set([Scope.EntitiesRead]) } as unknown as Principal;
  const stored = new Map<string, CanonicalRecordEntity>([
    ['a', row('a')],
    ['b', row('b')],
    ['c', row('c')],
    ['o', row('o', 'order')],
  ]);
  let queries: string[][];
  let reader: StoreReader;

  beforeEach(() => {
    queries = [];
    const records = {
      byIds: async (_tenant: string, ids: string[]) => {
        queries.push(ids);
        return ids.flatMap((id) => (stored.has(id) ? [stored.get(id)!] : []));
      },
    } as unknown as CanonicalRecordRepository;
    reader = new StoreReader(records, {} as JoinKeyRepository);
  });

  it('answers the gets of one tick with one query, each caller its own record', async () => {
    const results = await Promise.all(['a', 'b', 'c', 'a'].map((id) => reader.get(principal, 'customer', id)));
    expect(queries).toEqual([['a', 'b', 'c']]);
    expect(results.map((record) => [record.id, record.name, record.source.sourceId])).toEqual([
      ['a', 'name of a', 'A'],
      ['b', 'name of b', 'B'],
      ['c', 'name of c', 'C'],
      ['a', 'name of a', 'A'],
    ]);
    await reader.get(principal, 'customer', 'b');
    expect(queries).toHaveLength(2);
  });

  it('answers 404 for an unknown id or a record of another entity, without failing the others', async () => {
    const outcomes = await Promise.allSettled(['a', 'missing', 'o'].map((id) => reader.get(principal, 'customer', id)));
    expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { id: 'a' } });
    for (const outcome of outcomes.slice(1)) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(ProblemException);
      expect((outcome as PromiseRejectedResult).reason.status).toBe(404);
    }
  });
});

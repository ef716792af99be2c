import { EMPTY_TIP, extendChain, tipOf, UnchainedEvent } from './audit-chain';
import { eventHash, GENESIS_HASH } from './audit-hash';

const event = (occurredAt: string, resource = 'r'): UnchainedEvent => ({
  tenantId: 't',
  occurredAt,
  actor: 'system:test',
  action: 'step',
  resource,
  connectionId: null,
  requestId: null,
  outcome: 'success',
  status: null,
  durationMs: null,
  requestHash: null,
  responseHash: null,
  details: null,
  bodies: null,
});

describe('extendChain', () => {
  it('links each event to the one before it, starting from the tip', () => {
    const rows = extendChain(EMPTY_TIP, [
      event('2026-01-01T00:00:00.000Z', 'a'),
      event('2026-01-01T00:00:01.000Z', 'b'),
    ]);
    expect(rows.map((row) => row.seq)).toEqual([1, 2]);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    for (const row of rows) expect(eventHash(row)).toBe(row.hash);

    const more = extendChain(tipOf(rows, EMPTY_TIP), [event('2026-01-01T00:00:02.000Z', 'c')]);
    expect(more[0]).toMatchObject({ seq: 3, prevHash: rows[1].hash });
  });

  it('never lets time run backwards along the chain, so a time cut is a chain prefix', () => {
    const tip = { seq: 7, hash: 'f'.repeat(64), occurredAt: '2026-03-01T00:00:00.500Z' };
    const rows = extendChain(tip, [
      event('2026-03-01T00:00:00.200Z'),
      event('2026-03-01T00:00:00.900Z'),
      event('2026-02-28T23:59:59.999Z'),
    ]);
    expect(rows.map((row) => row.occurredAt)).toEqual([
      '2026-03-01T00:00:00.500Z',
      '2026-03-01T00:00:00.900Z',
      '2026-03-01T00:00:00.900Z',
    ]);
    for (const row of rows) expect(eventHash(row)).toBe(row.hash);
  });

  it('keeps the tip when there is nothing to chain', () => {
    expect(tipOf(extendChain(EMPTY_TIP, []), EMPTY_TIP)).toBe(EMPTY_TIP);
  });
});

import type { AuditEventInput } from '../audit-event';
import type { AuditEventRepository, UnchainedEvent } from './audit-event.repository';
import { AuditWriter } from './audit-writer';

const input = (tenantId: string, action: string): AuditEventInput => ({
  tenantId,
  actor: 'system:test',
  action,
  resource: 'r',
  outcome: 'success',
});

function writerWith(append: (events: UnchainedEvent[]) => Promise<void>) {
  const batches: string[][] = [];
  const repository = {
    append: jest.fn(async (events: UnchainedEvent[]) => {
      batches.push(events.map((event) => event.action));
      await append(events);
    }),
    close: jest.fn(async () => {
      batches.push(['(closed)']);
    }),
  } as unknown as AuditEventRepository;
  return { writer: new AuditWriter(repository), batches };
}

describe('AuditWriter', () => {
  afterEach(() => jest.useRealTimers());

  it('lets best-effort events wait for company, but a durable event cuts the window short', async () => {
    jest.useFakeTimers();
    const { writer, batches } = writerWith(async () => undefined);
    await writer.record(input('t', 'read'));
    await jest.advanceTimersByTimeAsync(2);
    expect(batches).toEqual([]);

    let committed = false;
    const durable = writer.record(input('t', 'write'), { durable: true }).then(() => (committed = true));
    await jest.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([['read', 'write']]);
    await durable;
    expect(committed).toBe(true);
  });

  it('lets durable events that arrive close together share a commit, and sends a lone one at once', async () => {
    jest.useFakeTimers();
    const { writer, batches } = writerWith(async () => undefined);
    const first = writer.record(input('t', 'first'), { durable: true });
    await jest.advanceTimersByTimeAsync(0);
    await first;
    expect(batches).toEqual([['first']]);

    const second = writer.record(input('t', 'second'), { durable: true });
    await jest.advanceTimersByTimeAsync(0.5);
    const third = writer.record(input('t', 'third'), { durable: true });
    expect(batches).toEqual([['first']]);
    await jest.advanceTimersByTimeAsync(1);
    await Promise.all([second, third]);
    expect(batches).toEqual([['first'], ['second', 'third']]);

    await jest.advanceTimersByTimeAsync(5);
    const alone = writer.record(input('t', 'alone'), { durable: true });
    await jest.advanceTimersByTimeAsync(0);
    await alone;
    expect(batches).toEqual([['first'], ['second', 'third'], ['alone']]);
  });

  it("settles each tenant's events by that tenant's commit", async () => {
    const { writer } = writerWith(async (events) => {
      if (events[0].tenantId === 'down') throw new Error('store unavailable');
    });
    const [ok, failed] = await Promise.allSettled([
      writer.record(input('up', 'write'), { durable: true }),
      writer.record(input('down', 'write'), { durable: true }),
    ]);
    expect(ok.status).toBe('fulfilled');
    expect(failed).toMatchObject({ status: 'rejected', reason: new Error('store unavailable') });
  });

  it('drains everything recorded before shutdown, then closes the repository', async () => {
    const { writer, batches } = writerWith(async () => undefined);
    await writer.record(input('t', 'a'));
    await writer.record(input('u', 'b'));
    await writer.onApplicationShutdown();
    expect(batches.flat().slice(0, 2).sort()).toEqual(['a', 'b']);
    expect(batches.flat()[2]).toBe('(closed)');
  });
});

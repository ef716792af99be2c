import { AdapterError } from '../adapter-error';
import {
  checkAdapterError,
  checkCursorsResume,
  checkPageShape,
  checkSameIds,
  ContractViolation,
  listPages,
  uniqueIds,
  walkByCursor,
} from './contract-checks';
import { customerRows, InMemoryConnection } from './in-memory-connection.fixture';
import { findSecretLeaks } from './secret-leaks';

const connection = (faults = {}) => new InMemoryConnection(customerRows(), 'pw-123456', 'pw-123456', faults);

describe('contract checks catch broken adapters', () => {
  it('accepts a well-behaved listing', async () => {
    const pages = await listPages(connection(), 'customer', { pageSize: 4 }, 100);
    expect(pages.map((page) => page.records.length)).toEqual([4, 4, 4, 1]);
    expect(() => checkPageShape(pages)).not.toThrow();
    await expect(checkCursorsResume(connection(), 'customer', pages, 4, 'ID')).resolves.toBeUndefined();
  });

  it('stops an endless listing at maxPages', async () => {
    await expect(listPages(connection({ neverEnds: true }), 'customer', { pageSize: 4 }, 20)).rejects.toThrow(
      ContractViolation,
    );
  });

  it('rejects an empty page before the last', async () => {
    const pages = await listPages(connection({ emptyMiddlePage: true }), 'customer', { pageSize: 4 }, 100);
    expect(() => checkPageShape(pages)).toThrow(/page 1 is empty/);
  });

  it('rejects a last page with a cursor and a middle page without one', () => {
    expect(() => checkPageShape([{ records: [{}], nextCursor: 'x' }])).toThrow(/last page/);
    expect(() => checkPageShape([{ records: [{}] }, { records: [] }])).toThrow(/no nextCursor/);
  });

  it('rejects cursors that do not resume right after their page', async () => {
    const broken = connection({ cursorSkipsOne: true });
    const pages = await listPages(broken, 'customer', { pageSize: 4 }, 100);
    await expect(checkCursorsResume(broken, 'customer', pages, 4, 'ID')).rejects.toThrow(/resumed with \[C006/);
    const walked = uniqueIds(await walkByCursor(broken, 'customer', 4, 100), 'ID');
    expect(() => checkSameIds(uniqueIds(pages, 'ID'), walked, 'walk')).toThrow(/2 missing \(C005, C010\)/);
  });

  it('rejects duplicate ids', () => {
    expect(() => uniqueIds([{ records: [{ ID: 'A' }], nextCursor: 'c' }, { records: [{ ID: 'A' }] }], 'ID')).toThrow(
      /'A' was listed twice/,
    );
  });

  it('rejects errors that are not AdapterErrors or carry the wrong code', async () => {
    const plain = await connection({ plainErrors: true })
      .get('customer', 'nope')
      .catch((error: unknown) => error);
    expect(() => checkAdapterError(plain, 'get')).toThrow(/other than an AdapterError/);
    expect(() => checkAdapterError(new AdapterError('auth', 'x'), 'get', 'not_found')).toThrow(/'auth' instead/);
    expect(checkAdapterError(new AdapterError('not_found', 'x'), 'get', 'not_found').code).toBe('not_found');
  });
});

describe('findSecretLeaks', () => {
  it('finds a leaked password in the message', async () => {
    const error = await new InMemoryConnection([], 'pw-leaked-1', 'other', { leaksPassword: true })
      .check()
      .catch((e: unknown) => e);
    expect(findSecretLeaks(error, ['pw-leaked-1'])).toContain('secret #0 in value message');
  });

  it('finds secrets in details, deep in the cause chain, URL-encoded or base64-encoded', () => {
    const root = new Error('connect to postgres://u:p%40ss%2Fword@db failed');
    const error = new AdapterError('unreachable', 'database unreachable', {
      cause: new Error('wrapped', { cause: root }),
      details: { header: `Basic ${Buffer.from('p@ss/word').toString('base64')}` },
    });
    const leaks = findSecretLeaks(error, ['p@ss/word']);
    expect(leaks).toEqual(expect.arrayContaining(['secret #0 in cause#2 message', 'secret #0 in value details']));
  });

  it('finds nothing in a clean error and does not echo the secret in its report', () => {
    expect(findSecretLeaks(new AdapterError('auth', 'login refused'), ['s3cret-value'])).toEqual([]);
    const leaks = findSecretLeaks({ password: 's3cret-value' }, ['s3cret-value']);
    expect(leaks.length).toBeGreaterThan(0);
    expect(leaks.join(' ')).not.toContain('s3cret');
  });
});

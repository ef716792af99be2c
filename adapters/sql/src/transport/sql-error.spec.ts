import { scrub, toAdapterError } from './sql-error';

describe('driver error mapping', () => {
  it.each([
    ['postgres', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'unreachable'],
    ['postgres', { code: '28P01', message: 'password authentication failed for user "app"' }, 'auth'],
    ['postgres', { code: '57014', message: 'canceling statement due to user request' }, 'timeout'],
    ['postgres', { code: '23505', message: 'duplicate key value violates unique constraint' }, 'rejected'],
    ['mysql', { code: 'ER_ACCESS_DENIED_ERROR', message: "Access denied for user 'app'" }, 'auth'],
    ['mysql', { code: 'ER_DUP_ENTRY', sqlState: '23000', message: 'Duplicate entry' }, 'rejected'],
    ['mysql', { code: 'ER_QUERY_INTERRUPTED', message: 'Query execution was interrupted' }, 'timeout'],
    ['mysql', { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND db.invalid' }, 'unreachable'],
    ['sqlite', { code: 'SQLITE_CONSTRAINT_PRIMARYKEY', message: 'UNIQUE constraint failed' }, 'rejected'],
    ['sqlite', { code: 'SQLITE_CANTOPEN', message: 'unable to open database file' }, 'unreachable'],
  ] as const)('maps %s %j to %s', (dialect, error, code) => {
    expect(toAdapterError(error, dialect, [], 'query').code).toBe(code);
  });

  it('scrubs passwords and URL credentials from message and cause', () => {
    const error = toAdapterError(
      { code: 'XX000', message: 'failed for postgres://app:p%40ss@db/x with p@ss' },
      'postgres',
      ['p@ss'],
      'connect',
    );
    expect(JSON.stringify({ message: error.message, cause: (error.cause as Error).message })).not.toMatch(
      /p@ss|p%40ss/,
    );
    expect(scrub('mysql://u:secret@h/db', [])).toBe('mysql://u:***@h/db');
  });
});

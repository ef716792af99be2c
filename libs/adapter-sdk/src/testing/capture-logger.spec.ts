import { captureLogger } from './capture-logger';

describe('captureLogger', () => {
  it('records every call with its level and fields, and forgets them on clear()', () => {
    const logger = captureLogger();
    logger.info('connected', { host: 'db' });
    logger.error('failed');
    expect(logger.calls).toEqual([
      { level: 'info', message: 'connected', fields: { host: 'db' } },
      { level: 'error', message: 'failed', fields: undefined },
    ]);
    logger.clear();
    expect(logger.calls).toEqual([]);
  });
});

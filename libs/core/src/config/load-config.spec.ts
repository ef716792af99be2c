import { AppConfig } from './app-config';
import { configFieldsOf } from './config-field.decorator';
import { ConfigValidationError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.sqlitePath).toBe('data/trestle.sqlite');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.metricsPublic).toBe(false);
    expect(config.logLevel).toBe('info');
  });

  it('converts numbers and booleans from their string form', () => {
    const config = loadConfig({ PORT: '8080', METRICS_PUBLIC: 'true', LOG_PRETTY: '1' });
    expect(config.port).toBe(8080);
    expect(config.metricsPublic).toBe(true);
    expect(config.logPretty).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });

  it('names every bad variable and the value it got', () => {
    const failure = (() => {
      try {
        loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' });
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ConfigValidationError);
    const problems = (failure as ConfigValidationError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: .*"eighty"/),
        expect.stringMatching(/^LOG_LEVEL: .*"loud"/),
      ]),
    );
  });

  it('never echoes the value of a sensitive variable', () => {
    const secret = 'mysql://admin:hunter2@db/prod';
    expect(() => loadConfig({ DATABASE_URL: secret })).toThrow(/DATABASE_URL: must be a postgres/);
    try {
      loadConfig({ DATABASE_URL: secret });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('rejects an out-of-range port', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('documents every field with an environment variable and a description', () => {
    const fields = configFieldsOf(AppConfig);
    expect(fields.length).toBeGreaterThan(5);
    for (const field of fields) {
      expect(field.env).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(field.description.length).toBeGreaterThan(10);
    }
    expect(new Set(fields.map((f) => f.env)).size).toBe(fields.length);
  });
});

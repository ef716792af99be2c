import Ajv from 'ajv';
import { REST_CREDENTIALS_SCHEMA, REST_SETTINGS_SCHEMA } from './rest-settings';

const ajv = new Ajv({ allErrors: true, strict: false });
const validSettings = ajv.compile(REST_SETTINGS_SCHEMA);
const validCredentials = ajv.compile(REST_CREDENTIALS_SCHEMA);

describe('REST_SETTINGS_SCHEMA', () => {
  it.each([
    { baseUrl: 'https://crm.example.com' },
    { baseUrl: 'http://127.0.0.1:8080/api', headers: { 'X-Tenant': 'a' }, auth: { style: 'none' } },
    { baseUrl: 'https://x.example', auth: { style: 'apiKey', header: 'X-API-Key' } },
    { baseUrl: 'https://x.example', auth: { style: 'apiKey', queryParam: 'api_key' } },
    { baseUrl: 'https://x.example', auth: { style: 'basic' }, maxRetryAfterMs: 0 },
    {
      baseUrl: 'https://x.example',
      auth: { style: 'oauth2ClientCredentials', tokenUrl: '/oauth/token', scope: 'crm.read', clientAuth: 'body' },
      healthPath: '/health',
      defaultPageSize: 50,
      maxPageSize: 100,
    },
  ])('accepts %j', (settings) => {
    expect(validSettings(settings)).toBe(true);
  });

  it.each([
    {},
    { baseUrl: 'ftp://x.example' },
    { baseUrl: 'https://x.example', auth: { style: 'apiKey' } },
    { baseUrl: 'https://x.example', auth: { style: 'oauth2ClientCredentials' } },
    { baseUrl: 'https://x.example', auth: { style: 'kerberos' } },
    { baseUrl: 'https://x.example', auth: { style: 'basic', password: 'not here' } },
    { baseUrl: 'https://x.example', headers: { 'bad header': 'x' } },
    { baseUrl: 'https://x.example', healthPath: 'health' },
    { baseUrl: 'https://x.example', timeoutMs: 5 },
  ])('refuses %j', (settings) => {
    expect(validSettings(settings)).toBe(false);
  });
});

describe('REST_CREDENTIALS_SCHEMA', () => {
  it('accepts the known credentials and nothing else', () => {
    expect(validCredentials({ clientId: 'id', clientSecret: 'secret' })).toBe(true);
    expect(validCredentials({ username: 'u', password: '' })).toBe(true);
    expect(validCredentials({ token: 'x' })).toBe(false);
  });
});

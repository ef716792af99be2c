import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { pageOf, type PageQuery } from './crm-paging';
import { CrmRateLimiter, type RateLimit } from './crm-rate-limiter';
import {
  accountId,
  contactId,
  CRM_ID_FIELD,
  type CrmAccount,
  type CrmCollection,
  type CrmContact,
  type CrmRecord,
  seedCrmCollections,
} from './crm-records';
import { CrmTokenIssuer } from './crm-token-issuer';
import { CrmRequestError, validateAccount, validateContact } from './crm-validation';
import { recordToXml } from './crm-xml';

export const DEFAULT_CRM_CLIENT = { clientId: 'trestle-crm-client', clientSecret: 'trestle-crm-secret' } as const;

export interface RestCrmOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  /** How many accounts to generate (default 40), each with 1-4 contacts. */
  accounts?: number;
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of access tokens (default 3600); expires_in is this rounded up to whole seconds. */
  tokenTtlSeconds?: number;
  /** Requests to /api/* allowed per window over the whole server (default 1000 per minute); false disables it. */
  rateLimit?: RateLimit | false;
  latencyMs?: number;
  /** The clock for token expiry, rate-limit windows and updated_at of writes. */
  now?: () => Date;
}

export interface RestCrm {
  url: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Requests received per route, keyed like 'GET /api/v2/accounts/:id' (rejected ones included). */
  callCount(route: string): number;
  calls(): Record<string, number>;
  resetCalls(): void;
  record<C extends CrmCollection>(collection: C, id: string): CrmRecord<C> | undefined;
  /** Changes a record behind the API's back and stamps updated_at with the clock. */
  mutate<C extends CrmCollection>(collection: C, id: string, changes: Partial<CrmRecord<C>>): CrmRecord<C>;
  expireTokens(): void;
  setRateLimit(limit: RateLimit | false): void;
  close(): Promise<void>;
}

type IdParams = { id: string };

/** Starts the REST CRM simulator: OAuth2 client_credentials, cursor-paged accounts and contacts, a rate limit. */
export async function startRestCrm(options: RestCrmOptions = {}): Promise<RestCrm> {
  const now = options.now ?? (() => new Date());
  const client = {
    clientId: options.clientId ?? DEFAULT_CRM_CLIENT.clientId,
    clientSecret: options.clientSecret ?? DEFAULT_CRM_CLIENT.clientSecret,
  };
  const collections = seedCrmCollections(options.seed ?? 1, options.accounts ?? 40);
  const tokens = new CrmTokenIssuer(client, options.tokenTtlSeconds ?? 3600, now);
  const limiter = new CrmRateLimiter(options.rateLimit ?? { requests: 1000, windowMs: 60_000 }, now);
  const counts = new Map<string, number>();
  const latencyMs = options.latencyMs ?? 0;

  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.addHook('onRequest', async (request, reply) => {
    const route = `${request.method} ${request.routeOptions.url ?? 'unmatched'}`;
    counts.set(route, (counts.get(route) ?? 0) + 1);
    if (latencyMs > 0) await delay(latencyMs);
    if (!request.url.startsWith('/api/')) return;
    const decision = limiter.take();
    if (!decision.allowed) {
      return reply
        .code(429)
        .header('retry-after', String(decision.retryAfterSeconds))
        .send({ error: 'rate_limited', error_description: 'Too many requests' });
    }
    const check = tokens.check(request.headers.authorization);
    if (check !== 'valid') {
      const description = check === 'missing' ? 'A bearer token is required' : `The access token is ${check}`;
      return reply
        .code(401)
        .header('www-authenticate', `Bearer error="invalid_token", error_description="${description}"`)
        .send({ error: 'invalid_token', error_description: description });
    }
  });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof CrmRequestError) {
      return reply
        .code(error.statusCode)
        .send({ error: error.error, error_description: error.message, details: error.details });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply
      .code(status)
      .send({ error: status < 500 ? 'invalid_request' : 'server_error', error_description: (error as Error).message });
  });

  app.post('/oauth/token', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return reply
        .code(400)
        .send({ error: 'invalid_request', error_description: 'Send the token request form-encoded' });
    }
    if (body.grant_type !== 'client_credentials') {
      return reply.code(400).send({ error: 'unsupported_grant_type' });
    }
    let { client_id: id, client_secret: secret } = body;
    const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      [id, secret] = [decodeURIComponent(decoded.slice(0, colon)), decodeURIComponent(decoded.slice(colon + 1))];
    }
    if (!id || !secret || !tokens.authenticates(id, secret)) {
      return reply.code(401).send({ error: 'invalid_client' });
    }
    return reply.header('cache-control', 'no-store').send(tokens.issue());
  });

  const stamp = (): string => now().toISOString();
  const notFound = (reply: FastifyReply, what: string, id: string) =>
    reply.code(404).send({ error: 'not_found', error_description: `No ${what} ${id}` });

  app.get('/api/v2/accounts', async (request) =>
    pageOf(collections.accounts.values(), (account) => account.account_id, request.query as PageQuery),
  );

  app.get('/api/v2/accounts/:id', async (request: FastifyRequest<{ Params: IdParams }>, reply) => {
    const account = collections.accounts.get(request.params.id);
    const wantsXml = request.headers.accept?.includes('application/xml') ?? false;
    if (!account) {
      if (!wantsXml) return notFound(reply, 'account', request.params.id);
      return reply
        .code(404)
        .type('application/xml')
        .send(recordToXml('error', { code: 'not_found', message: `No account ${request.params.id}` }));
    }
    if (wantsXml) return reply.type('application/xml; charset=utf-8').send(recordToXml('account', account));
    return account;
  });

  app.post('/api/v2/accounts', async (request, reply) => {
    const fields = validateAccount(request.body, 'create');
    const created = stamp();
    const account: CrmAccount = {
      account_id: accountId(collections.accounts.size + 1),
      display_name: fields.display_name!,
      primary_email: fields.primary_email!,
      phone: fields.phone ?? null,
      tier: fields.tier ?? 'SMB',
      billing_country: fields.billing_country ?? 'DE',
      created_at: Math.floor(Date.parse(created) / 1000),
      updated_at: created,
    };
    collections.accounts.set(account.account_id, account);
    return reply.code(201).header('location', `/api/v2/accounts/${account.account_id}`).send(account);
  });

  app.patch('/api/v2/accounts/:id', async (request: FastifyRequest<{ Params: IdParams }>, reply) => {
    const account = collections.accounts.get(request.params.id);
    if (!account) return notFound(reply, 'account', request.params.id);
    Object.assign(account, validateAccount(request.body, 'update'), { updated_at: stamp() });
    return account;
  });

  app.get('/api/v2/contacts', async (request) => {
    const query = request.query as PageQuery & { account_id?: string };
    const contacts = [...collections.contacts.values()].filter(
      (contact) => query.account_id === undefined || contact.account_id === query.account_id,
    );
    return pageOf(contacts, (contact) => contact.contact_id, query);
  });

  app.get('/api/v2/contacts/:id', async (request: FastifyRequest<{ Params: IdParams }>, reply) => {
    return collections.contacts.get(request.params.id) ?? notFound(reply, 'contact', request.params.id);
  });

  app.post('/api/v2/contacts', async (request, reply) => {
    const fields = validateContact(request.body, 'create', collections);
    const created = stamp();
    const contact: CrmContact = {
      contact_id: contactId(collections.contacts.size + 1),
      account_id: fields.account_id!,
      first_name: fields.first_name!,
      last_name: fields.last_name!,
      primary_email: fields.primary_email!,
      phone: fields.phone ?? null,
      job_title: fields.job_title ?? null,
      created_at: Math.floor(Date.parse(created) / 1000),
      updated_at: created,
    };
    collections.contacts.set(contact.contact_id, contact);
    return reply.code(201).header('location', `/api/v2/contacts/${contact.contact_id}`).send(contact);
  });

  app.patch('/api/v2/contacts/:id', async (request: FastifyRequest<{ Params: IdParams }>, reply) => {
    const contact = collections.contacts.get(request.params.id);
    if (!contact) return notFound(reply, 'contact', request.params.id);
    Object.assign(contact, validateContact(request.body, 'update', collections), { updated_at: stamp() });
    return contact;
  });

  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  return {
    url,
    tokenUrl: `${url}/oauth/token`,
    ...client,
    callCount: (route) => counts.get(route) ?? 0,
    calls: () => Object.fromEntries(counts),
    resetCalls: () => counts.clear(),
    record: (collection, id) => structuredClone(collections[collection].get(id)) as CrmRecord<typeof collection>,
    mutate: (collection, id, changes) => {
      const record = collections[collection].get(id);
      if (!record) throw new Error(`no ${CRM_ID_FIELD[collection]} ${id} in the CRM simulator`);
      Object.assign(record, changes, { updated_at: stamp() });
      return structuredClone(record) as CrmRecord<typeof collection>;
    },
    expireTokens: () => tokens.expireAll(),
    setRateLimit: (limit) => limiter.configure(limit),
    close: () => app.close(),
  };
}

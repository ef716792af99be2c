import helmet from '@fastify/helmet';
import Fastify, { FastifyInstance } from 'fastify';

type HelmetOptions = Parameters<typeof helmet>[1];

const OWN_HEADERS = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

/**
 * Puts helmet's security headers on every answer. They depend on the options alone, so they are
 * worked out once at boot (by helmet itself, on a throwaway instance) instead of helmet parsing its
 * options again on every request.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions): Promise<void> {
  const headers = await helmetHeaders(options);
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}

/** The headers helmet sets with these options on an answer of its own. */
export async function helmetHeaders(options: HelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify();
  try {
    await probe.register(helmet, options);
    probe.get('/', () => '');
    const answer = await probe.inject({ method: 'GET', url: '/' });
    return Object.fromEntries(
      Object.entries(answer.headers)
        .filter(([name]) => !OWN_HEADERS.has(name))
        .map(([name, value]) => [name, String(value)]),
    );
  } finally {
    await probe.close();
  }
}

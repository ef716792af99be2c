import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OpenAiTestServer {
  url: string;
  requests: { method: string; path: string; headers: IncomingMessage['headers']; body: unknown }[];
  /** The next n calls to /v1/* answer this status with an OpenAI error body. */
  failNext(n: number, status: number): void;
  /** Embeddings come back in reverse index order (the spec orders by `index`, not by position). */
  shuffle(on: boolean): void;
  close(): Promise<void>;
}

export const EMBEDDING_DIMENSIONS = 8;

/** Deterministic stand-in for an embedding model: 8 numbers in [-1, 1) from the SHA-256 of the text. */
export function testEmbedding(text: string): number[] {
  const digest = createHash('sha256').update(text).digest();
  return Array.from({ length: EMBEDDING_DIMENSIONS }, (_, i) => digest.readInt16BE(i * 2) / 32768);
}

const ERROR_TYPES: Record<number, [string, string | null]> = {
  400: ['invalid_request_error', null],
  401: ['invalid_request_error', 'invalid_api_key'],
  404: ['invalid_request_error', 'model_not_found'],
  429: ['requests', 'rate_limit_exceeded'],
  500: ['server_error', null],
  503: ['server_error', null],
};

/**
 * A small, protocol-faithful OpenAI-compatible server: `GET /v1/models`, `POST /v1/embeddings` and
 * `POST /v1/chat/completions` with the request and response shapes of the OpenAI API reference,
 * errors as `{ "error": { "message", "type", "param", "code" } }`, and (like the real one) an
 * authentication error that quotes the key it was given.
 */
export async function startOpenAiTestServer(options: { apiKey: string; models: string[] }): Promise<OpenAiTestServer> {
  const requests: OpenAiTestServer['requests'] = [];
  let failures = { left: 0, status: 500 };
  let shuffled = false;

  const error = (status: number, message: string, param: string | null = null): [number, unknown] => {
    const [type, code] = ERROR_TYPES[status] ?? ['server_error', null];
    return [status, { error: { message, type, param, code } }];
  };

  const route = (
    method: string,
    path: string,
    headers: IncomingMessage['headers'],
    body: unknown,
  ): [number, unknown] => {
    if (headers.authorization !== `Bearer ${options.apiKey}`) {
      const given = (headers.authorization ?? '').replace(/^Bearer /, '');
      return error(401, `Incorrect API key provided: ${given}. You can find your API key in your account settings.`);
    }
    if (failures.left > 0) {
      failures.left--;
      return error(
        failures.status,
        failures.status === 429 ? 'Rate limit reached for requests' : 'The server had an error',
      );
    }
    if (method === 'GET' && path === '/v1/models') {
      return [
        200,
        {
          object: 'list',
          data: options.models.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'test' })),
        },
      ];
    }
    const request = body as Record<string, unknown> | undefined;
    if (method === 'POST' && path === '/v1/embeddings') {
      if (!request || typeof request.model !== 'string') return error(400, "'model' is a required property", 'model');
      if (!options.models.includes(request.model))
        return error(404, `The model '${request.model}' does not exist`, 'model');
      const input = typeof request.input === 'string' ? [request.input] : request.input;
      if (!Array.isArray(input) || input.length === 0 || !input.every((item) => typeof item === 'string')) {
        return error(400, "'input' must be a string or an array of strings", 'input');
      }
      if (input.some((text) => text.length === 0)) return error(400, "'input' cannot contain an empty string", 'input');
      const data = input.map((text, index) => ({ object: 'embedding', index, embedding: testEmbedding(text) }));
      const tokens = input.reduce((sum, text) => sum + text.split(/\s+/).length, 0);
      return [
        200,
        {
          object: 'list',
          data: shuffled ? data.reverse() : data,
          model: request.model,
          usage: { prompt_tokens: tokens, total_tokens: tokens },
        },
      ];
    }
    if (method === 'POST' && path === '/v1/chat/completions') {
      if (!request || typeof request.model !== 'string') return error(400, "'model' is a required property", 'model');
      if (!options.models.includes(request.model))
        return error(404, `The model '${request.model}' does not exist`, 'model');
      const messages = request.messages;
      if (!Array.isArray(messages) || messages.length === 0)
        return error(400, "'messages' must be a non-empty array", 'messages');
      const user = [...messages].reverse().find((m: { role?: string }) => m.role === 'user') as
        { content?: string } | undefined;
      if (typeof user?.content !== 'string')
        return error(400, 'a user message with text content is required', 'messages');
      const json = (request.response_format as { type?: string } | undefined)?.type === 'json_object';
      const content = json
        ? JSON.stringify({ length: user.content.length, shouting: user.content === user.content.toUpperCase() })
        : `echo: ${user.content}`;
      return [
        200,
        {
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: 1700000000,
          model: request.model,
          choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: 'stop' }],
          usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
        },
      ];
    }
    return error(404, `Unknown request URL: ${method} ${path}`);
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      let answer: [number, unknown];
      try {
        body = text ? JSON.parse(text) : undefined;
        const path = (req.url ?? '/').split('?')[0];
        requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
        answer = route(req.method ?? 'GET', path, req.headers, body);
      } catch {
        answer = error(400, 'We could not parse the JSON body of your request.');
      }
      res.writeHead(answer[0], { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer[1]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (n, status) => (failures = { left: n, status }),
    shuffle: (on) => (shuffled = on),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

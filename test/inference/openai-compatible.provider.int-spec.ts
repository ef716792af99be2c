import { InferenceError, OpenAiChatProvider, OpenAiEmbeddingsProvider, ResilientProvider } from '@trestle/inference';
import {
  EMBEDDING_DIMENSIONS,
  OpenAiTestServer,
  startOpenAiTestServer,
  testEmbedding,
} from './servers/openai-compatible.server';

const API_KEY = 'sk-test-0123456789abcdefghijklmnop';
const RETRY = { timeoutMs: 2_000, retries: 2, baseDelayMs: 5, maxDelayMs: 20 };

describe('OpenAI-compatible providers', () => {
  let server: OpenAiTestServer;

  beforeAll(async () => {
    server = await startOpenAiTestServer({ apiKey: API_KEY, models: ['text-embedding-3-small', 'gpt-4o-mini'] });
  });

  afterAll(() => server.close());

  beforeEach(() => {
    server.requests.length = 0;
    server.failNext(0, 500);
    server.shuffle(false);
  });

  const embeddings = (overrides: Partial<ConstructorParameters<typeof OpenAiEmbeddingsProvider>[0]> = {}) =>
    new OpenAiEmbeddingsProvider({
      baseUrl: server.url,
      model: 'text-embedding-3-small',
      apiKey: API_KEY,
      timeoutMs: 2_000,
      ...overrides,
    });
  const chat = (overrides: Partial<ConstructorParameters<typeof OpenAiChatProvider>[0]> = {}) =>
    new OpenAiChatProvider({
      baseUrl: server.url,
      model: 'gpt-4o-mini',
      apiKey: API_KEY,
      timeoutMs: 2_000,
      ...overrides,
    });

  describe('embeddings', () => {
    it('embeds a whole batch in one POST /v1/embeddings, each output for its own input', async () => {
      const texts = ['Acme Trading GmbH', 'Globex Corporation', 'Initech'];

      const vectors = await embeddings().infer(texts);

      expect(vectors).toEqual(texts.map(testEmbedding));
      expect(vectors[0]).toHaveLength(EMBEDDING_DIMENSIONS);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/embeddings' });
      expect(server.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(server.requests[0].body).toEqual({
        model: 'text-embedding-3-small',
        input: texts,
        encoding_format: 'float',
      });
    });

    it('orders outputs by the index the server gives, not by position', async () => {
      server.shuffle(true);
      const texts = ['one', 'two', 'three', 'four'];

      await expect(embeddings().infer(texts)).resolves.toEqual(texts.map(testEmbedding));
    });

    it('accepts a base URL that ends in /v1, as OpenAI SDKs configure it', async () => {
      await expect(embeddings({ baseUrl: `${server.url}/v1/` }).infer(['x'])).resolves.toEqual([testEmbedding('x')]);
      expect(server.requests[0].path).toBe('/v1/embeddings');
    });

    it("turns an OpenAI error body into a typed error with the server's message", async () => {
      const error = await embeddings()
        .infer(['fine', ''])
        .catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(InferenceError);
      expect(error).toMatchObject({ code: 'provider_rejected', status: 400, retryable: false });
      expect((error as Error).message).toContain("'input' cannot contain an empty string");
    });

    it('names a model the server does not have', async () => {
      await expect(embeddings({ model: 'text-embedding-9' }).infer(['x'])).rejects.toMatchObject({
        code: 'provider_rejected',
        status: 404,
        message: expect.stringContaining("The model 'text-embedding-9' does not exist"),
      });
    });

    it('never puts the API key in an error, though the server quotes the key it was given', async () => {
      const wrong = 'sk-wrong-secret-9876543210zyxwvutsrq';

      const error = (await embeddings({ apiKey: wrong })
        .infer(['x'])
        .catch((caught: unknown) => caught)) as InferenceError;

      expect(error).toMatchObject({ code: 'provider_auth', status: 401 });
      expect(error.message).toContain('Incorrect API key provided');
      expect(JSON.stringify({ message: error.message, json: error.toJSON(), stack: error.stack })).not.toContain(wrong);
    });

    it('retries 429 with backoff, then reports provider_rate_limited', async () => {
      server.failNext(5, 429);
      const resilient = new ResilientProvider(embeddings(), 'customer-embedding', RETRY);

      await expect(resilient.infer(['x'])).rejects.toMatchObject({
        code: 'provider_rate_limited',
        attempts: 3,
        model: 'customer-embedding',
        provider: 'openai-embeddings',
      });
      expect(server.requests).toHaveLength(3);
    });

    it('reports ready through GET /v1/models', async () => {
      await expect(embeddings().ready()).resolves.toBe(true);
      await expect(embeddings({ apiKey: 'sk-nope' }).ready()).resolves.toBe(false);
    });
  });

  describe('chat completions', () => {
    it('sends one POST /v1/chat/completions per input with the system prompt, and returns the message content', async () => {
      const provider = chat({ system: 'Summarize the customer.', maxTokens: 50, temperature: 0 });

      const outputs = await provider.infer(['Acme', 'Globex']);

      expect(outputs).toEqual(['echo: Acme', 'echo: Globex']);
      expect(server.requests).toHaveLength(2);
      expect(server.requests.map((r) => r.body)).toEqual(
        expect.arrayContaining([
          {
            model: 'gpt-4o-mini',
            messages: [
              { role: 'system', content: 'Summarize the customer.' },
              { role: 'user', content: 'Acme' },
            ],
            max_tokens: 50,
            temperature: 0,
          },
        ]),
      );
    });

    it('asks for and parses a JSON object when the model is declared json', async () => {
      const outputs = await chat({ json: true }).infer(['LOUD ORDER NOTE']);

      expect(outputs).toEqual([{ length: 15, shouting: true }]);
      expect(server.requests[0].body).toMatchObject({ response_format: { type: 'json_object' } });
    });

    it('retries a 500 and answers once the server recovers', async () => {
      server.failNext(1, 500);
      const resilient = new ResilientProvider(chat(), 'note-summary', RETRY);

      await expect(resilient.infer(['hello'])).resolves.toEqual(['echo: hello']);
      expect(server.requests).toHaveLength(2);
    });

    it('refuses numeric inputs with a typed error before calling the server', async () => {
      await expect(chat().infer([[1, 2]])).rejects.toMatchObject({ code: 'invalid_input' });
      expect(server.requests).toHaveLength(0);
    });
  });
});

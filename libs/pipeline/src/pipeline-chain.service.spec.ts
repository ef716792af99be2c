import { PipelineChain } from './pipeline-chain.service';
import type { QueueDriver } from './queue/queue-driver';
import { QueueName } from './queue/queue-name';

describe('PipelineChain.normalized', () => {
  const enqueued: [QueueName, unknown][] = [];
  const queue = {
    kind: 'inline',
    enqueue: async (name: QueueName, data: unknown) => void enqueued.push([name, data]),
  } as unknown as QueueDriver;

  beforeEach(() => (enqueued.length = 0));

  it('hands nothing to inference until a consumer turns it on', async () => {
    await new PipelineChain(queue).normalized('t', 'c', 'order', ['ord_1']);
    expect(enqueued).toEqual([]);
  });

  it('hands on only the entities a model scores, asked at each page', async () => {
    const chain = new PipelineChain(queue);
    const scored = new Set(['order']);
    chain.enableInference((entity) => scored.has(entity));
    await chain.normalized('t', 'c', 'customer', ['cus_1']);
    await chain.normalized('t', 'c', 'order', ['ord_1']);
    await chain.normalized('t', 'c', 'order', []);
    scored.add('customer');
    await chain.normalized('t', 'c', 'customer', ['cus_2']);
    expect(enqueued).toEqual([
      [QueueName.Infer, { tenantId: 't', connectionId: 'c', entity: 'order', recordIds: ['ord_1'] }],
      [QueueName.Infer, { tenantId: 't', connectionId: 'c', entity: 'customer', recordIds: ['cus_2'] }],
    ]);
  });
});

import type { ProducerRecord } from 'kafkajs';
import { KafkaProducer, KafkaStreamDriver } from './kafka-stream.driver';

function fakeProducer(failures = 0) {
  const sent: ProducerRecord[] = [];
  let connects = 0;
  let left = failures;
  const producer: KafkaProducer = {
    connect: async () => {
      connects += 1;
      if (left-- > 0) throw new Error('broker down');
    },
    send: async (record) => {
      sent.push(record);
      return [];
    },
    disconnect: async () => undefined,
  };
  return { producer, sent, connects: () => connects };
}

const message = (id: string, key: string) => ({
  subject: 'trestle.default.customer.updated',
  key,
  id,
  type: 'trestle.customer.updated',
  body: `{"id":"${id}"}`,
});

describe('Kafka stream driver', () => {
  it('sends each event to the topic keyed by its ordering key, acked by all replicas, connecting once', async () => {
    const fake = fakeProducer();
    const driver = new KafkaStreamDriver(fake.producer, 'trestle.events');
    await driver.publish(message('e1', 'cus_a'));
    await driver.publish(message('e2', 'cus_a'));
    expect(fake.connects()).toBe(1);
    expect(fake.sent).toEqual([
      {
        topic: 'trestle.events',
        acks: -1,
        messages: [
          {
            key: 'cus_a',
            value: '{"id":"e1"}',
            headers: {
              'content-type': 'application/cloudevents+json; charset=utf-8',
              ce_id: 'e1',
              ce_type: 'trestle.customer.updated',
            },
          },
        ],
      },
      expect.objectContaining({ messages: [expect.objectContaining({ key: 'cus_a', value: '{"id":"e2"}' })] }),
    ]);
  });

  it('fails a publish while the brokers are away and connects again on the next one', async () => {
    const fake = fakeProducer(1);
    const driver = new KafkaStreamDriver(fake.producer, 'trestle.events');
    await expect(driver.publish(message('e1', 'cus_a'))).rejects.toThrow('broker down');
    await driver.publish(message('e1', 'cus_a'));
    expect(fake.connects()).toBe(2);
    expect(fake.sent).toHaveLength(1);
  });
});

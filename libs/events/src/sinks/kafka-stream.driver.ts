import { Kafka, logLevel, Producer, SASLOptions } from 'kafkajs';
import type { AppConfig } from '@trestle/core';
import { CLOUDEVENTS_CONTENT_TYPE } from '../cloud-event';
import { StreamDriver, StreamMessage } from './stream-driver';

export type KafkaProducer = Pick<Producer, 'connect' | 'send' | 'disconnect'>;

/**
 * Kafka: one topic, keyed by the record's ordering key, so one partition holds a record's events
 * in order; an idempotent producer with one request in flight keeps that order through retries.
 */
export class KafkaStreamDriver extends StreamDriver {
  readonly kind = 'kafka' as const;
  private connected?: Promise<void>;

  constructor(
    private readonly producer: KafkaProducer,
    private readonly topic: string,
  ) {
    super();
  }

  async publish(message: StreamMessage): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.body,
          headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE, ce_id: message.id, ce_type: message.type },
        },
      ],
    });
  }

  async close(): Promise<void> {
    if (!this.connected) return;
    this.connected = undefined;
    await this.producer.disconnect().catch(() => undefined);
  }
}

export function kafkaProducer(config: AppConfig): Producer {
  const sasl =
    config.eventsKafkaSaslMechanism === 'none'
      ? undefined
      : ({
          mechanism: config.eventsKafkaSaslMechanism,
          username: config.eventsKafkaUsername ?? '',
          password: config.eventsKafkaPassword ?? '',
        } as SASLOptions);
  const kafka = new Kafka({
    clientId: config.eventsKafkaClientId,
    brokers: config.eventsKafkaBrokers,
    ssl: config.eventsKafkaSsl,
    sasl,
    logLevel: logLevel.WARN,
  });
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
}

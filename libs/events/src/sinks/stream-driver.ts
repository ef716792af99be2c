export interface StreamMessage {
  /** NATS subject: `<prefix>.<tenant>.<entity>.<kind>` for record changes. */
  subject: string;
  /** Partition key (Kafka): the record's ordering key. */
  key: string;
  /** The CloudEvents id; the NATS message id, so JetStream drops a re-published duplicate. */
  id: string;
  type: string;
  body: string;
}

/** A message stream events are published to; publish resolves once the stream has stored the message. */
export abstract class StreamDriver {
  abstract readonly kind: 'none' | 'nats' | 'kafka';
  abstract publish(message: StreamMessage): Promise<void>;
  abstract close(): Promise<void>;
}

export class NoStreamDriver extends StreamDriver {
  readonly kind = 'none' as const;

  publish(): Promise<void> {
    return Promise.reject(new Error('no stream is configured (EVENTS_STREAM_DRIVER=none)'));
  }

  async close(): Promise<void> {}
}

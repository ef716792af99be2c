import { connect, headers, JetStreamClient, NatsConnection } from 'nats';
import { CLOUDEVENTS_CONTENT_TYPE } from '../cloud-event';
import { StreamDriver, StreamMessage } from './stream-driver';

export interface NatsStreamOptions {
  /** Comma-separated server URLs; user and password may be in the URL. */
  servers: string;
  stream: string;
  subjectPrefix: string;
  publishTimeoutMs: number;
}

const DUPLICATE_WINDOW_NS = 10 * 60 * 1e9;

/** NATS JetStream: connects at first use, creates the stream (`<prefix>.>`) if it is missing, awaits each ack. */
export class NatsStreamDriver extends StreamDriver {
  readonly kind = 'nats' as const;
  private connection?: Promise<{ nc: NatsConnection; js: JetStreamClient }>;
  private readonly encoder = new TextEncoder();

  constructor(private readonly options: NatsStreamOptions) {
    super();
  }

  async publish(message: StreamMessage): Promise<void> {
    const { js } = await this.ready();
    const meta = headers();
    meta.set('content-type', CLOUDEVENTS_CONTENT_TYPE);
    await js.publish(message.subject, this.encoder.encode(message.body), {
      msgID: message.id,
      headers: meta,
      timeout: this.options.publishTimeoutMs,
    });
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (!connection) return;
    const { nc } = await connection.catch(() => ({ nc: undefined }));
    await nc?.drain().catch(() => undefined);
  }

  private ready(): Promise<{ nc: NatsConnection; js: JetStreamClient }> {
    this.connection ??= this.open().catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  private async open(): Promise<{ nc: NatsConnection; js: JetStreamClient }> {
    const urls = this.options.servers.split(',').map((server) => new URL(server.trim()));
    const withUser = urls.find((url) => url.username);
    const nc = await connect({
      servers: urls.map((url) => `${url.protocol}//${url.host}`),
      name: 'trestle-events',
      ...(withUser ? { user: decodeURIComponent(withUser.username), pass: decodeURIComponent(withUser.password) } : {}),
      maxReconnectAttempts: -1,
      timeout: this.options.publishTimeoutMs,
    });
    try {
      const jsm = await nc.jetstreamManager();
      const exists = await jsm.streams.info(this.options.stream).then(
        () => true,
        () => false,
      );
      if (!exists) {
        await jsm.streams
          .add({
            name: this.options.stream,
            subjects: [`${this.options.subjectPrefix}.>`],
            duplicate_window: DUPLICATE_WINDOW_NS,
          })
          .catch(async (error: unknown) => {
            if (
              !(await jsm.streams.info(this.options.stream).then(
                () => true,
                () => false,
              ))
            )
              throw error;
          });
      }
      return { nc, js: nc.jetstream() };
    } catch (error) {
      await nc.close();
      throw error;
    }
  }
}

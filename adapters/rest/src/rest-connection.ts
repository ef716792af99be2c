import {
  AdapterError,
  type AdapterConnection,
  type CallOptions,
  type CheckResult,
  type ListQuery,
  type Page,
  type SourceRecord,
} from '@trestle/adapter-sdk';
import { checkConnection } from './operations/check.operation';
import { createRecord } from './operations/create.operation';
import { getRecord } from './operations/get.operation';
import { listRecords } from './operations/list.operation';
import { runPassthrough } from './operations/passthrough.operation';
import { updateRecord } from './operations/update.operation';
import type { RestRuntime } from './rest-runtime';
import type { HttpTransport } from './transport/http-transport';

/** A connection to one vendor REST API; see RestSettings and RestOperationSpec. */
export class RestConnection implements AdapterConnection {
  private closed = false;

  constructor(
    private readonly runtime: RestRuntime,
    private readonly transport: HttpTransport,
  ) {}

  check(options?: CallOptions): Promise<CheckResult> {
    return this.open(() => checkConnection(this.runtime, options));
  }

  async *list(entity: string, query?: ListQuery): AsyncIterable<Page> {
    this.ensureOpen();
    yield* listRecords(this.runtime, entity, query);
  }

  get(entity: string, sourceId: string, options?: CallOptions): Promise<SourceRecord> {
    return this.open(() => getRecord(this.runtime, entity, sourceId, options));
  }

  create(entity: string, record: SourceRecord, options?: CallOptions): Promise<SourceRecord> {
    return this.open(() => createRecord(this.runtime, entity, record, options));
  }

  update(entity: string, sourceId: string, patch: SourceRecord, options?: CallOptions): Promise<SourceRecord> {
    return this.open(() => updateRecord(this.runtime, entity, sourceId, patch, options));
  }

  passthrough(operation: string, args: Record<string, unknown>, options?: CallOptions): Promise<unknown> {
    return this.open(() => runPassthrough(this.runtime, operation, args, options));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.runtime.authenticator.close();
    this.transport.close();
  }

  private async open<T>(call: () => Promise<T>): Promise<T> {
    this.ensureOpen();
    return call();
  }

  private ensureOpen(): void {
    if (this.closed) throw new AdapterError('unreachable', 'the connection is closed', { retryable: false });
  }
}

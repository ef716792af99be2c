import {
  AdapterError,
  defineAdapter,
  type AdapterConnection,
  type AdapterContext,
  type CallOptions,
  type ListQuery,
  type Page,
  type SourceRecord,
} from '@trestle/adapter-sdk';
import {
  __KIND___CREDENTIALS_SCHEMA,
  __KIND___OPERATION_SCHEMA,
  __KIND___SETTINGS_SCHEMA,
  type __Kind__Settings,
} from './__kind__-settings';
import { check } from './operations/check.operation';
import { create } from './operations/create.operation';
import { get } from './operations/get.operation';
import { list } from './operations/list.operation';
import { operationSpec } from './operations/operation-spec';
import { update } from './operations/update.operation';
import { __Kind__Client } from './transport/__kind__-client';

class __Kind__Connection implements AdapterConnection {
  private readonly client: __Kind__Client;
  private closed = false;

  constructor(private readonly context: AdapterContext<__Kind__Settings>) {
    this.client = new __Kind__Client(context);
  }

  check(options?: CallOptions) {
    this.guard();
    return check(this.client, options);
  }

  async *list(entity: string, query: ListQuery = {}): AsyncIterable<Page> {
    this.guard();
    const { spec } = operationSpec(this.context.definition, entity, 'list');
    yield* list(this.client, spec, query, this.context.settings.defaultPageSize);
  }

  async get(entity: string, sourceId: string, options?: CallOptions): Promise<SourceRecord> {
    this.guard();
    return get(this.client, operationSpec(this.context.definition, entity, 'get').spec, sourceId, options);
  }

  async create(entity: string, record: SourceRecord, options?: CallOptions): Promise<SourceRecord> {
    this.guard();
    return create(this.client, operationSpec(this.context.definition, entity, 'create').spec, record, options);
  }

  async update(entity: string, sourceId: string, patch: SourceRecord, options?: CallOptions): Promise<SourceRecord> {
    this.guard();
    return update(this.client, operationSpec(this.context.definition, entity, 'update').spec, sourceId, patch, options);
  }

  async passthrough(operation: string): Promise<unknown> {
    throw new AdapterError('unsupported', `no passthrough operation '${operation}'`);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private guard(): void {
    if (this.closed) throw new AdapterError('unreachable', 'the connection is closed');
  }
}

/** The __kind__ adapter kind: JSON over HTTP with a bearer token and offset paging. */
export const __kindCamel__Adapter = defineAdapter<__Kind__Settings>({
  kind: '__kind__',
  displayName: '__Kind__',
  description: 'The __kind__ legacy system (JSON over HTTP, bearer token).',
  settingsSchema: __KIND___SETTINGS_SCHEMA,
  credentialsSchema: __KIND___CREDENTIALS_SCHEMA,
  operationSchema: __KIND___OPERATION_SCHEMA,
  async connect(context) {
    return new __Kind__Connection(context);
  },
});

export default __kindCamel__Adapter;

import type { AdapterConnection, CallOptions, CheckResult, ListQuery, Page, SourceRecord } from '@trestle/adapter-sdk';
import { checkService } from './operations/check';
import { createRecord } from './operations/create';
import { getRecord } from './operations/get';
import { listRecords } from './operations/list';
import { runPassthrough } from './operations/passthrough';
import { updateRecord } from './operations/update';
import type { SoapOperationContext } from './soap-operation-context';

/** A live connection to one SOAP service: each method is one operation module. */
export class SoapConnection implements AdapterConnection {
  constructor(private readonly context: SoapOperationContext) {}

  check(options?: CallOptions): Promise<CheckResult> {
    return checkService(this.context, options);
  }

  list(entity: string, query: ListQuery = {}): AsyncIterable<Page> {
    return listRecords(this.context, entity, query);
  }

  get(entity: string, sourceId: string, options?: CallOptions): Promise<SourceRecord> {
    return getRecord(this.context, entity, sourceId, options);
  }

  create(entity: string, record: SourceRecord, options?: CallOptions): Promise<SourceRecord> {
    return createRecord(this.context, entity, record, options);
  }

  update(entity: string, sourceId: string, patch: SourceRecord, options?: CallOptions): Promise<SourceRecord> {
    return updateRecord(this.context, entity, sourceId, patch, options);
  }

  passthrough(operation: string, args: Record<string, unknown>, options?: CallOptions): Promise<unknown> {
    return runPassthrough(this.context, operation, args, options);
  }

  close(): Promise<void> {
    return this.context.session.close();
  }
}

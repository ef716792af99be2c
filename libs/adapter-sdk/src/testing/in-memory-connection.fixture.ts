import type { AdapterConnection, ListQuery, Page, SourceRecord } from '../adapter';
import { AdapterError } from '../adapter-error';

/** Behaviour switches that break the in-memory connection in one specific way, for the kit's own specs. */
export interface InMemoryFaults {
  cursorSkipsOne?: boolean;
  emptyMiddlePage?: boolean;
  neverEnds?: boolean;
  leaksPassword?: boolean;
  plainErrors?: boolean;
}

/** A small, well-behaved AdapterConnection over an array, used to test the contract kit itself. */
export class InMemoryConnection implements AdapterConnection {
  private closed = false;

  constructor(
    private readonly records: SourceRecord[],
    private readonly password: string,
    private readonly expectedPassword: string,
    private readonly faults: InMemoryFaults = {},
  ) {}

  async check(options: { signal?: AbortSignal } = {}) {
    this.guard(options.signal);
    return { ok: true, latencyMs: 0 };
  }

  async *list(entity: string, query: ListQuery = {}): AsyncIterable<Page> {
    this.guard(query.signal);
    if (entity !== 'customer') throw new AdapterError('unsupported', `no binding for entity '${entity}'`);
    const pageSize = query.pageSize ?? 4;
    const rows = this.records.filter((r) => !query.modifiedSince || String(r.MODIFIED) >= query.modifiedSince);
    let start = query.cursor ? Number(Buffer.from(query.cursor, 'base64url').toString()) : 0;
    for (let pageNo = 0; ; pageNo++) {
      this.guard(query.signal);
      const records = this.faults.emptyMiddlePage && pageNo === 1 ? [] : rows.slice(start, start + pageSize);
      if (!(this.faults.emptyMiddlePage && pageNo === 1)) start += pageSize;
      if (this.faults.neverEnds && start >= rows.length) start = 0;
      const more = start < rows.length;
      const next = start + (this.faults.cursorSkipsOne ? 1 : 0);
      yield { records, nextCursor: more ? Buffer.from(String(next)).toString('base64url') : undefined };
      if (!more) return;
    }
  }

  async get(_entity: string, sourceId: string, options: { signal?: AbortSignal } = {}): Promise<SourceRecord> {
    this.guard(options.signal);
    const found = this.records.find((record) => record.ID === sourceId);
    if (!found) {
      if (this.faults.plainErrors) throw new Error(`no ${sourceId}`);
      throw new AdapterError('not_found', `customer '${sourceId}' not found`);
    }
    return found;
  }

  async create(_entity: string, record: SourceRecord): Promise<SourceRecord> {
    this.records.push(record);
    return record;
  }

  async update(entity: string, sourceId: string, patch: SourceRecord): Promise<SourceRecord> {
    return Object.assign(await this.get(entity, sourceId), patch);
  }

  passthrough(operation: string, _args: Record<string, unknown>, options: { signal?: AbortSignal } = {}) {
    if (operation !== 'sleep') return Promise.reject(new AdapterError('unsupported', `no operation '${operation}'`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, 10_000);
      options.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new AdapterError('timeout', 'sleep cancelled'));
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private guard(signal?: AbortSignal): void {
    if (signal?.aborted) throw new AdapterError('timeout', 'the call was aborted', { cause: signal.reason });
    if (this.closed) throw new AdapterError('unreachable', 'connection closed');
    if (this.password !== this.expectedPassword) {
      const shown = this.faults.leaksPassword ? ` with password ${this.password}` : '';
      throw new AdapterError('auth', `login refused${shown}`);
    }
  }
}

/** Thirteen customer rows with ids C001..C013 and modification dates through January 2024. */
export function customerRows(): SourceRecord[] {
  return Array.from({ length: 13 }, (_, index) => ({
    ID: `C${String(index + 1).padStart(3, '0')}`,
    NAME: `Customer ${index + 1}`,
    MODIFIED: `2024-01-${String(index + 1).padStart(2, '0')}T00:00:00.000Z`,
  }));
}

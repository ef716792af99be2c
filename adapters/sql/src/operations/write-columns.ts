import { AdapterError, type SourceRecord } from '@trestle/adapter-sdk';
import { IDENTIFIER, isTableOperation, type SqlOperation, type SqlTableOperation } from '../sql-operation-spec';

/** The table spec behind a write, or AdapterError('unsupported') for query specs. */
export function writableTable(spec: SqlOperation, entity: string): SqlTableOperation {
  if (!isTableOperation(spec)) throw new AdapterError('unsupported', `writes to '${entity}' need a table operation`);
  return spec;
}

/** The record's columns, each a valid identifier and, when the spec lists columns, one of them. */
export function writeColumns(spec: SqlTableOperation, record: SourceRecord): Array<[string, unknown]> {
  const entries = Object.entries(record).filter(([, value]) => value !== undefined);
  if (entries.length === 0) throw new AdapterError('rejected', 'nothing to write');
  for (const [name, value] of entries) {
    if (!IDENTIFIER.test(name) || (spec.columns && !spec.columns.includes(name))) {
      throw new AdapterError('rejected', `cannot write column '${name.slice(0, 64)}'`, {
        details: { column: name.slice(0, 64) },
      });
    }
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      throw new AdapterError('rejected', `column '${name}' takes a scalar value`, { details: { column: name } });
    }
  }
  return entries;
}

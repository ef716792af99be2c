/**
 * A connector definition describes one legacy system to Trestle without code: which adapter kind
 * speaks to it, which of its operations serve each canonical entity, how its pages and
 * incremental cursors work, and how its fields map onto the canonical model. Definitions are YAML
 * or JSON files validated against `libs/adapter-sdk/schema/connector-definition.schema.json`.
 */
export interface ConnectorDefinition {
  /** Stable identifier of the definition, e.g. `acme-erp`. */
  name: string;
  /** Adapter kind that speaks the protocol: `soap`, `sql`, `rest`, or a plugin's kind. */
  adapter: string;
  /** Mapping version, recorded in each stored record's lineage; bump it when a mapping changes. */
  version: string;
  description?: string;
  /** Default adapter settings; a connection's own settings override them key by key. */
  settings?: Record<string, unknown>;
  /** Canonical entity name (`customer`, `contact`, `product`, `order`, `invoice`) to its binding. */
  entities: Record<string, EntityBinding>;
  /** Named raw operations reachable through passthrough, in the adapter's own operation format. */
  passthrough?: Record<string, OperationSpec>;
}

export interface EntityBinding {
  /** Path of the source system's identifier inside a source record. */
  sourceId: string;
  /** Path of the last-modified timestamp, when the system keeps one (drives incremental syncs). */
  modifiedAt?: string;
  operations: Partial<Record<EntityOperation, OperationSpec>>;
  /** Canonical field path (dotted, e.g. `creditLimit.amount`) to where and how it is read. */
  fields: Record<string, FieldMapping>;
}

export type EntityOperation = 'list' | 'get' | 'create' | 'update';

/**
 * One operation in the adapter's own terms (a SOAP operation, a SQL table or query, an HTTP
 * request). Its shape is the adapter's to define and validate (`AdapterDefinition.operationSchema`);
 * `paging` and `incremental` use the shared shapes below so every adapter reads them alike.
 */
export interface OperationSpec {
  paging?: PagingSpec;
  incremental?: IncrementalSpec;
  [key: string]: unknown;
}

/** How a list operation pages through results. */
export type PagingSpec =
  | { style: 'none' }
  | { style: 'offset'; offsetParam: string; limitParam: string; pageSize?: number }
  | {
      style: 'page';
      pageParam: string;
      sizeParam: string;
      pageSize?: number;
      /** Number of the first page, 1 unless the system counts from 0. */
      firstPage?: number;
      /** Path of a boolean saying whether more pages follow. */
      hasMorePath?: string;
      /** Path of the total page count. */
      totalPagesPath?: string;
    }
  | { style: 'cursor'; cursorParam: string; nextCursorPath: string; limitParam?: string; pageSize?: number }
  | {
      /** Keyset pagination over an ordered, unique key column (SQL). */
      style: 'keyset';
      key: string;
      pageSize?: number;
    };

/** How to ask the system only for records modified since a watermark. */
export interface IncrementalSpec {
  /** Request parameter, query argument or column compared with the watermark. */
  param: string;
  /** How the watermark is written for this system. */
  format?: 'iso' | 'epoch-seconds' | 'epoch-millis' | 'yyyymmdd' | 'yyyymmddhhmmss';
}

/** Where a canonical field comes from and how it is converted on the way in (and back, for writes). */
export interface FieldMapping {
  /** Dotted path in the source record; `[]` addresses an array, e.g. `Lines.Line[]`. */
  path: string;
  /** Named transforms applied in order on read, reversed on write where invertible. */
  transforms?: TransformSpec[];
  /** Value used when the source field is absent or empty. */
  default?: unknown;
  /** For array fields: mappings of each element's fields, relative to the element. */
  items?: Record<string, FieldMapping>;
}

/**
 * A named transform, either bare (`trim`) or with an argument (`{ date: 'YYYYMMDD' }`). The set is
 * closed and documented in docs/adapters.md: trim, upper, lower, number, integer, boolean,
 * string, date, datetime, enum, centsToDecimal, decimal, multiply, divide, split, join.
 */
export type TransformSpec = string | Record<string, unknown>;

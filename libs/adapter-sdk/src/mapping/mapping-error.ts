/** Which way a value was travelling when mapping failed. */
export type MappingDirection = 'read' | 'write';

/** What a MappingError is about; none of it is a source value. */
export interface MappingErrorDetails {
  /** Canonical field path, e.g. `creditLimit.amount` or `lines[2].quantity`. */
  field: string;
  /** Source path the value came from (read) or goes to (write), e.g. `CRLIM_CENTS`. */
  sourcePath: string;
  /** Name of the transform that failed, when one did. */
  transform?: string;
  direction: MappingDirection;
  /** Why, without the offending value (it may be personal or secret data). */
  reason: string;
}

/**
 * A source value that cannot become its canonical field (read), or a canonical value that cannot
 * be written back (write). Names the field, the source path and the transform; never the value.
 */
export class MappingError extends Error {
  readonly field: string;
  readonly sourcePath: string;
  readonly transform?: string;
  readonly direction: MappingDirection;
  readonly reason: string;

  constructor(details: MappingErrorDetails) {
    const via = details.transform ? ` with transform '${details.transform}'` : '';
    const arrow = details.direction === 'read' ? `from '${details.sourcePath}'` : `to '${details.sourcePath}'`;
    super(`Cannot map field '${details.field}' ${arrow}${via}: ${details.reason}`);
    this.name = 'MappingError';
    this.field = details.field;
    this.sourcePath = details.sourcePath;
    this.transform = details.transform;
    this.direction = details.direction;
    this.reason = details.reason;
  }
}

/** A write of a field whose transforms cannot be inverted (e.g. bare `boolean`, whose source codes are unknown). */
export class NotInvertibleMappingError extends MappingError {
  constructor(details: Omit<MappingErrorDetails, 'direction'>) {
    super({ ...details, direction: 'write' });
    this.name = 'NotInvertibleMappingError';
  }
}

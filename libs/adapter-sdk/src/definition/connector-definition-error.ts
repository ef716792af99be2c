/** One problem in a connector definition: where (a JSON pointer such as `/entities/customer/fields/name/transforms/0`) and what. */
export interface DefinitionIssue {
  /** JSON pointer to the offending value; `''` for the document itself. */
  path: string;
  message: string;
}

/** A connector definition that cannot be used; `issues` lists every offending field with its path. */
export class ConnectorDefinitionError extends Error {
  constructor(
    readonly issues: DefinitionIssue[],
    /** Where the definition came from (a file path or a label), for the message. */
    readonly source?: string,
  ) {
    const lines = issues.map((issue) => `  ${issue.path || '/'}: ${issue.message}`);
    super(`Connector definition${source ? ` ${source}` : ''} is not valid:\n${lines.join('\n')}`);
    this.name = 'ConnectorDefinitionError';
  }
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins segments into a JSON pointer. */
export function pointer(...segments: Array<string | number>): string {
  return segments.map((segment) => `/${pointerSegment(segment)}`).join('');
}

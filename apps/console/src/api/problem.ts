export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem+json body as the hub writes it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  requestId?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** The hub does not offer this route (a module not enabled in this deployment). */
  get routeMissing(): boolean {
    return this.status === 404 && (this.problem.detail ?? '').startsWith('Cannot ');
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

/** What a person should read about a failed call. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Your key or token was refused. Sign in again.';
    if (error.status === 403) return `Not allowed: ${error.problem.detail ?? 'your key lacks the scope this needs.'}`;
    const title = error.problem.title ?? `HTTP ${error.status}`;
    return error.problem.detail && error.problem.detail !== title ? `${title}: ${error.problem.detail}` : title;
  }
  if (error instanceof TypeError) return 'The hub could not be reached. Check that it is running.';
  return error instanceof Error ? error.message : String(error);
}

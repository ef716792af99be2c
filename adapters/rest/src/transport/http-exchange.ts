import type { HttpMethod } from '../rest-operation-spec';

/** One HTTP request as the transport sends it. */
export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL without query string. */
  url: string;
  query?: Record<string, string | number | boolean>;
  headers: Record<string, string>;
  body?: string;
}

/** An HTTP response read to its end (within the size cap). */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

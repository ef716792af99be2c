/** The URL of the next page: the same request with only the cursor replaced. */
export function nextLink(requestUrl: string, cursor: string | null): string | null {
  if (cursor === null) return null;
  const url = new URL(requestUrl, 'http://hub.invalid');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}

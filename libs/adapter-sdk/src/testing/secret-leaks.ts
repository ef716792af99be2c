import { inspect } from 'node:util';

/** The forms a secret may take once it is embedded in a URL, a header or a JSON string. */
function secretForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  forms.add(Buffer.from(secret).toString('base64'));
  return [...forms].filter((form) => form.length >= 4);
}

function renderings(value: unknown): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const seen = new Set<unknown>();
  let current: unknown = value;
  let depth = 0;
  while (current !== undefined && current !== null && !seen.has(current) && depth < 20) {
    seen.add(current);
    const at = depth === 0 ? 'value' : `cause#${depth}`;
    out.push([`${at} inspect`, inspect(current, { depth: 12, showHidden: false, breakLength: Infinity })]);
    out.push([`${at} String()`, safe(() => String(current))]);
    out.push([`${at} JSON`, safe(() => JSON.stringify(current) ?? '')]);
    if (current instanceof Error) {
      out.push([`${at} message`, current.message]);
      out.push([`${at} stack`, current.stack ?? '']);
      const details = (current as { details?: unknown }).details;
      if (details !== undefined) out.push([`${at} details`, safe(() => JSON.stringify(details) ?? '')]);
      current = current.cause;
    } else {
      current = undefined;
    }
    depth++;
  }
  return out;
}

function safe(render: () => string): string {
  try {
    return render();
  } catch (error) {
    return `<unrenderable: ${(error as Error).message}>`;
  }
}

/**
 * Where any of `secrets` shows up in `value` (an error with its cause chain, details, JSON form and
 * stack, or any other value): one entry per leak, naming the rendering and the secret's index,
 * never the secret itself. Empty when nothing leaks.
 */
export function findSecretLeaks(value: unknown, secrets: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const [where, text] of renderings(value)) {
    secrets.forEach((secret, index) => {
      if (secretForms(secret).some((form) => text.includes(form))) leaks.push(`secret #${index} in ${where}`);
    });
  }
  return leaks;
}

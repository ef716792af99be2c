const REDACTED = '[redacted]';
const MIN_SECRET_LENGTH = 4;

/**
 * Removes known secrets (credentials and live tokens) from text taken from an upstream response
 * before it goes into an AdapterError or a log line, in their plain, URL-encoded, JSON-escaped
 * and base64 forms.
 */
export class SecretScrubber {
  private readonly secrets = new Set<string>();

  constructor(secrets: Iterable<string | undefined>) {
    for (const secret of secrets) this.add(secret);
  }

  add(secret: string | undefined): void {
    if (!secret || secret.length < MIN_SECRET_LENGTH) return;
    for (const form of [
      secret,
      encodeURIComponent(secret),
      JSON.stringify(secret).slice(1, -1),
      Buffer.from(secret).toString('base64'),
    ]) {
      if (form.length >= MIN_SECRET_LENGTH) this.secrets.add(form);
    }
  }

  scrub(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out;
  }
}

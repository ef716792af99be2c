import { type CrmAccount, type CrmCollections, type CrmContact, TIERS } from './crm-records';

export interface FieldProblem {
  field: string;
  message: string;
}

/** A request the CRM refuses: 400 for a malformed query, 422 for a body that fails validation. */
export class CrmRequestError extends Error {
  constructor(
    readonly statusCode: 400 | 422,
    readonly error: 'invalid_request' | 'validation_failed',
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
  }
}

type Mode = 'create' | 'update';
type FieldRule = { required: boolean; nullable?: boolean; check: (value: unknown) => string | undefined };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const text =
  (max: number) =>
  (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim().length > 0 && value.length <= max
      ? undefined
      : `a string of 1-${max} characters`;
const email = (value: unknown): string | undefined =>
  typeof value === 'string' && EMAIL.test(value) ? undefined : 'an e-mail address';

const ACCOUNT_RULES: Record<string, FieldRule> = {
  display_name: { required: true, check: text(80) },
  primary_email: { required: true, check: email },
  phone: { required: false, nullable: true, check: text(30) },
  tier: {
    required: false,
    check: (value) => ((TIERS as readonly unknown[]).includes(value) ? undefined : `one of ${TIERS.join(', ')}`),
  },
  billing_country: {
    required: false,
    check: (value) => (typeof value === 'string' && /^[A-Z]{2}$/.test(value) ? undefined : 'an ISO 3166 alpha-2 code'),
  },
};

const CONTACT_RULES: Record<string, FieldRule> = {
  account_id: { required: true, check: text(20) },
  first_name: { required: true, check: text(40) },
  last_name: { required: true, check: text(40) },
  primary_email: { required: true, check: email },
  phone: { required: false, nullable: true, check: text(30) },
  job_title: { required: false, nullable: true, check: text(60) },
};

function validate(rules: Record<string, FieldRule>, body: unknown, mode: Mode): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new CrmRequestError(422, 'validation_failed', 'The body must be a JSON object');
  }
  const problems: FieldProblem[] = [];
  for (const field of Object.keys(body)) {
    if (!rules[field]) problems.push({ field, message: 'is not a writable field' });
  }
  for (const [field, rule] of Object.entries(rules)) {
    const value = (body as Record<string, unknown>)[field];
    if (value === undefined) {
      if (mode === 'create' && rule.required) problems.push({ field, message: 'is required' });
    } else if (!(value === null && rule.nullable)) {
      const expected = rule.check(value);
      if (expected) problems.push({ field, message: `must be ${expected}` });
    }
  }
  if (problems.length > 0) throw new CrmRequestError(422, 'validation_failed', 'The record is invalid', problems);
  return body as Record<string, unknown>;
}

export function validateAccount(body: unknown, mode: Mode): Partial<CrmAccount> {
  return validate(ACCOUNT_RULES, body, mode) as Partial<CrmAccount>;
}

export function validateContact(body: unknown, mode: Mode, collections: CrmCollections): Partial<CrmContact> {
  const contact = validate(CONTACT_RULES, body, mode) as Partial<CrmContact>;
  if (contact.account_id !== undefined && !collections.accounts.has(contact.account_id)) {
    throw new CrmRequestError(422, 'validation_failed', 'The record is invalid', [
      { field: 'account_id', message: 'does not name an existing account' },
    ]);
  }
  return contact;
}

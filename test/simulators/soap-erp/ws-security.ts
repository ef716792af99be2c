import { timingSafeEqual } from 'node:crypto';
import { ErpFault } from './erp-fault';

export interface UsernameTokenCredentials {
  username: string;
  password: string;
}

const PASSWORD_TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

interface ParsedPassword {
  $value?: unknown;
  attributes?: { Type?: string };
}

/** Throws an AuthenticationFailed fault unless the SOAP headers carry a matching wsse:UsernameToken (PasswordText). */
export function requireUsernameToken(headers: unknown, expected: UsernameTokenCredentials): void {
  const token = (headers as { Security?: { UsernameToken?: { Username?: unknown; Password?: unknown } } } | undefined)
    ?.Security?.UsernameToken;
  if (!token) throw new ErpFault('AuthenticationFailed', 'A wsse:UsernameToken is required');
  const password = token.Password as string | ParsedPassword | undefined;
  const passwordType = typeof password === 'object' ? password?.attributes?.Type : undefined;
  if (passwordType !== undefined && passwordType !== PASSWORD_TEXT) {
    throw new ErpFault('AuthenticationFailed', 'Only the PasswordText password type is supported');
  }
  const passwordText = typeof password === 'object' ? String(password?.$value ?? '') : String(password ?? '');
  if (!sameText(String(token.Username ?? ''), expected.username) || !sameText(passwordText, expected.password)) {
    throw new ErpFault('AuthenticationFailed', 'The security token could not be authenticated');
  }
}

const KEY = 'trestle.console.credential';

/** The signed-in credential (API key or bearer token), kept for this browser tab only. */
export class SessionStore {
  get credential(): string | null {
    return sessionStorage.getItem(KEY);
  }

  signIn(credential: string): void {
    sessionStorage.setItem(KEY, credential);
  }

  signOut(): void {
    sessionStorage.removeItem(KEY);
  }

  get kind(): 'api-key' | 'token' | null {
    const credential = this.credential;
    if (!credential) return null;
    return credential.startsWith('trk_') ? 'api-key' : 'token';
  }
}

import { ApiError, describeError } from '../api/problem';
import { h } from '../dom/element';
import type { Page } from '../shell/page';

export const signInPage: Page = {
  title: 'Sign in',
  render({ api, session, query }) {
    const input = h('input', {
      id: 'credential',
      name: 'credential',
      type: 'password',
      required: true,
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': 'credential-hint credential-error',
    });
    const error = h('p', { id: 'credential-error', class: 'field-error', role: 'alert' });
    const submit = h('button', { type: 'submit' }, 'Sign in');
    const form = h(
      'form',
      { class: 'card sign-in', novalidate: true },
      h('h1', {}, 'Sign in to Trestle'),
      query.get('expired')
        ? h('p', { class: 'notice' }, 'Your session ended or your key was revoked. Sign in again.')
        : null,
      h('label', { for: 'credential' }, 'API key or bearer token'),
      input,
      h(
        'p',
        { id: 'credential-hint', class: 'hint' },
        'An API key starts with trk_; a JWT from your identity provider works too. It is kept for this tab only.',
      ),
      error,
      submit,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const credential = input.value.trim();
      error.textContent = '';
      input.removeAttribute('aria-invalid');
      if (!credential) return refuse('Enter an API key or a bearer token.');
      submit.disabled = true;
      submit.textContent = 'Checking…';
      try {
        await api.probe(credential);
        session.signIn(credential);
        window.dispatchEvent(new Event('trestle:signed-in'));
      } catch (failure) {
        refuse(
          failure instanceof ApiError && failure.status === 401
            ? `The hub refused this key or token: ${(failure.problem.detail ?? 'it is not valid').replace(/\.$/, '')}.`
            : describeError(failure),
        );
      } finally {
        submit.disabled = false;
        submit.textContent = 'Sign in';
      }
    });

    function refuse(message: string): void {
      error.textContent = message;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }

    return h('div', { class: 'page page-narrow' }, form);
  },
};

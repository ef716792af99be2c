import { h, replaceChildren, uniqueId } from '../dom/element';

/** Name/secret rows for a connection's credentials. Stored secrets are never shown, only their names. */
export class CredentialsEditor {
  readonly element: HTMLFieldSetElement;
  private readonly rows = h('div', { class: 'credential-rows' });

  constructor(storedNames: string[]) {
    const stored = storedNames.length
      ? h(
          'p',
          { class: 'hint', id: 'credentials-stored' },
          'Stored: ',
          storedNames.flatMap((name, index) => [index ? ', ' : '', h('code', { 'data-credential-name': name }, name)]),
          '. Values are never shown. Leave the rows empty to keep them; entering any value replaces all stored credentials.',
        )
      : h(
          'p',
          { class: 'hint', id: 'credentials-stored' },
          'No credentials stored. Secrets are encrypted at rest and never shown again.',
        );
    this.element = h(
      'fieldset',
      { id: 'credentials', class: 'credentials', 'aria-describedby': 'credentials-stored' },
      h('legend', {}, 'Credentials'),
      stored,
      this.rows,
      h(
        'button',
        { type: 'button', class: 'button-small button-secondary', onclick: () => this.addRow('') },
        'Add credential',
      ),
    );
    for (const name of storedNames) this.addRow(name);
  }

  /** Offers one empty row per name the adapter expects, unless the operator already typed something. */
  suggest(names: string[]): void {
    if (this.value() !== undefined) return;
    replaceChildren(this.rows);
    for (const name of names) this.addRow(name);
  }

  /** The credentials to send, or undefined when every value is empty (keep what is stored). */
  value(): Record<string, string> | undefined {
    const entries = [...this.rows.querySelectorAll<HTMLElement>('.credential-row')]
      .map((row) => [
        row.querySelector<HTMLInputElement>('input[data-part="name"]')!.value.trim(),
        row.querySelector<HTMLInputElement>('input[data-part="value"]')!.value,
      ])
      .filter(([name, secret]) => name && secret);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }

  private addRow(name: string): void {
    const nameId = uniqueId('credential-name');
    const valueId = uniqueId('credential-value');
    const row = h(
      'div',
      { class: 'credential-row' },
      h('label', { for: nameId }, 'Name'),
      h('input', { id: nameId, 'data-part': 'name', value: name, autocomplete: 'off' }),
      h('label', { for: valueId }, 'Secret'),
      h('input', { id: valueId, 'data-part': 'value', type: 'password', autocomplete: 'new-password' }),
    );
    const remove = h(
      'button',
      { type: 'button', class: 'button-quiet', 'aria-label': 'Remove this credential' },
      'Remove',
    );
    remove.addEventListener('click', () => row.remove());
    row.append(remove);
    this.rows.append(row);
  }
}

import type { ApiClient } from '../api/api-client';
import type { AdapterKind, Connection } from '../api/hub-types';
import { ApiError, describeError } from '../api/problem';
import { h, replaceChildren } from '../dom/element';
import { CredentialsEditor } from './credentials-editor';
import { parseObjectText } from './definition-text';
import { FieldSlot, showFieldErrors } from './field-errors';

export interface ConnectionFormOptions {
  api: ApiClient;
  adapters: AdapterKind[];
  /** Absent: the form creates a connection. */
  existing?: Connection;
  onSaved(connection: Connection): void;
}

/** Create or edit a connection from a connector definition pasted or loaded as YAML or JSON. */
export function connectionForm({ api, adapters, existing, onSaved }: ConnectionFormOptions): HTMLFormElement {
  const editing = existing !== undefined;
  const name = h('input', {
    id: 'connection-name',
    name: 'name',
    required: true,
    autocomplete: 'off',
    pattern: '[a-z0-9][a-z0-9\\-]{0,99}',
    'aria-describedby': 'connection-name-hint',
  });
  const definition = h('textarea', {
    id: 'connection-definition',
    name: 'definition',
    rows: editing ? 6 : 16,
    spellcheck: 'false',
    class: 'code',
    required: !editing,
    'aria-describedby': 'connection-definition-hint',
  });
  const file = h('input', { id: 'connection-definition-file', type: 'file', accept: '.yaml,.yml,.json' });
  const settings = h('textarea', {
    id: 'connection-settings',
    name: 'settings',
    rows: 5,
    spellcheck: 'false',
    class: 'code',
    'aria-describedby': 'connection-settings-hint',
  });
  settings.value = existing ? JSON.stringify(existing.settings, null, 2) : '';
  const settingsHint = h(
    'p',
    { class: 'hint', id: 'connection-settings-hint' },
    'YAML or JSON object; overrides the definition’s own settings key by key.',
  );
  const credentials = new CredentialsEditor(existing?.credentialsSet ?? []);
  const formError = h('div', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit' }, editing ? 'Save changes' : 'Create connection');

  const slots = [
    ...(editing ? [] : [new FieldSlot('name', name)]),
    new FieldSlot('definition', definition),
    new FieldSlot('settings', settings),
    new FieldSlot('credentials', credentials.element),
  ];
  const slot = (key: string) => slots.find((candidate) => candidate.key === key)!;

  const describeAdapter = () => {
    const parsed = definition.value.trim() ? parseObjectText(definition.value, 'The definition') : undefined;
    const named = parsed?.ok ? parsed.value.adapter : existing?.adapter;
    const kind = adapters.find((adapter) => adapter.kind === named);
    if (!kind) return;
    const fields = Object.keys(kind.settingsSchema.properties ?? {});
    const required = new Set(kind.settingsSchema.required ?? []);
    replaceChildren(
      settingsHint,
      `Settings of the ${kind.displayName ?? kind.kind} adapter: `,
      fields.flatMap((field, index) => [
        index ? ', ' : '',
        h('code', {}, field),
        required.has(field) ? ' (required)' : '',
      ]),
      '. YAML or JSON; overrides the definition’s own settings key by key.',
    );
    if (!editing) credentials.suggest(Object.keys(kind.credentialsSchema?.properties ?? {}));
  };
  definition.addEventListener('input', describeAdapter);
  describeAdapter();
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    definition.value = await chosen.text();
    describeAdapter();
  });

  const form = h(
    'form',
    { class: 'card connection-form', novalidate: true, 'aria-labelledby': 'connection-form-title' },
    h(
      'h2',
      { id: 'connection-form-title' },
      editing ? 'Edit settings and credentials' : 'Definition, settings and credentials',
    ),
    editing
      ? null
      : h(
          'div',
          { class: 'field' },
          h('label', { for: name.id }, 'Name'),
          name,
          h(
            'p',
            { class: 'hint', id: 'connection-name-hint' },
            'Lowercase letters, digits and dashes, unique in your tenant.',
          ),
          slot('name').errors,
        ),
    h(
      'div',
      { class: 'field' },
      h(
        'label',
        { for: definition.id },
        editing ? 'Replace the connector definition (optional)' : 'Connector definition',
      ),
      definition,
      h(
        'p',
        { class: 'hint', id: 'connection-definition-hint' },
        editing
          ? `Now: ${existing.definition.name} v${existing.definition.version}. Leave empty to keep it.`
          : 'Paste YAML or JSON, or load a file. Its `adapter` picks the adapter kind.',
      ),
      h('div', { class: 'file-pick' }, h('label', { for: file.id }, 'Load definition from a file'), file),
      slot('definition').errors,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: settings.id }, 'Settings'),
      settings,
      settingsHint,
      slot('settings').errors,
    ),
    h('div', { class: 'field' }, credentials.element, slot('credentials').errors),
    formError,
    h('div', { class: 'actions' }, submit),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replaceChildren(formError);
    const clientErrors: { field: string; message: string }[] = [];
    const body: Record<string, unknown> = {};
    if (!editing) body.name = name.value.trim();
    if (definition.value.trim()) {
      const parsed = parseObjectText(definition.value, 'The definition');
      if (parsed.ok) body.definition = parsed.value;
      else clientErrors.push({ field: 'definition', message: parsed.message });
    } else if (!editing) clientErrors.push({ field: 'definition', message: 'Paste or load a connector definition.' });
    if (settings.value.trim()) {
      const parsed = parseObjectText(settings.value, 'Settings');
      if (parsed.ok) body.settings = parsed.value;
      else clientErrors.push({ field: 'settings', message: parsed.message });
    } else body.settings = {};
    const secrets = credentials.value();
    if (secrets) body.credentials = secrets;
    if (clientErrors.length) return reject(clientErrors, 'Fix the fields marked below.');

    submit.disabled = true;
    try {
      const saved = editing
        ? await api.patch<Connection>(`/v1/connections/${existing.id}`, body)
        : await api.post<Connection>('/v1/connections', body);
      showFieldErrors(slots, []);
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length) reject(error.fieldErrors, describeError(error));
      else replaceChildren(formError, describeError(error));
    } finally {
      submit.disabled = false;
    }
  });

  function reject(errors: { field: string; message: string }[], summary: string): void {
    const unowned = showFieldErrors(slots, errors);
    replaceChildren(
      formError,
      h('p', {}, `Not saved. ${summary}`),
      unowned.length
        ? h(
            'ul',
            {},
            unowned.map((error) => h('li', {}, `${error.field}: ${error.message}`)),
          )
        : null,
    );
    const firstInvalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    (firstInvalid instanceof HTMLFieldSetElement ? firstInvalid.querySelector('input') : firstInvalid)?.focus();
  }

  return form;
}

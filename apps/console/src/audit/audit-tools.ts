import type { ApiClient, Query } from '../api/api-client';
import type { AuditVerification } from '../api/hub-types';
import { describeError } from '../api/problem';
import { h, replaceChildren } from '../dom/element';
import { badge } from '../ui/badge';

/** Export (NDJSON, CSV) of the filtered events as a download, and the hash-chain verification. */
export function auditTools(api: ApiClient, filters: () => Query, announce: (message: string) => void): HTMLElement {
  const result = h('div', { class: 'tool-result', role: 'status', id: 'audit-tool-result' });

  const exportAs = async (format: 'ndjson' | 'csv', button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      const { blob, filename } = await api.download('/v1/audit/export', { ...filters(), format });
      const url = URL.createObjectURL(blob);
      const anchor = h('a', { href: url, download: filename, hidden: true });
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      replaceChildren(result, `Exported ${filename} (${blob.size} bytes, signed).`);
      announce(`Audit export ${filename} downloaded.`);
    } catch (error) {
      replaceChildren(result, describeError(error));
    } finally {
      button.disabled = false;
    }
  };

  const verify = async (button: HTMLButtonElement) => {
    button.disabled = true;
    replaceChildren(result, 'Verifying the hash chain…');
    try {
      const outcome = await api.post<AuditVerification>('/v1/audit/verify');
      replaceChildren(result, verificationView(outcome));
      announce(outcome.ok ? `Audit chain intact: ${outcome.checked} events checked.` : 'Audit chain broken.');
    } catch (error) {
      replaceChildren(result, describeError(error));
    } finally {
      button.disabled = false;
    }
  };

  const button = (label: string, action: (self: HTMLButtonElement) => void) => {
    const element = h('button', { type: 'button', class: 'button-secondary' }, label);
    element.addEventListener('click', () => action(element));
    return element;
  };

  return h(
    'section',
    { class: 'card tools', 'aria-labelledby': 'audit-tools-title' },
    h('h2', { id: 'audit-tools-title' }, 'Export and verify'),
    h(
      'div',
      { class: 'actions' },
      button('Export NDJSON', (self) => void exportAs('ndjson', self)),
      button('Export CSV', (self) => void exportAs('csv', self)),
      button('Verify chain', (self) => void verify(self)),
    ),
    result,
  );
}

function verificationView(outcome: AuditVerification): HTMLElement {
  const range = outcome.firstSeq === null ? '' : ` (seq ${outcome.firstSeq}–${outcome.lastSeq})`;
  return h(
    'p',
    { 'data-verified': String(outcome.ok) },
    badge(outcome.ok ? 'chain intact' : 'chain broken', outcome.ok ? 'ok' : 'bad'),
    ` ${outcome.checked} events checked${range}.`,
    outcome.failure
      ? ` First problem at seq ${outcome.failure.seq}: ${outcome.failure.problem} — ${outcome.failure.detail}`
      : '',
  );
}

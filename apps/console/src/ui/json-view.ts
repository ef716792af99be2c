import { h } from '../dom/element';

/** Pretty-printed JSON in a labelled, focusable block (long records scroll). */
export function jsonView(label: string, value: unknown): HTMLElement {
  return h(
    'figure',
    { class: 'json-view' },
    h('figcaption', {}, label),
    h('pre', { tabindex: 0 }, h('code', {}, JSON.stringify(value, null, 2) ?? 'undefined')),
  );
}

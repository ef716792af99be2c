import { describeError } from '../api/problem';
import { h } from '../dom/element';

export function loadingState(what: string): HTMLElement {
  return h('p', { class: 'state state-loading', role: 'status' }, `Loading ${what}…`);
}

export function emptyState(title: string, text: string, ...actions: HTMLElement[]): HTMLElement {
  return h('div', { class: 'state state-empty' }, h('p', { class: 'state-title' }, title), h('p', {}, text), actions);
}

export function errorState(error: unknown): HTMLElement {
  return h('div', { class: 'state state-error', role: 'alert' }, h('p', {}, describeError(error)));
}

/** The hub answers 404 for a module that is not part of this deployment. */
export function notEnabledState(feature: string, detail: string): HTMLElement {
  return h(
    'div',
    { class: 'state state-disabled', 'data-state': 'not-enabled' },
    h('p', { class: 'state-title' }, `${feature} not enabled`),
    h('p', {}, detail),
  );
}

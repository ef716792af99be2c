import { h } from '../dom/element';

export type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

export function badge(text: string, tone: Tone): HTMLElement {
  return h('span', { class: `badge badge-${tone}` }, text);
}

export function breakerBadge(state: string): HTMLElement {
  const tone: Tone = state === 'closed' ? 'ok' : state === 'half-open' ? 'warn' : state === 'open' ? 'bad' : 'neutral';
  return badge(`breaker ${state}`, tone);
}

export function statusBadge(status: string): HTMLElement {
  const tone: Tone = /succe|complete|done|ok|success/.test(status)
    ? 'ok'
    : /fail|error|dead/.test(status)
      ? 'bad'
      : /cancel/.test(status)
        ? 'neutral'
        : 'warn';
  return badge(status, tone);
}

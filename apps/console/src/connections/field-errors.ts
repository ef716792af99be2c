import type { FieldError } from '../api/problem';
import { h, replaceChildren } from '../dom/element';

/** One form control with the place its errors are written, wired with aria-describedby and aria-invalid. */
export class FieldSlot {
  readonly errors: HTMLUListElement;

  constructor(
    readonly key: string,
    readonly control: HTMLElement,
  ) {
    this.errors = h('ul', { id: `${control.id}-errors`, class: 'field-errors' });
    const describedBy = [control.getAttribute('aria-describedby'), this.errors.id].filter(Boolean).join(' ');
    control.setAttribute('aria-describedby', describedBy);
  }

  show(errors: FieldError[]): void {
    replaceChildren(
      this.errors,
      errors.map((error) =>
        h(
          'li',
          {},
          error.field !== this.key ? h('code', {}, error.field.slice(this.key.length + 1)) : null,
          error.field !== this.key ? ': ' : null,
          error.message,
        ),
      ),
    );
    if (errors.length > 0) this.control.setAttribute('aria-invalid', 'true');
    else this.control.removeAttribute('aria-invalid');
  }
}

/**
 * Writes each problem+json `errors[]` entry next to the control its `field` path starts with
 * (`definition.entities.customer…` goes to the definition); returns the ones no control owns.
 */
export function showFieldErrors(slots: FieldSlot[], errors: FieldError[]): FieldError[] {
  const owned = new Set<FieldError>();
  for (const slot of slots) {
    const mine = errors.filter((error) => error.field === slot.key || error.field.startsWith(`${slot.key}.`));
    mine.forEach((error) => owned.add(error));
    slot.show(mine);
  }
  return errors.filter((error) => !owned.has(error));
}

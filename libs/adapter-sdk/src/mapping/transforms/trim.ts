import { textTransform } from './text-transform';

/** Removes surrounding whitespace (fixed-width CHAR padding). Written back as given. */
export const trimTransform = textTransform('trim', (text) => text.trim());

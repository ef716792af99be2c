import { textTransform } from './text-transform';

/** Lower-cases a string (e-mail addresses, codes). Written back as given. */
export const lowerTransform = textTransform('lower', (text) => text.toLowerCase());

import { textTransform } from './text-transform';

/** Upper-cases a string. Written back as given. */
export const upperTransform = textTransform('upper', (text) => text.toUpperCase());

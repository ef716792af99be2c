import { joinValues, separatorArgument, splitText } from './split';
import { defineTransform } from './transform';

/** `{ join: ', ' }`: ['a', 'b'] -> 'a, b'. Written back by splitting. */
export const joinTransform = defineTransform<string>({
  name: 'join',
  bareAllowed: false,
  wholeArray: true,
  prepare: ({ argument }) => separatorArgument(argument, 'join'),
  read: (value, separator) => joinValues(value, separator),
  write: (value, separator) => splitText(value, separator),
});

import { AdapterError } from '@trestle/adapter-sdk';

/** A query whose `:name` parameters were turned into the dialect's placeholders, in order. */
export interface CompiledQuery {
  text: string;
  names: string[];
}

/**
 * Replaces `:name` parameters with placeholders, leaving string literals, quoted identifiers,
 * comments and PostgreSQL `::type` casts alone. `firstIndex` is the 1-based index of the first
 * placeholder (so the query can be embedded in a larger statement).
 */
export function compileNamedParameters(
  query: string,
  placeholder: (index: number) => string,
  firstIndex = 1,
): CompiledQuery {
  const names: string[] = [];
  let text = '';
  let i = 0;
  while (i < query.length) {
    const char = query[i];
    const next = query[i + 1];
    if (char === "'" || char === '"' || char === '`') {
      const end = closingQuote(query, i, char);
      text += query.slice(i, end);
      i = end;
    } else if (char === '-' && next === '-') {
      const end = query.indexOf('\n', i);
      const stop = end === -1 ? query.length : end;
      text += query.slice(i, stop);
      i = stop;
    } else if (char === '/' && next === '*') {
      const end = query.indexOf('*/', i + 2);
      const stop = end === -1 ? query.length : end + 2;
      text += query.slice(i, stop);
      i = stop;
    } else if (char === ':' && next === ':') {
      text += '::';
      i += 2;
    } else if (char === ':' && /[A-Za-z_]/.test(next ?? '')) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(query.slice(i + 1))!;
      names.push(match[0]);
      text += placeholder(firstIndex + names.length - 1);
      i += 1 + match[0].length;
    } else {
      text += char;
      i++;
    }
  }
  return { text, names };
}

function closingQuote(query: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < query.length) {
    if (query[i] === quote) {
      if (query[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    if (query[i] === '\\' && quote !== '"') i++;
    i++;
  }
  return query.length;
}

/** The values of a compiled query's parameters from the call's arguments; every one must be given. */
export function bindArguments(compiled: CompiledQuery, args: Record<string, unknown>, operation: string): unknown[] {
  const known = new Set(compiled.names);
  const unknown = Object.keys(args).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new AdapterError('rejected', `operation '${operation}' takes no argument named ${unknown.join(', ')}`, {
      details: { operation, unknown },
    });
  }
  return compiled.names.map((name) => {
    if (!(name in args)) {
      throw new AdapterError('rejected', `operation '${operation}' needs argument '${name}'`, {
        details: { operation },
      });
    }
    const value = args[name];
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      throw new AdapterError('rejected', `argument '${name}' of '${operation}' must be a scalar`, {
        details: { operation },
      });
    }
    return value;
  });
}

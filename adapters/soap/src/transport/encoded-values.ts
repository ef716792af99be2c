const ENCODING_ATTRIBUTE = /^([\w.-]+:(type|nil|encodingStyle|root|arrayType|offset|position)|id|href)$/;
const NUMBER_TYPES = new Set([
  'int',
  'short',
  'byte',
  'long',
  'integer',
  'unsignedInt',
  'unsignedShort',
  'double',
  'float',
]);

/**
 * Strips SOAP-encoding noise from a node-soap result, in place: attributes that only describe the
 * encoding (`xsi:type`, `soapenc:arrayType`, multiRef `id`/`href`, ...) are dropped, and an element
 * left with nothing but its text becomes that text, typed by its `xsi:type` like document/literal
 * values (ints and booleans; decimals and dates stay exact strings). Other attributes are kept.
 */
export function simplifyEncoded(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = simplifyEncoded(value[index]);
    return value;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const record = value as Record<string, unknown>;
  let xsiType: string | undefined;
  const attributes = record.attributes as Record<string, unknown> | undefined;
  if (attributes && typeof attributes === 'object') {
    for (const name of Object.keys(attributes)) {
      if (!ENCODING_ATTRIBUTE.test(name)) continue;
      if (name.endsWith(':type') && typeof attributes[name] === 'string') xsiType = attributes[name] as string;
      delete attributes[name];
    }
    if (Object.keys(attributes).length === 0) delete record.attributes;
  }
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === '$value') return typed(record.$value, xsiType);
  for (const key of keys) record[key] = simplifyEncoded(record[key]);
  return record;
}

function typed(value: unknown, xsiType: string | undefined): unknown {
  if (typeof value !== 'string' || !xsiType) return value;
  const type = xsiType.slice(xsiType.indexOf(':') + 1);
  if (type === 'boolean') return value === 'true' || value === '1';
  if (NUMBER_TYPES.has(type)) {
    const number = Number(value);
    return Number.isFinite(number) && (Number.isSafeInteger(number) || !Number.isInteger(number)) ? number : value;
  }
  return value;
}

/** Minimal typing of the sax parser this module uses (sax ships without type declarations). */
interface SaxTag {
  name: string;
  attributes: Record<string, string>;
}
interface SaxParser {
  onopentag: (tag: SaxTag) => void;
  onclosetag: () => void;
  ontext: (text: string) => void;
  oncdata: (text: string) => void;
  onerror: (error: Error) => void;
  write(chunk: string): SaxParser;
  close(): SaxParser;
}
interface SaxModule {
  parser(strict: boolean, options: { strictEntities?: boolean; trim?: boolean; position?: boolean }): SaxParser;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sax = require('sax') as SaxModule;

/** XML that is refused or not well-formed. */
export class XmlParseError extends Error {
  override name = 'XmlParseError';
}

const MAX_DEPTH = 256;
const ATTRIBUTE_PREFIX = '@';
const TEXT_KEY = '#text';

interface Frame {
  name: string;
  attributes: Record<string, string>;
  children: Array<[string, unknown]>;
  text: string;
}

/**
 * Parses XML into plain objects: `<a x="1"><b>t</b><b>u</b></a>` becomes
 * `{ a: { '@x': '1', b: ['t', 'u'] } }`. Element names lose their namespace prefix, repeated
 * children become arrays, an element with neither attributes nor children becomes its text, and
 * mixed text goes under `#text`; an empty element marked `nil="true"` (any prefix) is null. A document type declaration is refused outright, so no DTD is read
 * and no entity is expanded beyond XML's five predefined ones and character references.
 */
export function parseXml(text: string): Record<string, unknown> {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new XmlParseError('XML with a document type declaration is refused');
  }
  const parser = sax.parser(true, { strictEntities: true, trim: false, position: false });
  const stack: Frame[] = [];
  let root: Record<string, unknown> | undefined;
  parser.onerror = (error) => {
    throw new XmlParseError(`malformed XML: ${error.message.split('\n')[0]}`);
  };
  parser.onopentag = (tag) => {
    if (stack.length >= MAX_DEPTH) throw new XmlParseError(`XML nested deeper than ${MAX_DEPTH} elements`);
    stack.push({ name: localName(tag.name), attributes: tag.attributes, children: [], text: '' });
  };
  parser.ontext = (chunk) => {
    if (stack.length > 0) stack[stack.length - 1].text += chunk;
  };
  parser.oncdata = parser.ontext;
  parser.onclosetag = () => {
    const frame = stack.pop()!;
    const value = elementValue(frame);
    if (stack.length > 0) stack[stack.length - 1].children.push([frame.name, value]);
    else root = { [frame.name]: value };
  };
  parser.write(text).close();
  if (!root) throw new XmlParseError('XML has no root element');
  return root;
}

function elementValue(frame: Frame): unknown {
  const attributes = Object.entries(frame.attributes).filter(
    ([name]) => name !== 'xmlns' && !name.startsWith('xmlns:'),
  );
  if (frame.children.length === 0 && frame.text === '' && isNil(attributes)) return null;
  if (attributes.length === 0 && frame.children.length === 0) return frame.text;
  const value: Record<string, unknown> = Object.create(null);
  for (const [name, attribute] of attributes) value[ATTRIBUTE_PREFIX + localName(name)] = attribute;
  for (const [name, child] of frame.children) {
    const existing = value[name];
    if (existing === undefined) value[name] = child;
    else if (Array.isArray(existing)) existing.push(child);
    else value[name] = [existing, child];
  }
  if (frame.text.trim() !== '') value[TEXT_KEY] = frame.text;
  return { ...value };
}

function isNil(attributes: Array<[string, string]>): boolean {
  return attributes.length === 1 && localName(attributes[0][0]) === 'nil' && attributes[0][1] === 'true';
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Writes a record as an XML document under `root`: nested objects become nested elements, arrays
 * repeat their element, `@name` keys become attributes, null and undefined are left out.
 */
export function writeXml(root: string, record: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${element(root, record)}`;
}

function element(name: string, value: unknown): string {
  if (!XML_NAME.test(name)) throw new XmlParseError(`'${name}' is not a valid XML element name`);
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join('');
  if (typeof value !== 'object') return `<${name}>${escapeXml(String(value))}</${name}>`;
  let attributes = '';
  let children = '';
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key === TEXT_KEY) children += escapeXml(String(child));
    else if (key.startsWith(ATTRIBUTE_PREFIX)) {
      const attribute = key.slice(ATTRIBUTE_PREFIX.length);
      if (!XML_NAME.test(attribute)) throw new XmlParseError(`'${attribute}' is not a valid XML attribute name`);
      if (child !== null && child !== undefined) attributes += ` ${attribute}="${escapeXml(String(child))}"`;
    } else children += element(key, child);
  }
  return `<${name}${attributes}>${children}</${name}>`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One flat record as an XML document: `<root><field>value</field>...</root>`, null fields as empty elements with nil="true". */
export function recordToXml(root: string, record: object): string {
  const fields = Object.entries(record)
    .map(([name, value]) =>
      value === null || value === undefined
        ? `<${name} nil="true"/>`
        : `<${name}>${escapeXml(String(value))}</${name}>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}>${fields}</${root}>\n`;
}

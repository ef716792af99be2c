import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import definitionSchema from '../../schema/connector-definition.schema.json';
import type { ConnectorDefinition } from '../connector-definition';
import { ConnectorDefinitionError } from './connector-definition-error';
import { insideTransform, semanticIssues } from './definition-checks';
import { schemaIssues, validatorFor } from './schema-issues';

/** How to read a definition's text. */
export interface ParseDefinitionOptions {
  /** `yaml` or `json`; guessed from `source`'s extension, else from the text. */
  format?: 'yaml' | 'json';
  /** Where the text came from, named in errors. */
  source?: string;
}

/** The published JSON Schema (draft 2020-12) of connector definitions. */
export const CONNECTOR_DEFINITION_SCHEMA: Readonly<Record<string, unknown>> = definitionSchema;

/**
 * Parses and validates a connector definition (YAML or JSON) against the published JSON Schema and
 * the closed transform set. Throws ConnectorDefinitionError listing every issue with its JSON
 * pointer (e.g. `/entities/customer/fields/name/transforms/0: unknown transform 'trimm'`).
 * A numeric `version` is read as its string.
 */
export function parseConnectorDefinition(text: string, options: ParseDefinitionOptions = {}): ConnectorDefinition {
  const raw = parseText(text, formatOf(text, options), options.source);
  const validate = validatorFor(definitionSchema);
  const valid = validate(raw);
  const issues = [
    ...(valid ? [] : schemaIssues(validate.errors, '', insideTransform)),
    ...(raw !== null && typeof raw === 'object' && !Array.isArray(raw)
      ? semanticIssues(raw as ConnectorDefinition)
      : []),
  ];
  if (issues.length > 0) throw new ConnectorDefinitionError(issues, options.source);
  const definition = raw as ConnectorDefinition;
  return { ...definition, version: String(definition.version) };
}

/** Reads a connector definition file (`.yaml`, `.yml` or `.json`) and validates it like parseConnectorDefinition. */
export async function loadConnectorDefinition(path: string): Promise<ConnectorDefinition> {
  return parseConnectorDefinition(await readFile(path, 'utf8'), { source: path });
}

function formatOf(text: string, options: ParseDefinitionOptions): 'yaml' | 'json' {
  if (options.format) return options.format;
  const extension = options.source ? extname(options.source).toLowerCase() : '';
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

function parseText(text: string, format: 'yaml' | 'json', source?: string): unknown {
  if (format === 'json') {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ConnectorDefinitionError(
        [{ path: '', message: `not valid JSON: ${(error as Error).message}` }],
        source,
      );
    }
  }
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConnectorDefinitionError(
      document.errors.map((error) => ({ path: '', message: `not valid YAML: ${error.message.split('\n')[0]}` })),
      source,
    );
  }
  return document.toJS({ maxAliasCount: 100 });
}

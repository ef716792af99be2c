import { InferenceError, InferenceErrorCode } from '../inference-error';
import type { ModelInput } from '../providers/inference-provider';
import type { DatePart, FeatureDeclaration, ModelInputDeclaration } from './model-declaration';

/** A canonical record as the pipeline hands it over: `id` plus its fields. */
export interface EnrichableRecord {
  id: string;
  [field: string]: unknown;
}

/** Turns one record into a model input; `columns` names each number of a tensor row. */
export interface InputBuilder {
  readonly columns: string[];
  build(record: EnrichableRecord): ModelInput;
}

type Column = (record: EnrichableRecord) => number[];

export function compileInputBuilder(model: string, input: ModelInputDeclaration): InputBuilder {
  if (input.kind === 'text') {
    return { columns: [], build: (record) => renderTemplate(input.template, record) };
  }
  const compiled = input.features.map((feature) => ({ feature, column: compileFeature(model, feature) }));
  return {
    columns: input.features.flatMap((feature) =>
      feature.builder === 'one-hot' ? feature.values.map((value) => `${feature.name}_${value}`) : [feature.name],
    ),
    build: (record) => compiled.flatMap(({ column }) => column(record)),
  };
}

function compileFeature(model: string, feature: FeatureDeclaration): Column {
  const invalid = (message: string) =>
    new InferenceError(InferenceErrorCode.InvalidInput, `feature '${feature.name}' (${feature.field}): ${message}`, {
      model,
    });
  if (feature.builder === 'one-hot') {
    return (record) => {
      const value = readPath(record, feature.field);
      return feature.values.map((candidate) => (value !== undefined && String(value) === candidate ? 1 : 0));
    };
  }
  const missing = feature.missing ?? 0;
  const transform = feature.transform === 'log1p' ? Math.log1p : (value: number) => value;
  const scalar = (read: (value: unknown, record: EnrichableRecord) => number): Column => {
    return (record) => {
      const value = readPath(record, feature.field);
      if (value === undefined || value === null) return [missing];
      const number = read(value, record);
      if (!Number.isFinite(number)) throw invalid('is not a finite number');
      return [transform(number)];
    };
  };
  switch (feature.builder) {
    case 'numeric':
      return scalar((value) => toNumber(value, invalid));
    case 'money':
      return scalar((value) =>
        toNumber(typeof value === 'object' ? (value as { amount?: unknown }).amount : value, invalid),
      );
    case 'boolean':
      return scalar((value) => {
        if (typeof value !== 'boolean') throw invalid('is not a boolean');
        return value ? 1 : 0;
      });
    case 'string-length':
      return scalar((value) => {
        if (typeof value !== 'string') throw invalid('is not a string');
        return [...value].length;
      });
    case 'array-length':
      return scalar((value) => {
        if (!Array.isArray(value)) throw invalid('is not a list');
        return value.length;
      });
    case 'array-sum':
      return scalar((value) => {
        if (!Array.isArray(value)) throw invalid('is not a list');
        let sum = 0;
        for (const item of value) {
          const term = toNumber(readPath(item, feature.item) ?? 0, invalid);
          sum += feature.times === undefined ? term : term * toNumber(readPath(item, feature.times) ?? 0, invalid);
        }
        return sum;
      });
    case 'date-part':
      return scalar((value) => {
        const time = typeof value === 'string' ? Date.parse(value) : NaN;
        if (Number.isNaN(time)) throw invalid('is not an ISO 8601 date');
        return datePart(new Date(time), feature.part);
      });
  }
}

function datePart(date: Date, part: DatePart): number {
  switch (part) {
    case 'year':
      return date.getUTCFullYear();
    case 'month':
      return date.getUTCMonth() + 1;
    case 'dayOfMonth':
      return date.getUTCDate();
    case 'dayOfWeek':
      return (date.getUTCDay() + 6) % 7;
    case 'dayOfYear':
      return Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
    case 'hour':
      return date.getUTCHours();
    case 'isWeekend':
      return date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 1 : 0;
  }
}

function toNumber(value: unknown, invalid: (message: string) => InferenceError): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(value)) return Number(value);
  throw invalid(`${JSON.stringify(value)?.slice(0, 40)} is not a number`);
}

function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** `{name} <{email}>`: each `{path}` becomes the field's text, absent fields become empty. */
function renderTemplate(template: string, record: EnrichableRecord): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_.]*)\}/g, (_, path: string) => {
    const value = readPath(record, path);
    if (value === undefined || value === null) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

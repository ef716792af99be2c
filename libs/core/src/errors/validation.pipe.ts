import { ArgumentMetadata, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { FieldError, ProblemException } from './problem.exception';

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

const REMEMBERED_QUERIES = 500;
const NOT_DTOS: ReadonlySet<unknown> = new Set([Object, Array, String, Number, Boolean]);

/**
 * A query string (or the arguments of a GraphQL field) validates to the same DTO every time (the
 * DTO rules are static), and clients repeat the same few: each distinct valid query is transformed
 * and validated once, then answered with a copy of the remembered instance. Request bodies and
 * failures always go the long way.
 */
class QueryRememberingValidationPipe extends ValidationPipe {
  private readonly remembered = new WeakMap<Function, LRUCache<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    const remembers = metadata.type !== 'body' && metadata.type !== 'custom' && type && !NOT_DTOS.has(type);
    if (!remembers || value === null || typeof value !== 'object') return super.transform(value, metadata);
    let known = this.remembered.get(type);
    if (!known) {
      known = new LRUCache<string, object>({ max: REMEMBERED_QUERIES });
      this.remembered.set(type, known);
    }
    const key = JSON.stringify(value);
    const found = known.get(key);
    if (found) return copyOf(found);
    const validated = (await super.transform(value, metadata)) as unknown;
    if (validated !== null && typeof validated === 'object') known.set(key, copyOf(validated));
    return validated;
  }
}

function copyOf(instance: object): object {
  return Object.assign(Object.create(Object.getPrototypeOf(instance) as object | null) as object, instance);
}

/**
 * Validates and transforms every DTO; unknown fields are rejected so typos never pass silently.
 * Pass `expectedType` where the parameter's class is only known at run time (generated controllers).
 */
export function createValidationPipe(expectedType?: new () => object): ValidationPipe {
  const options: ValidationPipeOptions = {
    expectedType,
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => ProblemException.validation(flattenValidationErrors(errors)),
  };
  return new QueryRememberingValidationPipe(options);
}

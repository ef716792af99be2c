import { CANONICAL_ENTITIES, CanonicalEntityName, FieldError, flattenValidationErrors } from '@trestle/core';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, ValidationArguments, ValidationTypes, validateSync } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Plain = Record<string, unknown>;
type Constructor = new () => object;

interface Constraint {
  validate: (value: unknown, args: ValidationArguments) => boolean;
  constraints: unknown[];
  each: boolean;
}

interface PropertyPlan {
  name: string;
  conditions: ((object: Plain, value: unknown) => boolean)[];
  constraints: Constraint[];
  nested?: { plan: ClassPlan; each: boolean };
}

interface ClassPlan {
  targetName: string;
  properties: PropertyPlan[];
}

export interface ValidationOutcome {
  errors: FieldError[];
  /** Required canonical fields (dotted paths) the record lacks. */
  missing: string[];
}

const VALID: ValidationOutcome = { errors: [], missing: [] };

/**
 * Validation against the canonical classes, compiled once per entity from the classes' own
 * class-validator metadata: the same constraint functions run on the plain mapped values without
 * building instances. A record the compiled check cannot pass (or any shape it does not know) goes
 * to class-validator itself, which decides and words the errors, so the classes stay the single
 * source of truth and the outcome is the same as validating the instance.
 */
export class CanonicalValidator {
  private readonly plans = new Map<CanonicalEntityName, ClassPlan | null>();

  validate(entity: CanonicalEntityName, values: Plain): ValidationOutcome {
    const plan = this.planOf(entity);
    if (plan && accepts(plan, values)) return VALID;
    const type = CANONICAL_ENTITIES[entity].fields as Constructor;
    const errors = flattenValidationErrors(validateSync(plainToInstance(type, values), { forbidUnknownValues: false }));
    if (errors.length === 0) return VALID;
    return { errors, missing: plan ? missingRequired(plan, values, '') : [] };
  }

  private planOf(entity: CanonicalEntityName): ClassPlan | null {
    if (!this.plans.has(entity)) {
      this.plans.set(entity, compile(CANONICAL_ENTITIES[entity].fields as Constructor, new Set()));
    }
    return this.plans.get(entity) ?? null;
  }
}

/** null when the class uses a kind of validation the compiled check does not reproduce. */
function compile(type: Constructor, visiting: Set<Constructor>): ClassPlan | null {
  if (visiting.has(type)) return null;
  visiting.add(type);
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(type, '', false, false, undefined);
  const grouped = storage.groupByPropertyName(metadatas) as Record<string, ValidationMetadata[]>;
  const properties: PropertyPlan[] = [];
  for (const [name, list] of Object.entries(grouped)) {
    const property: PropertyPlan = { name, conditions: [], constraints: [] };
    for (const metadata of list) {
      if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        property.conditions.push(metadata.constraints[0] as PropertyPlan['conditions'][number]);
      } else if (metadata.type === ValidationTypes.CUSTOM_VALIDATION) {
        for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
          if (constraint.async) return null;
          const instance = constraint.instance as { validate: Constraint['validate'] };
          property.constraints.push({
            validate: instance.validate.bind(instance),
            constraints: metadata.constraints,
            each: metadata.each === true,
          });
        }
      } else if (metadata.type === ValidationTypes.NESTED_VALIDATION && !property.nested) {
        const each = metadata.each === true;
        const element = nestedTypeOf(type, name, each);
        const plan = element === Object ? { targetName: 'Object', properties: [] } : compile(element, visiting);
        if (!plan) return null;
        property.nested = { plan, each };
      } else {
        return null;
      }
    }
    properties.push(property);
  }
  visiting.delete(type);
  return { targetName: type.name, properties };
}

/** The class class-transformer builds for a nested property (its @Type), found through its public API. */
function nestedTypeOf(type: Constructor, property: string, each: boolean): Constructor {
  const probe = plainToInstance(type, { [property]: each ? [{}] : {} }) as Plain;
  const value = probe[property];
  const element = (each && Array.isArray(value) ? value[0] : value) as object | undefined;
  return (element?.constructor ?? Object) as Constructor;
}

function accepts(plan: ClassPlan, object: Plain): boolean {
  for (const property of plan.properties) {
    const value = object[property.name];
    let applies = true;
    for (const condition of property.conditions) if (!condition(object, value)) applies = false;
    if (!applies) continue;
    if (property.constraints.length > 0) {
      const args: ValidationArguments = {
        targetName: plan.targetName,
        property: property.name,
        object,
        value,
        constraints: [],
      };
      for (const constraint of property.constraints) {
        args.constraints = constraint.constraints;
        if (constraint.each) {
          if (!Array.isArray(value)) return false;
          for (const element of value) if (!constraint.validate(element, args)) return false;
        } else if (!constraint.validate(value, args)) {
          return false;
        }
      }
    }
    if (property.nested && value !== undefined && !acceptsNested(property.nested, value)) return false;
  }
  return true;
}

function acceptsNested(nested: NonNullable<PropertyPlan['nested']>, value: unknown): boolean {
  if (!nested.each) return isPlainObject(value) && accepts(nested.plan, value);
  if (!Array.isArray(value)) return false;
  for (const element of value) if (!isPlainObject(element) || !accepts(nested.plan, element)) return false;
  return true;
}

function missingRequired(plan: ClassPlan, object: Plain, prefix: string): string[] {
  const missing: string[] = [];
  for (const property of plan.properties) {
    const value = object[property.name];
    const field = `${prefix}${property.name}`;
    if (property.conditions.length === 0 && (value === undefined || value === null)) {
      missing.push(field);
    } else if (property.nested && !property.nested.each && isPlainObject(value)) {
      missing.push(...missingRequired(property.nested.plan, value, `${field}.`));
    } else if (property.nested?.each && Array.isArray(value)) {
      value.forEach((element, index) => {
        if (isPlainObject(element))
          missing.push(...missingRequired(property.nested!.plan, element, `${field}.${index}.`));
      });
    }
  }
  return missing;
}

/** An object literal or parsed JSON object (of any realm), not a class instance, array, Date or Buffer. */
function isPlainObject(value: unknown): value is Plain {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

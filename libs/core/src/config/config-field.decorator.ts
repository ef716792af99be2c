import 'reflect-metadata';

export interface ConfigFieldOptions {
  /** Environment variable the value is read from. */
  env: string;
  /** One sentence for operators; rendered into the README's configuration table. */
  description: string;
  /** Raw default applied when the variable is unset or empty. */
  default?: string;
  /** Sensitive values never appear in logs, errors, docs or audit details. */
  sensitive?: boolean;
}

export interface ConfigFieldMetadata extends ConfigFieldOptions {
  property: string;
}

const CONFIG_FIELDS = Symbol('trestle:config-fields');

export function ConfigField(options: ConfigFieldOptions): PropertyDecorator {
  return (target, property) => {
    const fields: ConfigFieldMetadata[] = Reflect.getMetadata(CONFIG_FIELDS, target) ?? [];
    Reflect.defineMetadata(CONFIG_FIELDS, [...fields, { ...options, property: String(property) }], target);
  };
}

export function configFieldsOf(type: abstract new (...args: never[]) => unknown): ConfigFieldMetadata[] {
  return Reflect.getMetadata(CONFIG_FIELDS, type.prototype) ?? [];
}

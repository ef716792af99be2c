import { Contact, ContactFields } from './contact';
import { Customer, CustomerFields } from './customer';
import { Invoice, InvoiceFields } from './invoice';
import { Order, OrderFields } from './order';
import { Product, ProductFields } from './product';

/** The canonical model v1: entity name, URL segment, hub id prefix, and its classes. */
export const CANONICAL_ENTITIES = {
  customer: { plural: 'customers', idPrefix: 'cus', record: Customer, fields: CustomerFields },
  contact: { plural: 'contacts', idPrefix: 'con', record: Contact, fields: ContactFields },
  product: { plural: 'products', idPrefix: 'prd', record: Product, fields: ProductFields },
  order: { plural: 'orders', idPrefix: 'ord', record: Order, fields: OrderFields },
  invoice: { plural: 'invoices', idPrefix: 'inv', record: Invoice, fields: InvoiceFields },
} as const;

export type CanonicalEntityName = keyof typeof CANONICAL_ENTITIES;

export const CANONICAL_ENTITY_NAMES = Object.keys(CANONICAL_ENTITIES) as CanonicalEntityName[];

export function isCanonicalEntity(name: string): name is CanonicalEntityName {
  return name in CANONICAL_ENTITIES;
}

import { ErpFault } from './erp-fault';
import {
  CURRENCIES,
  CUSTOMER_STATUSES,
  customerNo,
  ERP_KEYS,
  type ErpCustomer,
  type ErpEntities,
  type ErpEntityName,
  type ErpTables,
} from './erp-records';
import type { ErpOperation } from './erp-wsdl';

type Args = Record<string, unknown> | undefined;
export type ErpOperationHandler = (args: Args) => unknown;

export const MAX_PAGE_SIZE = 500;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DECIMAL = /^[0-9]{1,11}\.[0-9]{2}$/;

const text = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : value instanceof Date ? value.toISOString() : String(value);

function integerArg(args: Args, field: string, fallback?: number): number {
  const raw = text(args?.[field]);
  if (raw === undefined && fallback !== undefined) return fallback;
  const value = Number(raw);
  if (raw === undefined || !Number.isInteger(value)) {
    throw new ErpFault('ValidationFailed', `${field} must be an integer`, field);
  }
  return value;
}

function requiredText(args: Args, field: string): string {
  const value = text(args?.[field])?.trim();
  if (!value) throw new ErpFault('ValidationFailed', `${field} is required`, field);
  return value;
}

function instantArg(args: Args, field: string): number | undefined {
  const raw = args?.[field];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const instant = raw instanceof Date ? raw.getTime() : Date.parse(String(raw));
  if (Number.isNaN(instant)) throw new ErpFault('ValidationFailed', `${field} must be an xsd:dateTime`, field);
  return instant;
}

function customerChanges(args: Args, creating: boolean): Partial<ErpCustomer> {
  const changes: Partial<ErpCustomer> = {};
  const present = (field: string): boolean => creating || text(args?.[field]) !== undefined;
  if (present('Name')) {
    const name = requiredText(args, 'Name');
    if (name.length > 40) throw new ErpFault('ValidationFailed', 'Name is longer than 40 characters', 'Name');
    changes.Name = name;
  }
  if (present('Email')) {
    const email = requiredText(args, 'Email');
    if (!EMAIL.test(email)) throw new ErpFault('ValidationFailed', 'Email is not an e-mail address', 'Email');
    changes.Email = email;
  }
  if (text(args?.Phone) !== undefined) changes.Phone = text(args?.Phone);
  if (present('CreditLimit')) {
    const limit = requiredText(args, 'CreditLimit');
    if (!DECIMAL.test(limit)) {
      throw new ErpFault('ValidationFailed', 'CreditLimit must be a non-negative decimal with 2 places', 'CreditLimit');
    }
    changes.CreditLimit = limit;
  }
  if (present('Currency')) {
    const currency = requiredText(args, 'Currency');
    if (!(CURRENCIES as readonly string[]).includes(currency)) {
      throw new ErpFault('ValidationFailed', `Currency must be one of ${CURRENCIES.join(', ')}`, 'Currency');
    }
    changes.Currency = currency;
  }
  const status = text(args?.Status);
  if (status !== undefined) {
    if (!(CUSTOMER_STATUSES as readonly string[]).includes(status)) {
      throw new ErpFault('ValidationFailed', 'Status must be A, I or B', 'Status');
    }
    changes.Status = status as ErpCustomer['Status'];
  } else if (creating) {
    changes.Status = 'A';
  }
  return changes;
}

/** A customer with its fields in schema order (the SOAP serializer writes keys in insertion order). */
export function customerRecord(customer: ErpCustomer): ErpCustomer {
  return {
    CustomerNo: customer.CustomerNo,
    Name: customer.Name,
    Email: customer.Email,
    ...(customer.Phone !== undefined ? { Phone: customer.Phone } : {}),
    CreditLimit: customer.CreditLimit,
    Currency: customer.Currency,
    Status: customer.Status,
    LastChanged: customer.LastChanged,
  };
}

/** The ERP's operations over its tables, protocol-free: each takes the parsed request element and returns the response element. */
export function createErpOperations(tables: ErpTables, now: () => Date): Record<ErpOperation, ErpOperationHandler> {
  const stamp = (): string =>
    now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');

  const list =
    <E extends ErpEntityName>(entity: E, plural: string) =>
    (args: Args) => {
      const pageNumber = integerArg(args, 'PageNumber', 1);
      const pageSize = integerArg(args, 'PageSize', 20);
      if (pageNumber < 1) throw new ErpFault('ValidationFailed', 'PageNumber starts at 1', 'PageNumber');
      if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        throw new ErpFault('ValidationFailed', `PageSize must be between 1 and ${MAX_PAGE_SIZE}`, 'PageSize');
      }
      const since = instantArg(args, 'ModifiedSince');
      const records = [...tables[entity].values()]
        .filter((record) => since === undefined || Date.parse(record.LastChanged) >= since)
        .sort((a, b) => (a[ERP_KEYS[entity]] < b[ERP_KEYS[entity]] ? -1 : 1));
      const totalPages = Math.ceil(records.length / pageSize);
      const page = records.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
      return {
        [plural]: { [entity]: structuredClone(page) },
        PageNumber: pageNumber,
        PageSize: pageSize,
        TotalRecords: records.length,
        TotalPages: totalPages,
        HasMore: pageNumber < totalPages,
      };
    };

  const find = <E extends ErpEntityName>(entity: E, key: string): ErpEntities[E] => {
    const record = tables[entity].get(key);
    if (!record) throw new ErpFault('NotFound', `${entity} ${key} does not exist`, ERP_KEYS[entity]);
    return record;
  };

  const get =
    <E extends ErpEntityName>(entity: E) =>
    (args: Args) => ({ [entity]: structuredClone(find(entity, requiredText(args, ERP_KEYS[entity]))) });

  return {
    ListCustomers: list('Customer', 'Customers'),
    ListProducts: list('Product', 'Products'),
    ListOrders: list('Order', 'Orders'),
    ListInvoices: list('Invoice', 'Invoices'),
    GetCustomer: get('Customer'),
    GetProduct: get('Product'),
    GetOrder: get('Order'),
    GetInvoice: get('Invoice'),
    CreateCustomer: (args) => {
      const customer = customerRecord({
        CustomerNo: customerNo(tables.Customer.size + 1),
        ...(customerChanges(args, true) as Omit<ErpCustomer, 'CustomerNo' | 'LastChanged'>),
        LastChanged: stamp(),
      });
      tables.Customer.set(customer.CustomerNo, customer);
      return { Customer: structuredClone(customer) };
    },
    UpdateCustomer: (args) => {
      const existing = find('Customer', requiredText(args, 'CustomerNo'));
      const customer = customerRecord({ ...existing, ...customerChanges(args, false), LastChanged: stamp() });
      tables.Customer.set(customer.CustomerNo, customer);
      return { Customer: structuredClone(customer) };
    },
    GetStockLevel: (args) => {
      const product = find('Product', requiredText(args, 'ItemNo'));
      const warehouse = text(args?.Warehouse) ?? 'WH01';
      const digits = Number(product.ItemNo.replace(/\D/g, '')) + warehouse.length;
      const onHand = (digits * 37) % 500;
      const reserved = (digits * 11) % (onHand + 1);
      return {
        ItemNo: product.ItemNo,
        Warehouse: warehouse,
        OnHand: onHand,
        Reserved: reserved,
        Available: onHand - reserved,
        AsOf: now().toISOString(),
      };
    },
  };
}

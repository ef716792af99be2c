import { fakeNames } from '../fake-names';
import { SeededRandom } from '../seeded-random';

export type CustomerStatus = 'A' | 'I' | 'B';
export type OrderStatus = 'OP' | 'RL' | 'SH' | 'IV' | 'CN';

export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'] as const;
export const CUSTOMER_STATUSES: readonly CustomerStatus[] = ['A', 'I', 'B'];
export const ORDER_STATUSES: readonly OrderStatus[] = ['OP', 'RL', 'SH', 'IV', 'CN'];

export interface ErpCustomer {
  CustomerNo: string;
  Name: string;
  Email: string;
  Phone?: string;
  CreditLimit: string;
  Currency: string;
  Status: CustomerStatus;
  LastChanged: string;
}

export interface ErpProduct {
  ItemNo: string;
  Description: string;
  UnitPrice: string;
  Currency: string;
  UOM: string;
  Active: boolean;
  LastChanged: string;
}

export interface ErpOrderLine {
  LineNo: number;
  ItemNo: string;
  Qty: number;
  UnitPrice: string;
}

export interface ErpOrder {
  OrderNo: string;
  CustomerNo: string;
  OrderDate: string;
  Status: OrderStatus;
  Currency: string;
  Lines: { Line: ErpOrderLine[] };
  LastChanged: string;
}

export interface ErpInvoice {
  InvoiceNo: string;
  OrderNo: string;
  CustomerNo: string;
  IssueDate: string;
  DueDate: string;
  Amount: string;
  Currency: string;
  Paid: boolean;
  LastChanged: string;
}

export interface ErpEntities {
  Customer: ErpCustomer;
  Product: ErpProduct;
  Order: ErpOrder;
  Invoice: ErpInvoice;
}

export type ErpEntityName = keyof ErpEntities;

export const ERP_KEYS: { [E in ErpEntityName]: keyof ErpEntities[E] & string } = {
  Customer: 'CustomerNo',
  Product: 'ItemNo',
  Order: 'OrderNo',
  Invoice: 'InvoiceNo',
};

export type ErpTables = { [E in ErpEntityName]: Map<string, ErpEntities[E]> };

const PRODUCT_WORDS = ['Bolt', 'Bearing', 'Gasket', 'Valve', 'Pump', 'Sensor', 'Cable', 'Filter', 'Hinge', 'Relay'];
const PRODUCT_SIZES = ['M6', 'M8', 'M10', '1/2"', '3/4"', 'XL', 'S'];
const UNITS = ['EA', 'PCS', 'BOX', 'KG', 'M'];
const SEED_EPOCH = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;

export const pad = (value: number, width: number): string => String(value).padStart(width, '0');
export const customerNo = (index: number): string => `C${pad(index, 6)}`;

export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${pad(abs % 100, 2)}`;
}

export function decimalToCents(decimal: string): number {
  const [whole, fraction = '0'] = decimal.split('.');
  const cents = Number(whole.replace('-', '')) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  return decimal.startsWith('-') ? -cents : cents;
}

const isoSecond = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The ERP's tables for one seed: `customers` customers, 20 products, 0-4 orders per customer, invoices for invoiced orders. */
export function seedErpTables(seed: number, customers: number): ErpTables {
  const random = new SeededRandom(seed);
  const tables: ErpTables = { Customer: new Map(), Product: new Map(), Order: new Map(), Invoice: new Map() };

  for (let index = 1; index <= 20; index++) {
    const product: ErpProduct = {
      ItemNo: `IT${pad(index, 5)}`,
      Description: `${random.pick(PRODUCT_WORDS)} ${random.pick(PRODUCT_SIZES)} type ${index}`,
      UnitPrice: centsToDecimal(random.int(50, 250_00)),
      Currency: 'EUR',
      UOM: random.pick(UNITS),
      Active: random.chance(0.85),
      LastChanged: isoSecond(SEED_EPOCH + random.int(0, 300) * DAY_MS + random.int(0, 86_399) * 1000),
    };
    tables.Product.set(product.ItemNo, product);
  }
  const products = [...tables.Product.values()];

  let orderIndex = 0;
  for (let index = 1; index <= customers; index++) {
    const name = fakeNames.company(random, index);
    const customer: ErpCustomer = {
      CustomerNo: customerNo(index),
      Name: name,
      Email: `ap@${fakeNames.slug(name)}.example`,
      ...(random.chance(0.8) ? { Phone: `+49 ${random.int(30, 89)} ${random.int(100000, 999999)}` } : {}),
      CreditLimit: centsToDecimal(random.int(0, 500) * 100_00),
      Currency: random.pick(CURRENCIES),
      Status: random.chance(0.8) ? 'A' : random.pick(CUSTOMER_STATUSES),
      LastChanged: isoSecond(SEED_EPOCH + random.int(0, 300) * DAY_MS + random.int(0, 86_399) * 1000),
    };
    tables.Customer.set(customer.CustomerNo, customer);

    const orderCount = random.int(0, 4);
    for (let n = 0; n < orderCount; n++) {
      orderIndex++;
      const orderedAt = SEED_EPOCH + random.int(0, 300) * DAY_MS;
      const lines: ErpOrderLine[] = [];
      const lineCount = random.int(1, 5);
      for (let lineNo = 1; lineNo <= lineCount; lineNo++) {
        const product = random.pick(products);
        lines.push({
          LineNo: lineNo * 10,
          ItemNo: product.ItemNo,
          Qty: random.int(1, 40),
          UnitPrice: product.UnitPrice,
        });
      }
      const order: ErpOrder = {
        OrderNo: `SO${pad(orderIndex, 7)}`,
        CustomerNo: customer.CustomerNo,
        OrderDate: isoDate(orderedAt),
        Status: random.pick(ORDER_STATUSES),
        Currency: customer.Currency,
        Lines: { Line: lines },
        LastChanged: isoSecond(orderedAt + random.int(0, 10) * DAY_MS + random.int(0, 86_399) * 1000),
      };
      tables.Order.set(order.OrderNo, order);

      if (order.Status === 'IV') {
        const issuedAt = orderedAt + random.int(1, 14) * DAY_MS;
        const amount = lines.reduce((sum, line) => sum + line.Qty * decimalToCents(line.UnitPrice), 0);
        const invoice: ErpInvoice = {
          InvoiceNo: `INV${pad(orderIndex, 7)}`,
          OrderNo: order.OrderNo,
          CustomerNo: customer.CustomerNo,
          IssueDate: isoDate(issuedAt),
          DueDate: isoDate(issuedAt + 30 * DAY_MS),
          Amount: centsToDecimal(amount),
          Currency: order.Currency,
          Paid: random.chance(0.6),
          LastChanged: isoSecond(issuedAt + random.int(0, 86_399) * 1000),
        };
        tables.Invoice.set(invoice.InvoiceNo, invoice);
      }
    }
  }
  return tables;
}

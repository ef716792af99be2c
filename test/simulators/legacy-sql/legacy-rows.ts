import { fakeNames } from '../fake-names';
import { SeededRandom } from '../seeded-random';

export type LegacyRow = (string | number | null)[];

export interface LegacyRowsOfCustomer {
  customer: LegacyRow;
  orders: LegacyRow[];
  lines: LegacyRow[];
}

export interface LegacyRowOptions {
  customers: number;
  ordersPerCustomer: number;
  linesPerOrder: number;
  seed: number;
}

export const CUSTOMER_STATUS_CODES = ['A', 'I', 'B'] as const;
export const ORDER_STATUS_CODES = ['OP', 'CF', 'SH', 'IV', 'CX'] as const;
const CURRENCIES = ['EUR', 'EUR', 'EUR', 'USD', 'CHF'];
const DAY_MS = 86_400_000;
const SEED_EPOCH = Date.UTC(2015, 0, 1);

const pad = (value: number, width: number): string => String(value).padStart(width, '0');
export const legacyCustomerNo = (index: number): string => `C${pad(index, 6)}`;
export const legacyOrderNo = (index: number): string => `SO${pad(index, 8)}`;

function yyyymmdd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
}

function yyyymmddhhmmss(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

/**
 * The legacy rows customer by customer, deterministically for a seed, in CUSTMAST / ORDHDR / ORDLIN column order.
 * CUST_NM and PHONE_NO come CHAR-padded; every 25th CRT_DT is the zero date '00000000'; every 11th EMAIL_ADDR is NULL
 * and every 7th is upper case with stray blanks.
 */
export function* legacyRows(options: LegacyRowOptions): Generator<LegacyRowsOfCustomer> {
  const random = new SeededRandom(options.seed);
  let orderIndex = 0;
  for (let index = 1; index <= options.customers; index++) {
    const name = fakeNames.company(random, index).slice(0, 40);
    const createdAt = SEED_EPOCH + random.int(0, 3000) * DAY_MS;
    const updatedAt = Date.UTC(2024, 0, 1) + random.int(0, 365 * 86_400) * 1000;
    const currency = random.pick(CURRENCIES);
    const mailbox = `ap@${fakeNames.slug(name)}.example`;
    const email = index % 11 === 0 ? null : index % 7 === 0 ? `  ${mailbox.toUpperCase()} ` : mailbox;
    const phone = random.chance(0.7) ? `+49 ${random.int(30, 89)} ${random.int(100000, 9999999)}`.padEnd(20) : null;
    const customerNo = legacyCustomerNo(index);
    const customer: LegacyRow = [
      customerNo,
      name.padEnd(40),
      email,
      phone,
      random.chance(0.8) ? 'A' : random.pick(CUSTOMER_STATUS_CODES),
      random.int(0, 500) * 10_000,
      currency,
      index % 25 === 0 ? '00000000' : yyyymmdd(createdAt),
      yyyymmddhhmmss(updatedAt),
    ];
    const orders: LegacyRow[] = [];
    const lines: LegacyRow[] = [];
    for (let n = 0; n < options.ordersPerCustomer; n++) {
      orderIndex++;
      const orderNo = legacyOrderNo(orderIndex);
      const orderedAt = createdAt + random.int(0, 2000) * DAY_MS;
      let total = 0;
      for (let lineNo = 1; lineNo <= options.linesPerOrder; lineNo++) {
        const qty = random.int(1, 50);
        const price = random.int(99, 99_999);
        total += qty * price;
        lines.push([orderNo, lineNo, `IT${pad(random.int(1, 500), 6)}`, qty, price]);
      }
      orders.push([
        orderNo,
        customerNo,
        yyyymmdd(orderedAt),
        random.pick(ORDER_STATUS_CODES),
        total,
        currency,
        yyyymmddhhmmss(orderedAt + random.int(0, 30 * 86_400) * 1000),
      ]);
    }
    yield { customer, orders, lines };
  }
}

import { fakeNames } from '../fake-names';
import { SeededRandom } from '../seeded-random';

export const TIERS = ['ENT', 'MID', 'SMB'] as const;
export type Tier = (typeof TIERS)[number];

export interface CrmAccount {
  account_id: string;
  display_name: string;
  primary_email: string;
  phone: string | null;
  tier: Tier;
  billing_country: string;
  created_at: number;
  updated_at: string;
}

export interface CrmContact {
  contact_id: string;
  account_id: string;
  first_name: string;
  last_name: string;
  primary_email: string;
  phone: string | null;
  job_title: string | null;
  created_at: number;
  updated_at: string;
}

export interface CrmCollections {
  accounts: Map<string, CrmAccount>;
  contacts: Map<string, CrmContact>;
}

export type CrmCollection = keyof CrmCollections;
export type CrmRecord<C extends CrmCollection> = CrmCollections[C] extends Map<string, infer R> ? R : never;

export const CRM_ID_FIELD = { accounts: 'account_id', contacts: 'contact_id' } as const;

const COUNTRIES = ['DE', 'AT', 'CH', 'FR', 'GB', 'US', 'NL'];
const TITLES = ['Buyer', 'CFO', 'Head of Purchasing', 'Accounts Payable', 'Operations Manager'];
const SEED_EPOCH_SECONDS = Date.UTC(2023, 0, 1) / 1000;

export const accountId = (index: number): string => `acc_${String(index).padStart(6, '0')}`;
export const contactId = (index: number): string => `con_${String(index).padStart(6, '0')}`;

/** The CRM's records for one seed: `accounts` accounts with 1-4 contacts each. */
export function seedCrmCollections(seed: number, accounts: number): CrmCollections {
  const random = new SeededRandom(seed);
  const collections: CrmCollections = { accounts: new Map(), contacts: new Map() };
  let contactIndex = 0;
  for (let index = 1; index <= accounts; index++) {
    const name = fakeNames.company(random, index);
    const domain = `${fakeNames.slug(name)}.example`;
    const createdAt = SEED_EPOCH_SECONDS + random.int(0, 400 * 86_400);
    const account: CrmAccount = {
      account_id: accountId(index),
      display_name: name,
      primary_email: `info@${domain}`,
      phone: random.chance(0.7) ? `+${random.int(1, 49)} ${random.int(1_000_000, 9_999_999)}` : null,
      tier: random.pick(TIERS),
      billing_country: random.pick(COUNTRIES),
      created_at: createdAt,
      updated_at: new Date((createdAt + random.int(0, 200 * 86_400)) * 1000).toISOString(),
    };
    collections.accounts.set(account.account_id, account);
    const contacts = random.int(1, 4);
    for (let n = 0; n < contacts; n++) {
      contactIndex++;
      const person = fakeNames.person(random);
      const contactCreatedAt = createdAt + random.int(0, 30 * 86_400);
      const contact: CrmContact = {
        contact_id: contactId(contactIndex),
        account_id: account.account_id,
        first_name: person.first,
        last_name: person.last,
        primary_email: `${person.first}.${person.last}${contactIndex}@${domain}`.toLowerCase(),
        phone: random.chance(0.5) ? `+${random.int(1, 49)} ${random.int(1_000_000, 9_999_999)}` : null,
        job_title: random.chance(0.8) ? random.pick(TITLES) : null,
        created_at: contactCreatedAt,
        updated_at: new Date((contactCreatedAt + random.int(0, 200 * 86_400)) * 1000).toISOString(),
      };
      collections.contacts.set(contact.contact_id, contact);
    }
  }
  return collections;
}

import type { SeededRandom } from './seeded-random';

const FIRST_NAMES = [
  'Anna',
  'Bernd',
  'Clara',
  'Dieter',
  'Eva',
  'Frank',
  'Greta',
  'Hans',
  'Ines',
  'Jonas',
  'Karla',
  'Lukas',
];
const LAST_NAMES = ['Schmidt', 'Meyer', 'Weber', 'Fischer', 'Wagner', 'Becker', 'Hoffmann', 'Koch', 'Richter', 'Klein'];
const COMPANY_STEMS = [
  'Acme',
  'Nordwind',
  'Globex',
  'Initech',
  'Umbrella',
  'Vandelay',
  'Stark',
  'Wayne',
  'Hooli',
  'Tyrell',
];
const COMPANY_KINDS = ['Trading', 'Logistics', 'Industries', 'Foods', 'Textiles', 'Machines', 'Pharma', 'Media'];
const COMPANY_FORMS = ['GmbH', 'AG', 'Ltd', 'Inc', 'KG', 'SA'];

/** Deterministic fake names shared by the simulators. */
export const fakeNames = {
  company: (random: SeededRandom, index: number): string =>
    `${random.pick(COMPANY_STEMS)} ${random.pick(COMPANY_KINDS)} ${random.pick(COMPANY_FORMS)} ${index}`,
  person: (random: SeededRandom): { first: string; last: string } => ({
    first: random.pick(FIRST_NAMES),
    last: random.pick(LAST_NAMES),
  }),
  slug: (text: string): string =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, ''),
};

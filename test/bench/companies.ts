import type { RecordRow } from '../../src/schema/record';

/** `count` company rows shaped like the app's, created one millisecond apart. */
export function companyRows(count: number, prefix = 'bench'): RecordRow[] {
  const t0 = Date.UTC(2026, 5, 1);
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${String(i).padStart(6, '0')}`,
    object: 'company',
    createdAt: t0 + i,
    updatedAt: t0 + i,
    data: {
      name: `Company ${i}`,
      domainName: { primaryLinkUrl: `https://company-${i}.example`, primaryLinkLabel: '', secondaryLinks: [] },
      // Never a position in a list of up to 100,000: a benchmark that writes the item's position
      // into it changes every record (an update that changes nothing is not written).
      employees: 100_000 + (i % 5000),
      address: {
        addressStreet1: `${i} Main Street`,
        addressStreet2: '',
        addressCity: i % 2 ? 'Paris' : 'Berlin',
        addressState: '',
        addressPostcode: '75001',
        addressCountry: 'France',
      },
      annualRecurringRevenue: { amountMicros: i * 1_000_000_000, currencyCode: 'USD' },
      idealCustomerProfile: i % 3 === 0,
      linkedinLink: { primaryLinkUrl: '', primaryLinkLabel: '', secondaryLinks: [] },
    },
  }));
}

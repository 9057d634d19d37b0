import { addDays, civilDate } from '../../src/domain/calendar';
import type { Client } from './http';

/** Today in the organisation's zone, as the target computes it (both use the real clock). */
export const today = () => civilDate(new Date(), 'Asia/Tokyo');
export const daysFromToday = (n: number) => addDays(today(), n);

let counter = 0;

export interface ContractorBody {
  id: string;
  name: string;
  version: number;
  [field: string]: unknown;
}

export async function newContractor(api: Client, overrides: Record<string, unknown> = {}): Promise<ContractorBody> {
  counter++;
  const res = await api.post('/api/v1/contractors', {
    name: `委託先 ${counter}`,
    dataCategories: ['customers', 'employees'],
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`contractor factory: ${res.status} ${await res.text()}`);
  return (await res.json()) as ContractorBody;
}

export const allClauses = {
  responsibilities: true,
  securityMeasures: true,
  reconsignment: true,
  reporting: true,
  complianceChecks: true,
  breachOfContract: true,
  incidentReporting: true,
  afterTermination: true,
};

export async function newAgreement(
  api: Client,
  contractorId: string,
  overrides: Record<string, unknown> = {},
): Promise<ContractorBody> {
  const res = await api.post('/api/v1/agreements', {
    contractorId,
    title: '個人情報の取扱いに関する業務委託契約',
    purpose: '顧客データの配送処理',
    dataCategories: ['customers'],
    startDate: daysFromToday(-100),
    endDate: daysFromToday(265),
    reconsignment: 'prior_approval',
    clauses: allClauses,
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`agreement factory: ${res.status} ${await res.text()}`);
  return (await res.json()) as ContractorBody;
}

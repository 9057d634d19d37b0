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

/** Every category of the checklist (通則編 10-1 … 10-7) confirmed. */
const passing = {
  basicPolicy: 'adequate',
  handlingRules: 'adequate',
  organizational: 'adequate',
  human: 'adequate',
  physical: 'adequate',
  technical: 'adequate',
  externalEnvironment: 'adequate',
};

/**
 * A contractor taken through selection, approval and activation as a compliance user
 * would, left with the periodic review the selection scheduled.
 */
export async function activeContractor(api: Client, overrides: Record<string, unknown> = {}): Promise<ContractorBody> {
  const c = await newContractor(api, overrides);
  const review = await api.post('/api/v1/reviews', { contractorId: c.id, kind: 'selection', dueDate: today() });
  const { id } = (await review.json()) as { id: string };
  await api.post(`/api/v1/reviews/${id}/complete`, {
    completedOn: today(),
    outcome: 'satisfactory',
    checklist: passing,
  });
  for (const to of ['approved', 'active']) {
    const res = await api.post(`/api/v1/contractors/${c.id}/transition`, { to });
    if (res.status !== 200) throw new Error(`transition to ${to}: ${res.status} ${await res.text()}`);
  }
  return (await (await api.get(`/api/v1/contractors/${c.id}`)).json()) as ContractorBody;
}

export async function scheduleReview(api: Client, contractorId: string, dueDate: string, kind = 'periodic') {
  const res = await api.post('/api/v1/reviews', { contractorId, kind, dueDate });
  if (res.status !== 201) throw new Error(`review factory: ${res.status} ${await res.text()}`);
  return (await res.json()) as ContractorBody;
}

export { passing as passingChecklist };

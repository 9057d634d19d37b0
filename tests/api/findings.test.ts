import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractorBody, daysFromToday, newContractor } from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
let admin: Client;
let compliance: Client;
let contractor: ContractorBody;
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  compliance = (await userWithRole(target, 'compliance')).api;
  contractor = await newContractor(admin, { name: '指摘一覧社' });
});
afterAll(() => target.close());

interface Finding {
  id: string;
  severity: string;
  status: string;
  overdue: boolean;
  version: number;
}

async function record(severity: string, dueDate: string) {
  const res = await compliance.post('/api/v1/findings', {
    contractorId: contractor.id,
    severity,
    category: 'technical',
    description: `${severity} ${dueDate}`,
    dueDate,
  });
  if (res.status !== 201) throw new Error(`finding: ${res.status} ${await res.text()}`);
  return (await res.json()) as Finding;
}

const ids = async (query: string) =>
  (
    (await (await admin.get(`/api/v1/findings?contractorId=${contractor.id}&${query}`)).json()) as { items: Finding[] }
  ).items
    .map((f) => f.id)
    .sort();

describe('listing findings', () => {
  it('filters by severity, alone and with status and overdue', async () => {
    const highLate = await record('high', daysFromToday(-3));
    const highLater = await record('high', daysFromToday(20));
    const low = await record('low', daysFromToday(-1));
    const resolved = await record('high', daysFromToday(-5));
    const patched = await compliance.patch(`/api/v1/findings/${resolved.id}`, { resolvedOn: daysFromToday(-1) });
    expect(patched.status).toBe(200);

    expect(await ids('severity=high')).toEqual([highLate.id, highLater.id, resolved.id].sort());
    expect(await ids('severity=low')).toEqual([low.id]);
    expect(await ids('severity=medium')).toEqual([]);
    expect(await ids('severity=high&status=open')).toEqual([highLate.id, highLater.id].sort());
    expect(await ids('severity=high&overdue=true')).toEqual([highLate.id]);
    expect(await ids('overdue=true')).toEqual([highLate.id, low.id].sort());
  });

  it('refuses an unknown severity with 400 naming it', async () => {
    const res = await admin.get('/api/v1/findings?severity=urgent');
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.map((e) => e.path)).toEqual(['severity']);
  });
});

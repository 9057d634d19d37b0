import { and, eq } from 'drizzle-orm';
import { type AgreementRow, agreements } from '../../../db/schema';
import { agreementStatus } from '../../domain/agreement-terms';
import type { Db } from '../../platform/db';

export async function findAgreement(db: Db, id: string): Promise<AgreementRow | undefined> {
  return db.select().from(agreements).where(eq(agreements.id, id)).get();
}

export async function agreementsOf(db: Db, contractorId: string): Promise<AgreementRow[]> {
  return db.select().from(agreements).where(eq(agreements.contractorId, contractorId)).all();
}

/** The contractor's agreements in force today that prohibit re-consignment. */
export async function prohibitingAgreements(db: Db, contractorId: string, today: string): Promise<AgreementRow[]> {
  const rows = await db
    .select()
    .from(agreements)
    .where(and(eq(agreements.contractorId, contractorId), eq(agreements.reconsignment, 'prohibited')))
    .all();
  return rows.filter((a) => agreementStatus(a, today) === 'active');
}

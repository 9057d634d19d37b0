import { and, asc, eq, gt, gte, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { type AgreementRow, agreements } from '../../../db/schema';
import { agreementStatus } from '../../domain/agreement-terms';
import { addDays } from '../../domain/calendar';
import { type Db, expectOneChange, type Statement } from '../../platform/db';
import { notFound } from '../../platform/problem';

type AgreementStatus = ReturnType<typeof agreementStatus>;

/** The columns the domain's term rules read (AgreementDates), for selects that compute terms. */
export const agreementDateColumns = {
  startDate: agreements.startDate,
  endDate: agreements.endDate,
  autoRenew: agreements.autoRenew,
  renewalTermMonths: agreements.renewalTermMonths,
  noticePeriodDays: agreements.noticePeriodDays,
  terminatedOn: agreements.terminatedOn,
};

export async function findAgreement(db: Db, id: string): Promise<AgreementRow | null> {
  return (await db.select().from(agreements).where(eq(agreements.id, id)).get()) ?? null;
}

export async function getAgreementRow(db: Db, id: string): Promise<AgreementRow> {
  const row = await findAgreement(db, id);
  if (!row) throw notFound('Agreement', id);
  return row;
}

/** SQL for each derived status, mirroring agreementStatus() (domain/agreement-terms.ts). */
function statusCondition(status: AgreementStatus, today: string): SQL | undefined {
  const terminated = and(sql`${agreements.terminatedOn} IS NOT NULL`, lte(agreements.terminatedOn, today));
  const notTerminated = or(isNull(agreements.terminatedOn), gt(agreements.terminatedOn, today));
  const started = lte(agreements.startDate, today);
  switch (status) {
    case 'terminated':
      return terminated;
    case 'pending':
      return and(notTerminated, gt(agreements.startDate, today));
    case 'expired':
      return and(notTerminated, started, eq(agreements.autoRenew, false), sql`${agreements.endDate} < ${today}`);
    case 'active':
      return and(
        notTerminated,
        started,
        or(isNull(agreements.endDate), gte(agreements.endDate, today), eq(agreements.autoRenew, true)),
      );
  }
}

export interface AgreementFilter {
  contractorId?: string;
  status?: AgreementStatus;
  expiringWithinDays?: number;
  /** Keyset position: the last row's id. */
  afterId?: string;
  limit: number;
}

/** Agreements in list order, oldest first (by id); statuses as of `today`. */
export async function agreementRows(db: Db, f: AgreementFilter, today: string): Promise<AgreementRow[]> {
  const where: (SQL | undefined)[] = [];
  if (f.contractorId) where.push(eq(agreements.contractorId, f.contractorId));
  if (f.status) where.push(statusCondition(f.status, today));
  if (f.expiringWithinDays !== undefined) {
    where.push(
      statusCondition('active', today),
      eq(agreements.autoRenew, false),
      gte(agreements.endDate, today),
      lte(agreements.endDate, addDays(today, f.expiringWithinDays)),
    );
  }
  if (f.afterId !== undefined) where.push(gt(agreements.id, f.afterId));
  return db
    .select()
    .from(agreements)
    .where(and(...where))
    .orderBy(asc(agreements.id))
    .limit(f.limit)
    .all();
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

export const insertAgreement = (db: Db, row: AgreementRow): Statement => db.insert(agreements).values(row);

/** A versioned update of one agreement, followed by its guard. */
export function agreementUpdate(db: Db, current: AgreementRow, next: AgreementRow): Statement[] {
  const { id: _id, contractorId: _c, createdAt: _a, ...changes } = next;
  return [
    db
      .update(agreements)
      .set(changes)
      .where(sql`${agreements.id} = ${current.id} AND ${agreements.version} = ${current.version}`),
    expectOneChange(db),
  ];
}

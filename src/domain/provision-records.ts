import { addDays, addMonths } from './calendar';

/**
 * Records of provision to a third party (第三者提供記録, APPI Art. 29).
 *
 * A contractor abroad that receives the data on the person's consent (Art. 28(1)) is a
 * third party: the entrustment exemption (Art. 27(5)(i)) does not reach it, and the proviso
 * of Art. 29(1) exempts a provision under Art. 28(1) only for the items of Art. 27(1). So
 * each such provision is recorded (Enforcement Rules Art. 19–20) and kept (Art. 21), and
 * the person may ask to see the records (Art. 33(5)).
 */

/**
 * How the record was made (Enforcement Rules Art. 19):
 * - `per_provision`: made promptly after each provision (Art. 19(2) main text);
 * - `collective`: one record for a continuous or repeated provision (Art. 19(2) proviso);
 * - `contract_document`: the contract made for supplying goods or services to the person
 *   stands for the record (Art. 19(3)).
 */
export type RecordMethod = 'per_provision' | 'collective' | 'contract_document';

/** A record itaku keeps: one provision on `providedFrom`, or a continuous one until `providedUntil`. */
export const recordMethodOf = (r: { providedUntil: string | null }): RecordMethod =>
  r.providedUntil === null ? 'per_provision' : 'collective';

const YEARS = { per_provision: 3, collective: 3, contract_document: 1 } as const satisfies Record<RecordMethod, number>;

/**
 * The last day the record must be kept (Enforcement Rules Art. 21):
 * - (i) Art. 19(3) (a contract document): 1 year from the last provision it covers;
 * - (ii) Art. 19(2) proviso (recorded collectively): 3 years from the last provision;
 * - (iii) otherwise: 3 years — counted here from the later of the provision and the day
 *   the record was made, so a record written up late is still kept its full 3 years.
 * "起算して…年を経過する日までの間": day 1 is the provision's day, so the period ends the
 * day before its anniversary, or at the month's end when that month has no such day
 * (Civil Code Art. 143(2): 29 February → 28 February).
 */
export function retainUntil(
  r: { providedFrom: string; providedUntil: string | null; recordedOn: string },
  method: RecordMethod = recordMethodOf(r),
): string {
  const last = r.providedUntil ?? r.providedFrom;
  const from = method === 'per_provision' && r.recordedOn > last ? r.recordedOn : last;
  const anniversary = addMonths(from, YEARS[method] * 12);
  return anniversary.slice(8) === from.slice(8) ? addDays(anniversary, -1) : anniversary;
}

/**
 * Whether provisions to the contractor are recorded here: its basis abroad is consent, or
 * it or a place it handles the data is outside Japan (a record kept where none was due
 * does no harm; one missing where it was due breaks Art. 29). A Japanese contractor
 * handling the data only in Japan is an entrustee (Art. 27(5)(i)), not a third party.
 */
export const keepsProvisionRecords = (c: {
  country: string;
  crossBorderBasis: string | null;
  processingCountries: readonly string[];
}): boolean => c.crossBorderBasis === 'consent' || c.country !== 'JP' || c.processingCountries.some((p) => p !== 'JP');

/** The countries a record may name: where the contractor is and where it handles the data. */
export const provisionCountries = (c: { country: string; processingCountries: readonly string[] }): string[] =>
  [...new Set([c.country, ...c.processingCountries])].filter((p) => p !== 'JP');

import type { DocumentRow } from '../../../db/schema';
import { addDays } from '../../domain/calendar';
import type { ServiceContext } from '../../platform/app-env';
import { type AuditInput, writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import { decodeCursor } from '../../platform/cursor';
import type { Statement } from '../../platform/db';
import type { FileStore, StoredFile } from '../../platform/files';
import { newId } from '../../platform/ids';
import { keysetPage } from '../../platform/keyset';
import { type FieldError, fieldError, invalidFields, ProblemError } from '../../platform/problem';
import { findAgreement } from '../agreements/agreements.repo';
import { findContractor } from '../contractors/contractors.repo';
import { findReview } from '../reviews/reviews.repo';
import { readCertificateMitigation } from '../settings/certificate-mitigation';
import { ACCEPTED_TYPES, detectType, extensionOf } from './content-type';
import {
  countDocumentRows,
  type DocumentFilter,
  documentContractors,
  documentDeletion,
  documentRows,
  EXPIRING_DAYS,
  getDocumentRow,
  insertDocument,
  validCertificates,
} from './documents.repo';
import type { UploadDocumentInput } from './documents.schemas';

export { EXPIRING_DAYS };

export function documentStatus(validUntil: string | null, today: string): 'valid' | 'expiring' | 'expired' | null {
  if (validUntil === null) return null;
  if (validUntil < today) return 'expired';
  return validUntil <= addDays(today, EXPIRING_DAYS) ? 'expiring' : 'valid';
}

export function presentDocument(row: DocumentRow, today: string) {
  return {
    id: row.id,
    contractorId: row.contractorId,
    kind: row.kind,
    title: row.title,
    number: row.number,
    issuer: row.issuer,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    status: documentStatus(row.validUntil, today),
    reviewId: row.reviewId,
    agreementId: row.agreementId,
    questionnaireId: row.questionnaireId,
    questionId: row.questionId,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt,
    version: row.version,
  };
}
export type DocumentView = ReturnType<typeof presentDocument>;

export const maxUploadBytes = (ctx: Pick<ServiceContext, 'config'>) => ctx.config.maxUploadMb * 1024 * 1024;

export const uploadTooLarge = (ctx: Pick<ServiceContext, 'config'>) =>
  new ProblemError(413, 'payload-too-large', `Documents may be at most ${ctx.config.maxUploadMb} MiB.`, [
    fieldError('file', 'tooLarge', { max: maxUploadBytes(ctx) }),
  ]);

function fileStore(ctx: Pick<ServiceContext, 'files'>): FileStore {
  if (!ctx.files) throw new Error('no file store configured');
  return ctx.files;
}

async function sha256Of(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The name as the uploader's machine called it, without any folder part; NFC, because
 * macOS sends Japanese names decomposed (濁点 as a separate character).
 */
function cleanFileName(name: string): string | null {
  const base = name.split(/[/\\]/).pop()?.normalize('NFC').trim() ?? '';
  // Control and bidi characters could disguise the name (e.g. "報告書\u202Efdp.exe").
  if (/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(base) || base.length > 255) return null;
  return base === '' ? 'document' : base;
}

/** Checks the references against the contractor: evidence for one contractor cannot sit on another's review. */
async function referenceErrors(ctx: UploadContext, input: UploadDocumentInput): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const contractor = await findContractor(ctx.db, input.contractorId);
  if (!contractor) errors.push(fieldError('contractorId', 'noSuchContractor', { id: input.contractorId }));
  if (input.validFrom && input.validUntil && input.validUntil < input.validFrom) {
    errors.push(fieldError('validUntil', 'notBefore', { field: 'validFrom' }));
  }
  if (input.reviewId) {
    const review = await findReview(ctx.db, input.reviewId);
    if (!review || review.contractorId !== input.contractorId)
      errors.push(fieldError('reviewId', 'notReviewOfContractor'));
  }
  if (input.agreementId) {
    const agreement = await findAgreement(ctx.db, input.agreementId);
    if (!agreement || agreement.contractorId !== input.contractorId) {
      errors.push(fieldError('agreementId', 'notAgreementOfContractor'));
    }
  }
  return errors;
}

/**
 * Evidence a contractor attached to one answer of a questionnaire, stored in the same unit
 * as the questionnaire's own statements (a guard that it still takes answers) and events.
 */
export interface EvidenceUnit {
  questionnaireId: string;
  questionId: string;
  statements: readonly Statement[];
  events: readonly AuditInput[];
}

/** Who uploads: a signed-in user, or a respondent (`respondent:<questionnaireId>`). */
export type UploadContext = Omit<ServiceContext, 'actor'> & { actor: { id: string } };

export async function uploadDocument(
  ctx: UploadContext,
  input: UploadDocumentInput,
  evidence?: EvidenceUnit,
): Promise<DocumentView> {
  if (input.file.size > maxUploadBytes(ctx)) throw uploadTooLarge(ctx);
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  if (bytes.length === 0) throw invalidFields([fieldError('file', 'empty')]);
  const fileName = cleanFileName(input.file.name);
  if (fileName === null) throw invalidFields([fieldError('file', 'oneLine')]);
  const type = detectType(bytes, fileName);
  if (!type) {
    throw new ProblemError(415, 'unsupported-media-type', `file: itaku keeps ${ACCEPTED_TYPES} files.`, [
      fieldError('file', 'wrongType', { expected: ACCEPTED_TYPES }),
    ]);
  }
  const extension = extensionOf(fileName);
  const errors: FieldError[] = [];
  if (extension !== null && !type.extensions.includes(extension)) {
    // A name that says something else than the content would mislead whoever opens it.
    errors.push(fieldError('file', 'wrongType', { expected: `${type.label} (.${type.extensions.join(', .')})` }));
  }
  errors.push(...(await referenceErrors(ctx, input)));
  if (errors.length) throw invalidFields(errors);

  const sha256 = await sha256Of(bytes);
  // Content first: a row never names bytes that are not stored. Bytes stored for a row
  // that then fails to commit are harmless: the same upload again finds them.
  await fileStore(ctx).put(sha256, bytes, type.contentType);
  const row: DocumentRow = {
    id: newId(),
    contractorId: input.contractorId,
    kind: input.kind,
    title: input.title ?? null,
    number: input.number ?? null,
    issuer: input.issuer ?? null,
    validFrom: input.validFrom ?? null,
    validUntil: input.validUntil ?? null,
    reviewId: input.reviewId ?? null,
    agreementId: input.agreementId ?? null,
    questionnaireId: evidence?.questionnaireId ?? null,
    questionId: evidence?.questionId ?? null,
    fileName,
    contentType: type.contentType,
    size: bytes.length,
    sha256,
    uploadedBy: ctx.actor.id,
    createdAt: ctx.clock.now().toISOString(),
    deletedAt: null,
    deletedBy: null,
    version: 1,
  };
  const view = presentDocument(row, ctx.clock.today());
  await writeAudited(
    ctx,
    [...(evidence?.statements ?? []), insertDocument(ctx.db, row)],
    [{ action: 'document.upload', entityType: 'document', entityId: row.id, after: view }, ...(evidence?.events ?? [])],
  );
  return view;
}

export async function getDocument(ctx: ServiceContext, id: string): Promise<DocumentView> {
  return presentDocument(await getDocumentRow(ctx.db, id), ctx.clock.today());
}

export async function listDocuments(
  ctx: ServiceContext,
  q: Omit<DocumentFilter, 'afterId' | 'limit'> & { limit: number; cursor?: string },
) {
  const today = ctx.clock.today();
  const [afterId] = decodeCursor<[string]>(q.cursor, ['string']) ?? [];
  const rows = await documentRows(ctx.db, { ...q, afterId, limit: q.limit + 1 }, today);
  return keysetPage(
    rows,
    q.limit,
    (r) => [r.id],
    (r) => presentDocument(r, today),
  );
}

export async function countDocuments(ctx: ServiceContext, q: Omit<DocumentFilter, 'afterId' | 'limit'>) {
  return countDocumentRows(ctx.db, q, ctx.clock.today());
}

/** The contractors a list of documents can be filtered by, in Japanese order. */
export async function contractorsWithDocuments(ctx: ServiceContext): Promise<{ id: string; name: string }[]> {
  const rows = await documentContractors(ctx.db, 1000);
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}

export async function documentContent(
  ctx: ServiceContext,
  id: string,
): Promise<{ row: DocumentRow; file: StoredFile }> {
  const row = await getDocumentRow(ctx.db, id);
  const file = await fileStore(ctx).get(row.sha256);
  if (!file) throw new Error(`stored content ${row.sha256} of document ${row.id} is missing`);
  return { row, file };
}

/**
 * Soft delete: the row is marked, the content stays. Evidence of supervision (APPI
 * Art. 25) must remain producible for the retention period, and other documents may
 * name the same bytes.
 */
export async function deleteDocument(
  ctx: ServiceContext & { actor: { id: string } },
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  const current = await getDocumentRow(ctx.db, id);
  checkIfMatch(ifMatch, current.version);
  const at = ctx.clock.now().toISOString();
  const before = presentDocument(current, ctx.clock.today());
  await commitVersioned(ctx, documentDeletion(ctx.db, current, at, ctx.actor.id), [
    {
      action: 'document.delete',
      entityType: 'document',
      entityId: id,
      before,
      after: { ...before, deletedAt: at, deletedBy: ctx.actor.id, version: current.version + 1 },
    },
  ]);
}

/** The certificates that can mitigate a contractor's risk: of a certified management system. */
const MITIGATING_KINDS = ['privacy_mark', 'isms_certificate'] as const;

/**
 * A contractor's valid Privacy Mark and ISMS certificates, when the organisation chose to
 * show them as mitigating its risk (setting off by default); empty otherwise.
 */
export async function riskMitigations(ctx: ServiceContext, contractorId: string) {
  const setting = await readCertificateMitigation(ctx.db);
  if (!setting.showAsMitigating) return [];
  const rows = await validCertificates(ctx.db, contractorId, MITIGATING_KINDS, ctx.clock.today());
  // One per kind: the certificate valid the longest.
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.kind) && seen.add(r.kind))
    .map((r) => ({
      kind: r.kind as (typeof MITIGATING_KINDS)[number],
      documentId: r.id,
      validUntil: r.validUntil as string,
    }));
}

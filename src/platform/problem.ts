import { fieldMessage, type MessageCode, type MessageParams } from '../i18n/messages';

/**
 * RFC 9457 problem details. Every error leaves itaku as one of these; `type` is a stable
 * URI per rule (served as documentation under /problems/{slug}).
 */
export interface FieldError {
  path: string;
  /** English, for people reading the API; pages show `code` in their own language. */
  message: string;
  /** What rule the value broke (src/i18n/messages.ts), with the figures the message names. */
  code?: MessageCode;
  params?: Record<string, string | number>;
  /** CSV imports: the 1-based data row and the column's field name. */
  row?: number;
  field?: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  requestId?: string;
}

/** The catalogue of problem types: slug → title. Later modules add their rules here. */
export const problemTypes = {
  validation: 'Request validation failed',
  'malformed-json': 'Malformed JSON body',
  'unsupported-media-type': 'Unsupported media type',
  'payload-too-large': 'Request body too large',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed for this role',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  'precondition-failed': 'Precondition failed',
  conflict: 'Conflict',
  'email-taken': 'E-mail address already in use',
  'bad-request': 'Bad request',
  'reconsignment-prohibited': 'The parent contractor may not re-consign',
  'reconsignment-scope': 'Sub-contractor data categories exceed the parent’s',
  'reconsignment-cycle': 'Re-consignment chain would contain a cycle',
  'chain-too-deep': 'Re-consignment chain too deep',
  'contractor-terminated': 'Contractor is terminated',
  'duplicate-contractor': 'Contractor already registered',
  'review-closed': 'Review already completed or cancelled',
  'selection-required': 'A passing selection review is required',
  'data-disposition-required': 'Data return or deletion not recorded',
  'invalid-transition': 'Lifecycle transition not allowed',
  'alert-resolved': 'Alert already resolved',
  'incident-closed': 'Incident already closed',
  'final-report-required': 'Final report to the PPC not recorded',
  'import-invalid': 'The import file has errors; nothing was imported',
  'too-many-attempts': 'Too many failed attempts',
  'selection-incomplete': 'The selection review left required measures unconfirmed',
  'questionnaire-exists': 'The review already has a questionnaire',
  'questionnaire-submitted': 'The questionnaire was submitted; its answers can no longer change',
  'questionnaire-incomplete': 'Required questions are unanswered',
  'questionnaire-status': 'Not possible in the questionnaire’s status',
  'built-in-template': 'Built-in templates cannot be changed',
  'template-archived': 'The template is archived',
  gone: 'The link has expired or was withdrawn',
  'reconsignment-approval-required': 'The parent’s approval of this re-consignment is not on record',
  'my-number-permission-required': 'The original consignor’s permission to re-consign My Number data is not on record',
  'sub-contractors-active': 'Sub-contractors are not terminated with their data disposition',
  'subject-notice-required': 'Notice to individuals (or its alternative) not recorded',
  'subject-request-open-tasks': 'Contractors have not all answered the request',
  'subject-request-closed': 'Subject request already closed',
  internal: 'Internal server error',
} as const;

export type ProblemSlug = keyof typeof problemTypes;

export const problemTypeUri = (slug: string): string => `/problems/${slug}`;

export class ProblemError extends Error {
  readonly status: number;
  readonly slug: ProblemSlug;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;

  constructor(status: number, slug: ProblemSlug, detail: string, errors?: FieldError[]) {
    super(detail);
    this.name = 'ProblemError';
    this.status = status;
    this.slug = slug;
    this.detail = detail;
    this.errors = errors;
  }

  toBody(requestId?: string): ProblemBody {
    return {
      type: problemTypeUri(this.slug),
      title: problemTypes[this.slug],
      status: this.status,
      detail: this.detail,
      ...(this.errors ? { errors: this.errors } : {}),
      ...(requestId ? { requestId } : {}),
    };
  }
}

export const notFound = (what: string, id: string) =>
  new ProblemError(404, 'not-found', `${what} ${JSON.stringify(id)} does not exist.`);

/** A field error by message code: the English text comes from the catalogue. */
export function fieldError<C extends MessageCode>(
  path: string,
  code: C,
  ...params: MessageParams<C> extends Record<never, never> ? [MessageParams<C>?] : [MessageParams<C>]
): FieldError {
  const p = params[0] as Record<string, string | number> | undefined;
  const message = fieldMessage(code, p, 'en');
  return p && Object.keys(p).length > 0 ? { path, message, code, params: p } : { path, message, code };
}

/** The same for a CSV import's row and column. */
export const rowError = <C extends MessageCode>(
  row: number,
  field: string,
  code: C,
  ...params: MessageParams<C> extends Record<never, never> ? [MessageParams<C>?] : [MessageParams<C>]
): FieldError & { row: number; field: string } => {
  const { path: _path, ...rest } = fieldError(field, code, ...params);
  return { row, field, ...rest } as FieldError & { row: number; field: string };
};

/** A 400 naming every offending field at once. */
export const invalidFields = (errors: FieldError[]) =>
  new ProblemError(400, 'validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);

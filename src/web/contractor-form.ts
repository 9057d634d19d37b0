import type { CreateContractorSchema, PatchContractorSchema } from '../modules/contractors/contractors.schemas';
import {
  checkProfile,
  findContractorsByName,
  getContractor,
  type Profile,
} from '../modules/contractors/contractors.service';
import { ProblemError } from '../platform/problem';
import { fieldErrors } from '../platform/router';
import { checked, type FormValues, many, one, optional } from './forms';
import { ctxOf, type WebContext } from './web-context';

/** The contractor form's fields as the API takes them. */
export function contractorInput(values: FormValues) {
  return {
    name: one(values, 'name'),
    nameKana: optional(values, 'nameKana'),
    corporateNumber: optional(values, 'corporateNumber'),
    country: optional(values, 'country') ?? 'JP',
    contactName: optional(values, 'contactName'),
    contactEmail: optional(values, 'contactEmail'),
    services: optional(values, 'services'),
    dataCategories: many(values, 'dataCategories'),
    handlesSpecialCare: checked(values, 'handlesSpecialCare'),
    handlesPaymentData: checked(values, 'handlesPaymentData'),
    systemAccess: checked(values, 'systemAccess'),
    subjectCount: one(values, 'subjectCount').trim() === '' ? 0 : Number(one(values, 'subjectCount')),
    parentId: optional(values, 'parentId'),
    crossBorderBasis: optional(values, 'crossBorderBasis'),
    riskTierOverride: optional(values, 'riskTierOverride'),
    riskOverrideReason: optional(values, 'riskOverrideReason'),
    processingCountries: [...new Set(many(values, 'processingCountries').filter((c) => c.trim() !== ''))],
    crossBorderConsent: group(values, 'crossBorderConsent', [
      'informedOn',
      'countryName',
      'systemInfo',
      'measuresInfo',
    ]),
    countryNotes: submittedNotes(values).map(({ country, notes, checkedOn }) => ({
      country,
      notes,
      checkedOn: checkedOn || null,
    })),
    reconsignmentApproval: group(values, 'reconsignmentApproval', ['approvedOn', 'approvedBy', 'work', 'handling']),
    myNumberPermission: group(values, 'myNumberPermission', ['permittedOn', 'permittedBy']),
  };
}

/**
 * A fieldset's inputs (`<name>.<key>`) as the object the API takes, or null when every one
 * is empty (nothing on record); a partly filled one goes to the schema, which names the gaps.
 */
function group<K extends string>(values: FormValues, name: string, keys: readonly K[]): Record<K, string> | null {
  const entries = keys.map((k) => [k, one(values, `${name}.${k}`).trim()] as const);
  return entries.every(([, v]) => v === '') ? null : (Object.fromEntries(entries) as Record<K, string>);
}

/** The 10-7 note rows of the form, in page order (`noteCountry`, `noteText`, `noteCheckedOn`). */
export function noteRows(values: FormValues): { country: string; notes: string; checkedOn: string }[] {
  const countries = many(values, 'noteCountry');
  const texts = many(values, 'noteText');
  const dates = many(values, 'noteCheckedOn');
  return countries.map((country, i) => ({ country, notes: texts[i] ?? '', checkedOn: dates[i] ?? '' }));
}

/** The rows sent as notes: those with something typed; `countryNotes.<i>` in errors counts these. */
export const submittedNotes = (values: FormValues) =>
  noteRows(values).filter((r) => r.notes.trim() !== '' || r.checkedOn.trim() !== '');

/** A contractor the parent choice offers: one found by the search, or the one chosen already. */
export interface ParentOption {
  id: string;
  name: string;
  nameKana: string | null;
}

/** What the parent field shows: the choice so far, and the contractors the search found. */
export interface ParentChoice {
  chosen: ParentOption | null;
  /** The text searched for on this round, or null when nobody searched. */
  searched: string | null;
  found: ParentOption[];
}

const MAX_FOUND = 20;

/**
 * The parent is chosen by search, not typed: a non-empty search field means "show me the
 * matches" (the search button, or Enter in that field), and the form comes back with them
 * as choices instead of being saved. `selfId` (editing) is never offered as its own parent.
 */
export async function parentChoice(c: WebContext, values: FormValues, selfId?: string): Promise<ParentChoice> {
  const ctx = ctxOf(c);
  const searched = optional(values, 'parentQuery');
  const chosenId = optional(values, 'parentId');
  let chosen: ParentOption | null = null;
  if (chosenId) {
    try {
      const view = await getContractor(ctx, chosenId);
      chosen = { id: view.id, name: view.name, nameKana: view.nameKana };
    } catch (err) {
      // An unknown id is the service's to refuse, next to the field; the choice shows it as typed.
      if (!(err instanceof ProblemError && err.status === 404)) throw err;
      chosen = { id: chosenId, name: chosenId, nameKana: null };
    }
  }
  const found = searched
    ? (await findContractorsByName(ctx, searched, MAX_FOUND + 1)).filter((f) => f.id !== selfId && f.id !== chosenId)
    : [];
  return { chosen, searched, found: found.slice(0, MAX_FOUND) };
}

/** A registered contractor as the edit form shows it. */
export function contractorValues(view: Awaited<ReturnType<typeof getContractor>>): FormValues {
  const flag = (b: boolean) => (b ? 'on' : '');
  return {
    name: view.name,
    nameKana: view.nameKana ?? '',
    corporateNumber: view.corporateNumber ?? '',
    country: view.country,
    contactName: view.contactName ?? '',
    contactEmail: view.contactEmail ?? '',
    services: view.services ?? '',
    dataCategories: view.dataCategories,
    handlesSpecialCare: flag(view.handlesSpecialCare),
    handlesPaymentData: flag(view.handlesPaymentData),
    systemAccess: flag(view.systemAccess),
    subjectCount: String(view.subjectCount),
    parentId: view.parentId ?? '',
    crossBorderBasis: view.crossBorderBasis ?? '',
    riskTierOverride: view.riskTierOverride ?? '',
    riskOverrideReason: view.riskOverrideReason ?? '',
    processingCountries: view.processingCountries,
    ...flatten('crossBorderConsent', view.crossBorderConsent),
    ...flatten('reconsignmentApproval', view.reconsignmentApproval),
    ...flatten('myNumberPermission', view.myNumberPermission),
    noteCountry: view.countryNotes.map((n) => n.country),
    noteText: view.countryNotes.map((n) => n.notes),
    noteCheckedOn: view.countryNotes.map((n) => n.checkedOn ?? ''),
    version: String(view.version),
  };
}

const flatten = (name: string, record: object | null): FormValues =>
  Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [`${name}.${k}`, String(v ?? '')]));

/**
 * Parses the form's contractor; when the shape is wrong, the registry's own checks
 * (corporate number, country, cross-border basis, override reason) are reported in the
 * same answer, so a form never needs two rounds to show every mistake.
 */
export function parseAllErrors<S extends typeof CreateContractorSchema | typeof PatchContractorSchema>(
  schema: S,
  input: ReturnType<typeof contractorInput>,
): ReturnType<S['parse']> {
  const shape = schema.safeParse(input);
  if (shape.success) return shape.data as ReturnType<S['parse']>;
  const errors = fieldErrors(shape.error.issues);
  const domain = checkProfile({
    ...input,
    crossBorderBasis: input.crossBorderBasis as Profile['crossBorderBasis'],
    riskTierOverride: input.riskTierOverride as Profile['riskTierOverride'],
    crossBorderConsent: input.crossBorderConsent as Profile['crossBorderConsent'],
  }).errors.filter((e) => !errors.some((x) => x.path.split('.')[0] === e.path));
  throw new ProblemError(400, 'validation', 'invalid form', [...errors, ...domain]);
}

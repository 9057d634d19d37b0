import { findContractorRefs } from '../modules/contractors/contractors.repo';
import type { CreateContractorSchema, PatchContractorSchema } from '../modules/contractors/contractors.schemas';
import { checkProfile, type getContractor, type Profile } from '../modules/contractors/contractors.service';
import { ProblemError } from '../platform/problem';
import { fieldErrors } from '../platform/router';
import { checked, type FormValues, many, one, optional } from './forms';
import type { WebContext } from './web-context';

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
    crossBorderBasis: optional(values, 'crossBorderBasis'),
    riskTierOverride: optional(values, 'riskTierOverride'),
    riskOverrideReason: optional(values, 'riskOverrideReason'),
  };
}

/** The parent typed by name (or id) → its id; a form error when it names none or several. */
export async function resolveParent(c: WebContext, values: FormValues): Promise<string | null> {
  const typed = optional(values, 'parentName');
  if (!typed) return null;
  const found = await findContractorRefs(c.var.deps.db, typed);
  if (found.length === 1 && found[0]) return found[0];
  const message = found.length ? 'several contractors have this name; enter the ID' : 'no contractor has this name';
  throw new ProblemError(400, 'validation', message, [{ path: 'parentName', message }]);
}

/** A registered contractor as the edit form shows it. */
export function contractorValues(view: Awaited<ReturnType<typeof getContractor>>, parentName: string): FormValues {
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
    parentName,
    crossBorderBasis: view.crossBorderBasis ?? '',
    riskTierOverride: view.riskTierOverride ?? '',
    riskOverrideReason: view.riskOverrideReason ?? '',
    version: String(view.version),
  };
}

/**
 * Parses the form's contractor; when the shape is wrong, the registry's own checks
 * (corporate number, country, cross-border basis, override reason) are reported in the
 * same answer, so a form never needs two rounds to show every mistake.
 */
export function parseAllErrors<S extends typeof CreateContractorSchema | typeof PatchContractorSchema>(
  schema: S,
  input: ReturnType<typeof contractorInput> & { parentId: string | null },
): ReturnType<S['parse']> {
  const shape = schema.safeParse(input);
  if (shape.success) return shape.data as ReturnType<S['parse']>;
  const errors = fieldErrors(shape.error.issues);
  const domain = checkProfile({
    ...input,
    crossBorderBasis: input.crossBorderBasis as Profile['crossBorderBasis'],
    riskTierOverride: input.riskTierOverride as Profile['riskTierOverride'],
  }).errors.filter((e) => !errors.some((x) => x.path.split('.')[0] === e.path));
  throw new ProblemError(400, 'validation', 'invalid form', [...errors, ...domain]);
}

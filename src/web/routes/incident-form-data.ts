import { checked, type FormValues, one, optional } from '../forms';
import { pickLang } from '../i18n';
import { type FormState, refusal } from '../pages/incident-fields';
import { FACTORS } from '../pages/incident-form';
import type { WebContext } from '../web-context';

/** Where the reports go, as the form's radio buttons and minister's name say. */
const authorityOf = (values: FormValues) =>
  one(values, 'authority.kind') === 'delegated_minister'
    ? { kind: 'delegated_minister' as const, minister: one(values, 'authority.minister') }
    : { kind: 'ppc' as const };

/** The facts as the form sent them, shaped as the API's bodies take them; an emptied date is cleared. */
export function facts(values: FormValues) {
  const count = one(values, 'affectedCount').trim();
  return {
    summary: one(values, 'summary'),
    discoveredOn: optional(values, 'discoveredOn') ?? undefined,
    affectedCount: count === '' ? undefined : Number(count),
    factors: {
      ...Object.fromEntries(FACTORS.map((f) => [f, checked(values, `factors.${f}`)])),
      highlyEncrypted: checked(values, 'factors.highlyEncrypted'),
    },
    encryptionNote: optional(values, 'encryptionNote'),
    contractorAwareOn: optional(values, 'contractorAwareOn'),
    contractorNotifiedOn: optional(values, 'contractorNotifiedOn'),
    becameReportableOn: optional(values, 'becameReportableOn'),
    reportedJointly: checked(values, 'reportedJointly'),
    authority: authorityOf(values),
  };
}

/** A refused form: its problems by field, in the reader's language, with what was typed. */
export const refused = (c: WebContext, values: FormValues, err: unknown): FormState => ({
  values,
  ...refusal(err, pickLang(c)),
});

import { z } from '@hono/zod-openapi';
import { criterionMinimums } from '../../domain/selection';

const Minimum = z.enum(criterionMinimums).openapi('SelectionCriterionMinimum');
/** basicPolicy (10-1) alone may have no minimum: the guideline calls it important, not required. */
const Optional = Minimum.nullable().openapi({ description: 'null: no minimum (a recommended category)' });

const fields = {
  basicPolicy: Optional,
  handlingRules: Minimum,
  organizational: Minimum,
  human: Minimum,
  physical: Minimum,
  technical: Minimum,
  externalEnvironment: Minimum.openapi({ description: 'Applies only when the data is handled abroad' }),
};

export const SelectionCriteriaSchema = z
  .object({
    checklist: z.object(fields).openapi({
      description:
        'The lowest rating the deciding selection review may give each category for the contractor to be approved; needs_improvement is the floor the guideline sets for a required category.',
    }),
    version: z.number().int().openapi({ description: '0 while the defaults apply (never changed)' }),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .openapi('SelectionCriteria', { description: 'The company’s selection criteria (選定基準; 通則編 3-4-4 (1))' });

export const PatchSelectionCriteriaSchema = z
  .strictObject({ checklist: z.strictObject(fields).partial() })
  .openapi('PatchSelectionCriteria', { description: 'Only the categories sent change.' });

export type PatchSelectionCriteriaInput = z.infer<typeof PatchSelectionCriteriaSchema>;

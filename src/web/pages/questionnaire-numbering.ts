import type { QuestionnaireTemplate, TemplateSection } from '../../domain/questionnaire/template';
import type { I18n } from '../i18n';

/**
 * How a question is numbered on the page: the guideline's own number (10-3-1) where the
 * template uses one, else its place in its section ("(3)").
 */
export function questionNumbers(template: QuestionnaireTemplate): Map<string, string> {
  const numbers = new Map<string, string>();
  for (const s of template.sections) {
    s.questions.forEach((q, i) => {
      numbers.set(q.id, /^\d/.test(q.id) ? q.id : `(${i + 1})`);
    });
  }
  return numbers;
}

/** A section's heading: its guideline number (10-3) when it has one, and its title. */
export const sectionHeading = (i18n: I18n, s: TemplateSection) =>
  /^\d/.test(s.id) ? `${s.id} ${i18n.text(s.title)}` : i18n.text(s.title);

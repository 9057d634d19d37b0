import {
  type QuestionnaireTemplate,
  type QuestionType,
  questionTypes,
  type TemplateQuestion,
} from '../../domain/questionnaire/template';
import { type FormValues, one } from '../forms';
import { FieldError, Layout } from '../layout';
import { inLang } from './questionnaire-shared';
import { typeText } from './questionnaire-templates';
import { type FormProps, Input, Problems } from './supervision';

/** The field names of one question of the edit form: by the question's id, so a reordered template keeps them. */
export const questionField = (questionId: string, field: string) => `q.${questionId}.${field}`;
/** The fields of the "add a question" block of a section. */
export const newField = (sectionId: string, field: string) => `new.${sectionId}.${field}`;

const WEIGHTS = ['1', '2', '3'] as const;

const invalid = (errors: Record<string, string>, name: string) =>
  errors[name] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${name}-error` } : {};

/** What the form shows in a field: what was typed if it came back, else what is saved. */
function shown(values: FormValues, name: string, saved: string): string {
  return name in values ? one(values, name) : saved;
}

function Text(props: FormProps & { name: string; label: string; saved: string; lang: 'ja' | 'en' }) {
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      <textarea id={props.name} name={props.name} rows={3} lang={props.lang} {...invalid(props.errors, props.name)}>
        {shown(props.values, props.name, props.saved)}
      </textarea>
      <FieldError id={props.name} error={props.errors[props.name]} />
    </div>
  );
}

function Check(props: FormProps & { name: string; label: string; saved: boolean; present: boolean }) {
  // A box left unticked is absent from the form: what came back decides only when the block came back.
  const on = props.present ? one(props.values, props.name) === 'on' : props.saved;
  return (
    <label class="check" for={props.name}>
      <input type="checkbox" id={props.name} name={props.name} checked={on} /> {props.label}
    </label>
  );
}

function Options(
  props: FormProps & {
    name: string;
    label: string;
    saved: string;
    options: readonly { value: string; text: string }[];
  },
) {
  const value = shown(props.values, props.name, props.saved);
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name} {...invalid(props.errors, props.name)}>
        {props.options.map((o) => (
          <option value={o.value} selected={value === o.value}>
            {o.text}
          </option>
        ))}
      </select>
      <FieldError id={props.name} error={props.errors[props.name]} />
    </div>
  );
}

function QuestionFields(props: FormProps & { question: TemplateQuestion }) {
  const { question: q, page } = props;
  const { t } = page.i18n;
  const f = (field: string) => questionField(q.id, field);
  const present = f('present') in props.values;
  const weights = WEIGHTS.map((w) => ({ value: w, text: t('qn.weightN', { n: w }) }));
  return (
    <fieldset class="qn-edit-q">
      <legend>
        {q.id} · {typeText(page.i18n, q.type)}
      </legend>
      <input type="hidden" name={f('present')} value="1" />
      <Text {...props} name={f('textJa')} label={t('qn.tpl.textJa')} saved={q.text.ja} lang="ja" />
      <Text {...props} name={f('textEn')} label={t('qn.tpl.textEn')} saved={q.text.en} lang="en" />
      <Options {...props} name={f('weight')} label={t('qn.weight')} saved={String(q.weight)} options={weights} />
      <Check {...props} name={f('required')} label={t('qn.required')} saved={q.required} present={present} />
      <Check {...props} name={f('remove')} label={t('qn.tpl.remove')} saved={false} present={present} />
    </fieldset>
  );
}

function NewQuestion(props: FormProps & { sectionId: string }) {
  const { page, sectionId } = props;
  const { t } = page.i18n;
  const f = (field: string) => newField(sectionId, field);
  const types = questionTypes.map((v: QuestionType) => ({ value: v, text: typeText(page.i18n, v) }));
  const weights = WEIGHTS.map((w) => ({ value: w, text: t('qn.weightN', { n: w }) }));
  return (
    <details class="qn-add" open={f('textJa') in props.errors || f('textEn') in props.errors || undefined}>
      <summary>{t('qn.tpl.add')}</summary>
      <p class="hint">{t('qn.tpl.addHint')}</p>
      <Text {...props} name={f('textJa')} label={t('qn.tpl.textJa')} saved="" lang="ja" />
      <Text {...props} name={f('textEn')} label={t('qn.tpl.textEn')} saved="" lang="en" />
      <Options {...props} name={f('type')} label={t('qn.tpl.type')} saved="yes_partly_no" options={types} />
      <Options {...props} name={f('weight')} label={t('qn.weight')} saved="2" options={weights} />
      <Check
        {...props}
        name={f('required')}
        label={t('qn.required')}
        saved={true}
        present={f('textJa') in props.values}
      />
    </details>
  );
}

/**
 * A custom template's edit form, one section at a time (a whole template is some fifty
 * questions): its names, each question's wording in both languages, whether it is
 * required, its weight, removing it, and adding one to the section. It is saved against
 * the version it was opened at (If-Match); after a conflict the typing stays.
 */
export function TemplateEditPage(
  props: FormProps & {
    template: QuestionnaireTemplate;
    sectionId: string;
    conflict: boolean;
    notice: string | null;
  },
) {
  const { page, template } = props;
  const { t } = page.i18n;
  const title = t('qn.tpl.editTitle', { name: inLang(page.i18n, template.name) });
  const values: FormValues = { nameJa: template.name.ja, nameEn: template.name.en, ...props.values };
  const form = { ...props, values };
  const base = `/questionnaire-templates/${template.id}/edit`;
  const shownSection = template.sections.find((s) => s.id === props.sectionId);
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.conflict ? (
        <p class="notice error" role="alert">
          {t('qn.tpl.conflict')}
        </p>
      ) : (
        <Problems {...props} />
      )}
      <nav class="qn-sections" aria-label={t('qn.tpl.sections')}>
        <p class="hint">{t('qn.tpl.sectionsHint')}</p>
        <ul>
          {template.sections.map((s) => (
            <li>
              <a
                href={`${base}?section=${encodeURIComponent(s.id)}`}
                aria-current={s.id === props.sectionId ? 'page' : undefined}
              >
                {s.id} {inLang(page.i18n, s.title)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="post" action={`${base}?section=${encodeURIComponent(props.sectionId)}`} novalidate>
        <input type="hidden" name="_csrf" value={page.csrf} />
        <input type="hidden" name="version" value={String(template.version)} />
        <Input {...form} name="nameJa" label={t('qn.tpl.nameJa')} required />
        <Input {...form} name="nameEn" label={t('qn.tpl.nameEn')} required />
        {shownSection ? (
          <section class="qn-edit-section" aria-labelledby="esec">
            <h2 id="esec">
              {shownSection.id} {inLang(page.i18n, shownSection.title)}
            </h2>
            {shownSection.questions.map((q) => (
              <QuestionFields {...form} question={q} />
            ))}
            <NewQuestion {...form} sectionId={shownSection.id} />
          </section>
        ) : null}
        <p class="actions qn-save">
          <button type="submit">{t('qn.tpl.save')}</button>
          <a class="button secondary" href={`/questionnaire-templates/${template.id}`}>
            {t('qn.tpl.cancelEdit')}
          </a>
        </p>
      </form>
    </Layout>
  );
}

import type { Localized, QuestionnaireTemplate, QuestionType } from '../../domain/questionnaire/template';
import type { I18n, MessageKey } from '../i18n';
import { Badge, Layout, type PageContext } from '../layout';
import { StackTable } from '../list-table';
import { type ListPaging, Pager } from '../pager';
import { categoryText } from './questionnaire-answers';
import { inLang } from './questionnaire-shared';

export interface TemplateRow {
  id: string;
  name: Localized;
  version: number;
  sectionCount: number;
  questionCount: number;
  builtIn: boolean;
}

export const typeText = (i18n: I18n, type: QuestionType) => i18n.t(`qn.type.${type}` as MessageKey);

/** Copying is how a custom template starts: a POST (it creates one), then its edit form. */
function CopyForm(props: { page: PageContext; id: string; name: string }) {
  const { t } = props.page.i18n;
  return (
    <form class="inline" method="post" action={`/questionnaire-templates/${props.id}/copy`}>
      <input type="hidden" name="_csrf" value={props.page.csrf} />
      <button type="submit" class="secondary" aria-label={t('qn.tpl.copyOf', { name: props.name })}>
        {t('qn.tpl.copy')}
      </button>
    </form>
  );
}

/** The templates that can be sent: the built-in ones (read-only) and compliance's own copies. */
export function TemplateListPage(props: {
  page: PageContext;
  items: TemplateRow[];
  pager: ListPaging;
  canEdit: boolean;
  notice: string | null;
}) {
  const { page } = props;
  const { t } = page.i18n;
  return (
    <Layout page={page} title={t('qn.tpl.title')}>
      <h1>{t('qn.tpl.title')}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p class="hint">{t('qn.tpl.intro')}</p>
      <StackTable
        i18n={page.i18n}
        class="qn-templates"
        columns={[
          t('qn.tpl.name'),
          t('qn.tpl.kind'),
          { text: t('qn.tpl.version'), class: 'num' },
          { text: t('qn.tpl.questions'), class: 'num' },
          props.canEdit ? t('qn.tpl.actions') : null,
        ]}
        empty={false}
      >
        {props.items.map((x) => (
          <tr data-template={x.id}>
            <td data-label={t('qn.tpl.name')}>
              <a href={`/questionnaire-templates/${x.id}`}>{inLang(page.i18n, x.name)}</a>
            </td>
            <td data-label={t('qn.tpl.kind')}>{x.builtIn ? t('qn.tpl.builtIn') : t('qn.tpl.custom')}</td>
            <td data-label={t('qn.tpl.version')} class="num">
              {x.version}
            </td>
            <td data-label={t('qn.tpl.questions')} class="num">
              {t('qn.tpl.counts', { sections: x.sectionCount, questions: x.questionCount })}
            </td>
            {props.canEdit ? (
              <td data-label={t('qn.tpl.actions')}>
                <span class="actions">
                  <CopyForm page={page} id={x.id} name={inLang(page.i18n, x.name)} />
                  {x.builtIn ? null : (
                    <a class="button secondary" href={`/questionnaire-templates/${x.id}/edit`}>
                      {t('qn.tpl.edit')}
                    </a>
                  )}
                </span>
              </td>
            ) : null}
          </tr>
        ))}
      </StackTable>
      <Pager i18n={page.i18n} {...props.pager} shown={props.items.length} />
      <p>
        <a href="/questionnaires">{t('qn.toList')}</a>
      </p>
    </Layout>
  );
}

/** One template, every question in the page's language with its type, weight, category and expected evidence. */
export function TemplatePage(props: {
  page: PageContext;
  template: QuestionnaireTemplate;
  builtIn: boolean;
  canEdit: boolean;
  notice: string | null;
}) {
  const { page, template } = props;
  const { t } = page.i18n;
  const name = inLang(page.i18n, template.name);
  return (
    <Layout page={page} title={name}>
      <h1>
        {name} <Badge value="qn-tpl" label={props.builtIn ? t('qn.tpl.builtIn') : t('qn.tpl.custom')} />
      </h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>
        {t('qn.tpl.versionN', { n: template.version })} · {props.builtIn ? t('qn.tpl.readOnly') : t('qn.tpl.editable')}
      </p>
      {props.canEdit ? (
        <p class="actions">
          <CopyForm page={page} id={template.id} name={name} />
          {props.builtIn ? null : (
            <a class="button" href={`/questionnaire-templates/${template.id}/edit`}>
              {t('qn.tpl.edit')}
            </a>
          )}
        </p>
      ) : null}
      {template.sections.map((s) => (
        <section aria-labelledby={`tsec-${s.id}`}>
          <h2 id={`tsec-${s.id}`}>
            {s.id} {inLang(page.i18n, s.title)}
          </h2>
          <ul class="qn-questions">
            {s.questions.map((q) => (
              <li>
                <p>
                  <span class="qn-qid">{q.id}</span> {inLang(page.i18n, q.text)}
                </p>
                <p class="muted">
                  {typeText(page.i18n, q.type)} · {q.required ? t('qn.required') : t('qn.optional')} ·{' '}
                  {t('qn.weightN', { n: q.weight })} · {categoryText(page.i18n, q.category)}
                </p>
                {q.evidence ? (
                  <p class="hint">
                    {t('qn.evidence')}: {inLang(page.i18n, q.evidence)}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p>
        <a href="/questionnaire-templates">{t('qn.tpl.back')}</a>
      </p>
    </Layout>
  );
}

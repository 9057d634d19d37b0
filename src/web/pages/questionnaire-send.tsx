import type { Localized } from '../../domain/questionnaire/template';
import { labels } from '../../i18n/labels';
import type { ReviewView } from '../../modules/reviews/reviews.present';
import { FieldError, Layout, type PageContext } from '../layout';
import { inLang, type QuestionnaireSummary, StatusBadges } from './questionnaire-shared';
import { type FormProps, Input, Problems } from './supervision';

/** The review a questionnaire is sent for, as the send form names it. */
export interface ReviewForSending {
  id: string;
  kind: ReviewView['kind'];
  dueDate: string;
  contractorId: string;
  contractorName: string;
}

export interface TemplateChoice {
  id: string;
  name: Localized;
  builtIn: boolean;
}

const invalid = (errors: Record<string, string>, name: string) =>
  errors[name] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${name}-error` } : {};

/** One choice of a small, fixed list, its error next to it. */
function Choice(props: FormProps & { name: string; label: string; options: { value: string; text: string }[] }) {
  const chosen = props.values[props.name];
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name} required {...invalid(props.errors, props.name)}>
        {props.options.map((o) => (
          <option value={o.value} selected={chosen === o.value}>
            {o.text}
          </option>
        ))}
      </select>
      <FieldError id={props.name} error={props.errors[props.name]} />
    </div>
  );
}

/**
 * The form that sends a self-assessment (委託先チェックシート) to the review's contractor:
 * which template, to whom, by when, in which language. A review with a live questionnaire
 * says so instead and links to it.
 */
export function QuestionnaireSendPage(
  props: FormProps & {
    review: ReviewForSending;
    templates: TemplateChoice[];
    existing: QuestionnaireSummary | null;
    emailConfigured: boolean;
  },
) {
  const { page, review } = props;
  const { t, label, date } = page.i18n;
  const title = t('qn.send.title');
  return (
    <Layout page={page} title={title}>
      <h1>
        {title}: {review.contractorName}
      </h1>
      <p>
        <a href={`/reviews/${review.id}`}>
          {label(labels.reviewKind, review.kind)} · {t('r.dueDate')} {date(review.dueDate)}
        </a>
      </p>
      {props.existing ? (
        <div class="notice warn" role="status">
          <p>
            {t('qn.send.exists')} <StatusBadges i18n={page.i18n} q={props.existing} />
          </p>
          <p>
            <a href={`/questionnaires/${props.existing.id}`}>{t('qn.open')}</a>
          </p>
        </div>
      ) : null}
      {props.existing ? null : <SendForm {...props} />}
    </Layout>
  );
}

function SendForm(
  props: FormProps & { review: ReviewForSending; templates: TemplateChoice[]; emailConfigured: boolean },
) {
  const { page, review } = props;
  const { t } = page.i18n;
  return (
    <>
      <Problems {...props} />
      <p class="hint">{props.emailConfigured ? t('qn.send.hintMail') : t('qn.send.hintNoMail')}</p>
      <form method="post" action={`/reviews/${review.id}/questionnaire`} novalidate>
        <input type="hidden" name="_csrf" value={page.csrf} />
        <Choice
          {...props}
          name="templateId"
          label={t('qn.template')}
          options={props.templates.map((x) => ({
            value: x.id,
            // Custom templates are marked: the built-in one's name says what it is.
            text: `${inLang(page.i18n, x.name)}${x.builtIn ? '' : ` (${t('qn.tpl.custom')})`}`,
          }))}
        />
        <Input {...props} name="recipientName" label={t('qn.recipientName')} required />
        <Input {...props} name="recipientEmail" label={t('qn.recipientEmail')} type="email" required />
        <Input {...props} name="dueDate" label={t('qn.dueDate')} type="date" required />
        <Choice
          {...props}
          name="language"
          label={t('qn.language')}
          options={[
            { value: 'ja', text: t('qn.lang.ja') },
            { value: 'en', text: t('qn.lang.en') },
          ]}
        />
        <p class="actions">
          <button type="submit">{t('qn.send.submit')}</button>
          <a class="button secondary" href={`/reviews/${review.id}`}>
            {t('rev.backToReview')}
          </a>
        </p>
      </form>
    </>
  );
}

/**
 * The respondent's link, shown this once (on the response to the POST that made it, never
 * in an address): only its hash is kept, so nobody can show it again, not even itaku.
 */
export function QuestionnaireLinkPage(props: {
  page: PageContext;
  questionnaire: QuestionnaireSummary;
  respondentUrl: string;
  emailConfigured: boolean;
  resent: boolean;
}) {
  const { page, questionnaire: q } = props;
  const { t, date } = page.i18n;
  const title = props.resent ? t('qn.link.resentTitle') : t('qn.link.title');
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p class="notice" role="status">
        {t('qn.link.sentTo', { name: q.recipientName, email: q.recipientEmail, contractor: q.contractorName })}
      </p>
      <div class="qn-link">
        <label for="respondent-url">{t('qn.link.label')}</label>
        <input
          type="text"
          id="respondent-url"
          readonly
          value={props.respondentUrl}
          aria-describedby="respondent-url-hint"
          spellcheck={false}
          autocomplete="off"
        />
        <p class="hint" id="respondent-url-hint">
          {t('qn.link.once')}
        </p>
      </div>
      <p>{props.emailConfigured ? t('qn.link.mailed') : t('qn.link.notMailed')}</p>
      {props.resent ? <p>{t('qn.link.oldStops')}</p> : null}
      <p>
        {t('qn.dueDate')}: {date(q.dueDate)} · {t('qn.expiresAt')}: {page.i18n.dateTime(q.expiresAt)}
      </p>
      <p class="actions">
        <a class="button" href={`/questionnaires/${q.id}`}>
          {t('qn.open')}
        </a>
        <a class="button secondary" href={`/reviews/${q.reviewId}`}>
          {t('rev.backToReview')}
        </a>
      </p>
    </Layout>
  );
}

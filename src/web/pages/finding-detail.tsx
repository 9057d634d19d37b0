import type { Child } from 'hono/jsx';
import { labels, overdueLabel } from '../../i18n/labels';
import type { FindingView, ReviewView } from '../../modules/reviews/reviews.present';
import { one } from '../forms';
import { Badge, Layout, type PageContext } from '../layout';
import { Facts, Field, type FormState, FormSummary, FormTokens, TextArea } from './incident-fields';

/** One corrective action: what was found, where, by when, and for compliance the form that resolves it. */
export function FindingDetailPage(props: {
  page: PageContext;
  today: string;
  finding: FindingView;
  contractorName: string;
  review: ReviewView | null;
  /** The list this page was opened from, to go back (and return to after resolving). */
  back: string;
  canResolve: boolean;
  form: FormState;
  /** A post came back refused: the form stays even if the finding was resolved meanwhile. */
  refused: boolean;
  notice: string | null;
}) {
  const { page, finding: f, review, form } = props;
  const { t, label, text, date } = page.i18n;
  const title = t('fnd.detail', { name: props.contractorName });
  const status = f.overdue ? text(overdueLabel) : label(labels.findingStatus, f.status);
  return (
    <Layout page={page} title={title}>
      <h1>
        {title} <Badge value={f.overdue ? 'overdue' : f.status} label={status} />
      </h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>
        <a href={props.back}>{t('fnd.back')}</a>
      </p>
      <Facts
        rows={[
          [t('fnd.contractor'), <a href={`/contractors/${f.contractorId}`}>{props.contractorName}</a>],
          [
            t('fnd.review'),
            review ? (
              <a href={`/reviews/${review.id}`}>
                {label(labels.reviewKind, review.kind)} · {date(review.completedOn ?? review.dueDate)}
              </a>
            ) : (
              t('fnd.noReview')
            ),
          ],
          [t('r.severity'), <Badge value={f.severity} label={label(labels.findingSeverity, f.severity)} />],
          [t('r.category'), label(labels.findingCategory, f.category)],
          [t('r.description'), <span class="text-block">{f.description}</span>],
          [t('r.findingDue'), date(f.dueDate)],
          [t('fnd.status'), status],
          ...(f.status === 'resolved'
            ? ([
                [t('fnd.resolvedOn'), date(f.resolvedOn)],
                [t('fnd.note'), f.resolutionNote ? <span class="text-block">{f.resolutionNote}</span> : null],
              ] as [string, Child][])
            : []),
        ]}
      />
      {props.canResolve && (f.status === 'open' || props.refused) ? (
        <section aria-labelledby="resolve">
          <h2 id="resolve">{t('fnd.resolveTitle')}</h2>
          <FormSummary page={page} form={form} />
          <form method="post" action={`/findings/${f.id}/resolve`} novalidate>
            <FormTokens page={page} version={one(form.values, 'version') || String(f.version)} />
            <input type="hidden" name="back" value={props.back} />
            <p class="field-hint">{t('fnd.resolveHint')}</p>
            <Field
              form={form}
              name="resolvedOn"
              label={t('fnd.resolvedOn')}
              type="date"
              attrs={{ required: true, max: props.today }}
            />
            <TextArea form={form} name="resolutionNote" label={t('fnd.note')} />
            <p class="actions">
              <button type="submit">{t('fnd.markResolved')}</button>
            </p>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

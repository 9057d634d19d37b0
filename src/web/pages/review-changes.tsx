import type { ReviewView } from '../../modules/reviews/reviews.present';
import { Confirm, type FormProps, Input, TextArea } from './supervision';

/** Reschedule, reassign and cancel: each its own small form, every one naming the version it changes. */
export function ChangeForms(props: { form: FormProps; review: ReviewView }) {
  const { form, review } = props;
  const { t } = form.page.i18n;
  const hidden = (
    <>
      <input type="hidden" name="_csrf" value={form.page.csrf} />
      <input type="hidden" name="version" value={String(review.version)} />
    </>
  );
  return (
    <section aria-labelledby="change" class="changes">
      <h2 id="change">{t('rev.change')}</h2>
      <form method="post" action={`/reviews/${review.id}/reschedule`} novalidate aria-labelledby="reschedule">
        <h3 id="reschedule">{t('rev.reschedule')}</h3>
        {hidden}
        <Input {...form} name="dueDate" label={t('rev.newDueDate')} type="date" required />
        <p class="actions">
          <button type="submit">{t('rev.reschedule')}</button>
        </p>
      </form>
      <form method="post" action={`/reviews/${review.id}/reassign`} novalidate aria-labelledby="reassign">
        <h3 id="reassign">{t('rev.reassign')}</h3>
        {hidden}
        <Input {...form} name="assignee" label={t('rev.newAssignee')} />
        <p class="actions">
          <button type="submit">{t('rev.reassign')}</button>
        </p>
      </form>
      <form method="post" action={`/reviews/${review.id}/cancel`} novalidate aria-labelledby="cancel" class="danger">
        <h3 id="cancel">{t('rev.cancel')}</h3>
        <p class="muted">{t('rev.cancelHint')}</p>
        {hidden}
        <TextArea {...form} name="reason" label={t('rev.cancelReason')} required />
        <Confirm {...form} name="confirm" label={t('rev.cancelConfirm')} />
        <p class="actions">
          <button type="submit" class="danger">
            {t('rev.cancel')}
          </button>
        </p>
      </form>
    </section>
  );
}

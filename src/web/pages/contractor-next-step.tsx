import type { Child } from 'hono/jsx';
import type { ContractorStatus, ReviewOutcome } from '../../domain/supervision';
import { labels } from '../../i18n/labels';
import type { ContractorView } from '../../modules/contractors/contractors.service';
import type { ReviewView } from '../../modules/reviews/reviews.present';
import type { PageContext } from '../layout';

/** The review that decides selection (the latest selection review, or the follow-up after it). */
export interface SelectionState {
  latest: { kind: 'selection' | 'follow_up'; outcome: string | null; completedOn: string } | null;
  passed: boolean;
}

const isOpen = (r: ReviewView) => r.status === 'scheduled' || r.status === 'in_progress';

/**
 * What to do next with a contractor on its way to being entrusted with data, in words, and
 * the one action that takes it there: schedule or complete the selection review, after a
 * failed one the follow-up (or a new selection), then approve, then activate.
 */
export function NextStep(props: {
  page: PageContext;
  contractor: ContractorView;
  selection: SelectionState;
  reviews: ReviewView[];
  canSupervise: boolean;
}) {
  const { t, label, date } = props.page.i18n;
  const c = props.contractor;
  const status: ContractorStatus = c.status;
  if (status !== 'proposed' && status !== 'approved') return null;
  const open = props.reviews.filter(isOpen);
  const pending = open.find((r) => r.kind === 'follow_up') ?? open.find((r) => r.kind === 'selection');
  const schedule = (kind: 'selection' | 'follow_up', text: string) =>
    props.canSupervise ? (
      <a class="button secondary" href={`/reviews/new?contractorId=${c.id}&kind=${kind}`}>
        {text}
      </a>
    ) : null;
  const review = (r: ReviewView, text: string) => (
    <a class="button secondary" href={`/reviews/${r.id}`}>
      {text}
    </a>
  );
  const change = (to: 'approved' | 'active', text: string) =>
    props.canSupervise ? (
      <a class="button" href={`/contractors/${c.id}/transition?to=${to}`}>
        {text}
      </a>
    ) : null;

  let message: string;
  let actions: Child[] = [];
  const { latest, passed } = props.selection;
  if (status === 'approved') {
    message = t('ctr.next.activate');
    actions = [change('active', t('ctr.to.active'))];
  } else if (latest && passed) {
    message = t('ctr.next.approve', {
      kind: label(labels.reviewKind, latest.kind),
      date: date(latest.completedOn),
    });
    actions = [change('approved', t('ctr.to.approved'))];
  } else if (latest) {
    const outcome = label(labels.reviewOutcome, latest.outcome as ReviewOutcome);
    if (pending) {
      message = t('ctr.next.failedPending', {
        outcome,
        kind: label(labels.reviewKind, pending.kind),
        date: date(pending.dueDate),
      });
      actions = [review(pending, t('ctr.next.openReview'))];
    } else {
      message = t('ctr.next.failedNothing', { outcome });
      actions = [
        schedule('follow_up', t('ctr.next.scheduleFollowUp')),
        schedule('selection', t('ctr.next.scheduleSelection')),
      ];
    }
  } else if (pending) {
    message = t('ctr.next.doSelection', { date: date(pending.dueDate) });
    actions = [review(pending, t('ctr.next.openReview'))];
  } else {
    message = t('ctr.next.noSelection');
    actions = [schedule('selection', t('ctr.next.scheduleSelection'))];
  }
  return (
    <section class="next-step" aria-labelledby="next-step">
      <h2 id="next-step">{t('ctr.next.title')}</h2>
      <p>{message}</p>
      {actions.some(Boolean) ? <p class="actions">{actions}</p> : null}
    </section>
  );
}

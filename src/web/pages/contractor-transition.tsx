import type { ContractorStatus } from '../../domain/supervision';
import { labels } from '../../i18n/labels';
import type { ContractorView } from '../../modules/contractors/contractors.service';
import { type FormValues, one } from '../forms';
import { FieldError, Layout, type PageContext } from '../layout';

export type TransitionTarget = Exclude<ContractorStatus, 'proposed'>;

/** Suspending and terminating need a reason: it goes into the audit trail with the change. */
export const REASON_REQUIRED: readonly TransitionTarget[] = ['suspended', 'terminated'];

/** Agreements with no return or deletion of the data recorded: each links to where it is recorded. */
export function DispositionMissing(props: { page: PageContext; lacking: { id: string; title: string }[] }) {
  const { t } = props.page.i18n;
  return (
    <div class="notice error" role="alert" id="disposition-missing">
      <p>{t('ctr.tr.dispositionMissing')}</p>
      <ul>
        {props.lacking.map((a) => (
          <li>
            <a href={`/agreements/${a.id}/edit`}>{t('ctr.tr.recordDisposition', { title: a.title })}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The checklist categories an approval was refused for (`checklist.<category>` → the reason in words). */
const gapsIn = (errors: Record<string, string>) => Object.entries(errors).filter(([k]) => k.startsWith('checklist.'));

/**
 * What the deciding selection review leaves unconfirmed (通則編 3-4-4 (1), 10 別添), each
 * category with its reason, and how to put it right.
 */
function SelectionGaps(props: { page: PageContext; contractorId: string; gaps: [string, string][] }) {
  const { t } = props.page.i18n;
  return (
    <div id="selection-gaps">
      <p>{t('rev.gaps.title')}</p>
      <ul>
        {props.gaps.map(([path, message]) => (
          <li data-category={path.slice('checklist.'.length)}>{message}</li>
        ))}
      </ul>
      <p>
        {t('rev.gaps.fix')}
        {props.page.i18n.lang === 'ja' ? '' : ' '}
        <a href={`/contractors/${props.contractorId}#next-step`}>{t('ctr.tr.seeNextStep')}</a> ·{' '}
        <a href="/settings/selection">{t('rev.gaps.criteria')}</a>
      </p>
    </div>
  );
}

/**
 * The confirmation step of a status change: what will happen, the reason (required to
 * suspend or terminate), and a box to tick. Refusals come back here, what was typed kept.
 */
export function TransitionPage(props: {
  page: PageContext;
  contractor: ContractorView;
  to: TransitionTarget;
  values: FormValues;
  errors: Record<string, string>;
  /** A rule the change broke, in words; `lacking` and `selection` say how to put it right. */
  summary: string | null;
  lacking: { id: string; title: string }[];
  openReviews: number;
  selectionMissing: boolean;
  /** The refusal was for the data disposition the list below names. */
  refusedForDisposition: boolean;
  /** Whether the contractor passed selection (what approval needs). */
  selected: boolean;
  /** Before sending: what the selection review leaves unconfirmed (`checklist.<category>` → why, in words). */
  selectionGaps?: Record<string, string>;
  allowed: boolean;
}) {
  const { page, contractor: c, to, values, errors } = props;
  const { t, label } = page.i18n;
  const required = REASON_REQUIRED.includes(to);
  // Japanese runs sentences and parentheses on without a space.
  const gap = page.i18n.lang === 'ja' ? '' : ' ';
  // The list of agreements to complete says what the refusal says, with the links: once is enough.
  const lackingShown = to === 'terminated' && props.lacking.length > 0;
  // A refusal for the checklist lists the categories itself, in place of the rule's sentence.
  const refusedGaps = gapsIn(errors);
  const summary = (lackingShown && props.refusedForDisposition) || refusedGaps.length ? null : props.summary;
  const pendingGaps = gapsIn(props.selectionGaps ?? {});
  const title = t('ctr.tr.title', { name: c.name });
  const described = (name: string, hint?: string) =>
    [errors[name] ? `${name}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p class="change">
        {label(labels.contractorStatus, c.status)} → <strong>{label(labels.contractorStatus, to)}</strong>
      </p>
      {summary ? (
        <div class="notice error" role="alert">
          <p>{summary}</p>
          {props.selectionMissing ? (
            <p>
              <a href={`/contractors/${c.id}#next-step`}>{t('ctr.tr.seeNextStep')}</a>
            </p>
          ) : null}
        </div>
      ) : refusedGaps.length ? (
        <div class="notice error" role="alert">
          <SelectionGaps page={page} contractorId={c.id} gaps={refusedGaps} />
        </div>
      ) : Object.keys(errors).length ? (
        <div class="notice error" role="alert">
          <p>{t('err.title')}</p>
        </div>
      ) : null}
      {to === 'approved' && !refusedGaps.length && pendingGaps.length ? (
        <div class="notice warn">
          <SelectionGaps page={page} contractorId={c.id} gaps={pendingGaps} />
        </div>
      ) : null}
      {lackingShown ? <DispositionMissing page={page} lacking={props.lacking} /> : null}
      {to === 'approved' && !props.selected && !props.summary && !refusedGaps.length && !pendingGaps.length ? (
        <div class="notice warn" id="not-selected">
          <p>{t('ctr.tr.notSelected')}</p>
          <p>
            <a href={`/contractors/${c.id}#next-step`}>{t('ctr.tr.seeNextStep')}</a>
          </p>
        </div>
      ) : null}
      <p id="consequence">
        {t(`ctr.tr.what.${to}` as 'ctr.tr.what.approved')}
        {to === 'terminated' && props.openReviews ? `${gap}${t('ctr.tr.cancels', { n: props.openReviews })}` : ''}
      </p>
      {props.allowed ? (
        <form method="post" action={`/contractors/${c.id}/transition`} novalidate>
          <input type="hidden" name="_csrf" value={page.csrf} />
          <input type="hidden" name="version" value={one(values, 'version')} />
          <input type="hidden" name="to" value={to} />
          <div>
            <label for="reason">
              {t('ctr.reason')}
              {required ? <span class="muted">{`${gap}${t('ctr.required')}`}</span> : null}
            </label>
            <p class="hint" id="reason-hint">
              {t(required ? 'ctr.tr.reasonRequired' : 'ctr.tr.reasonOptional')}
            </p>
            <textarea
              id="reason"
              name="reason"
              required={required}
              maxlength={1000}
              aria-invalid={errors.reason ? 'true' : undefined}
              aria-describedby={described('reason', 'reason-hint')}
            >
              {one(values, 'reason')}
            </textarea>
            <FieldError id="reason" error={errors.reason} />
          </div>
          <div>
            <label class="check" for="confirm">
              <input
                type="checkbox"
                id="confirm"
                name="confirm"
                required
                checked={one(values, 'confirm') === 'on'}
                aria-invalid={errors.confirm ? 'true' : undefined}
                aria-describedby={described('confirm', 'consequence')}
              />{' '}
              {t('ctr.tr.confirm', { to: label(labels.contractorStatus, to) })}
            </label>
            <FieldError id="confirm" error={errors.confirm} />
          </div>
          <p class="actions">
            <button type="submit" class={to === 'terminated' ? 'danger' : undefined}>
              {t(`ctr.to.${to}` as 'ctr.to.approved')}
            </button>
            <a class="button secondary" href={`/contractors/${c.id}`}>
              {t('ctr.tr.back')}
            </a>
          </p>
        </form>
      ) : (
        <p class="actions">
          <a class="button secondary" href={`/contractors/${c.id}`}>
            {t('ctr.tr.back')}
          </a>
        </p>
      )}
    </Layout>
  );
}

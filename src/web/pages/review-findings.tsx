import { labels, overdueLabel } from '../../i18n/labels';
import type { FindingView } from '../../modules/reviews/reviews.present';
import { Badge, type PageContext } from '../layout';
import { Pager, type PagerState } from '../pager';

/** A page of a review's findings, with the state its pager links from. */
export interface FindingPage {
  items: FindingView[];
  nextCursor: string | null;
  total: number;
  pageSize: number;
  pager: PagerState;
}

/** What a review found and how far each finding got; the table scrolls sideways under its heading `#findings`. */
export function FindingTable(props: { page: PageContext; findings: FindingPage }) {
  const { t, label, text, date } = props.page.i18n;
  const f = props.findings;
  if (f.total === 0) return <p class="muted">{t('rev.findingsNone')}</p>;
  return (
    <>
      <section class="scroll" tabindex={0} aria-labelledby="findings">
        <table class="findings">
          <tr>
            <th scope="col">{t('r.severity')}</th>
            <th scope="col">{t('r.category')}</th>
            <th scope="col">{t('r.description')}</th>
            <th scope="col">{t('r.findingDue')}</th>
            <th scope="col">{t('r.status')}</th>
            <th scope="col">{t('rev.resolvedOn')}</th>
          </tr>
          {f.items.map((x) => (
            <tr data-finding={x.id}>
              <td>
                <Badge value={x.severity} label={label(labels.findingSeverity, x.severity)} />
              </td>
              <td>{label(labels.findingCategory, x.category)}</td>
              <td class="prewrap">{x.description}</td>
              <td>{date(x.dueDate)}</td>
              <td>
                <Badge
                  value={x.overdue ? 'overdue' : x.status}
                  label={x.overdue ? text(overdueLabel) : label(labels.findingStatus, x.status)}
                />
              </td>
              <td>{date(x.resolvedOn) || '—'}</td>
            </tr>
          ))}
        </table>
      </section>
      <Pager
        i18n={props.page.i18n}
        state={f.pager}
        nextCursor={f.nextCursor}
        shown={f.items.length}
        total={f.total}
        pageSize={f.pageSize}
      />
    </>
  );
}

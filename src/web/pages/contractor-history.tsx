import type { ContractorStatus } from '../../domain/supervision';
import { eventLabel } from '../../i18n/events';
import { labels } from '../../i18n/labels';
import type { I18n } from '../i18n';

/** One audit event of the contractor, with who did it by name. */
export interface HistoryEntry {
  seq: number;
  at: string;
  action: string;
  actorName: string;
  /** For status changes: from, to and the reason given. */
  transition: { from: ContractorStatus; to: ContractorStatus; reason: string | null } | null;
}

/** A table that scrolls sideways on a narrow screen; the region can take focus to scroll by keyboard. */
const Scroll = (props: { label: string; children: unknown }) => (
  // A scrolling region takes focus, so it can be scrolled by keyboard (WCAG 2.1.1).
  <section class="scroll" aria-label={props.label} tabindex={0}>
    {props.children as never}
  </section>
);

/** The contractor's own audit trail, newest first. */
export function ContractorHistory(props: { i18n: I18n; history: HistoryEntry[] }) {
  const { t, label, dateTime, lang } = props.i18n;
  const data = { history: props.history };
  return (
    <>
      <h2 id="history">{t('c.history')}</h2>
      <Scroll label={t('c.history')}>
        <table class="history" aria-labelledby="history">
          <thead>
            <tr>
              <th scope="col">{t('h.at')}</th>
              <th scope="col">{t('h.what')}</th>
              <th scope="col">{t('h.who')}</th>
            </tr>
          </thead>
          <tbody>
            {data.history.map((h) => (
              <tr>
                <td class="nowrap">
                  <time datetime={h.at}>{dateTime(h.at)}</time>
                </td>
                <td>
                  {eventLabel(h.action, lang)}
                  {h.transition ? (
                    <div class="muted">
                      {label(labels.contractorStatus, h.transition.from)} →{' '}
                      {label(labels.contractorStatus, h.transition.to)}
                      {h.transition.reason ? ` · ${t('ctr.reason')}: ${h.transition.reason}` : ''}
                    </div>
                  ) : null}
                </td>
                <td>{h.actorName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </>
  );
}

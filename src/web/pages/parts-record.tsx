import type { PageContext } from '../layout';

/** What the step before the redirect did, said on the page it led to. */
export const Notice = (props: { text: string | null }) =>
  props.text ? (
    <p class="notice" role="status">
      {props.text}
    </p>
  ) : null;

/** One row of a record's table: the field's name, and its value or a dash when it has none. */
export const recordRow = (name: string, value: unknown, cls?: string) => (
  <tr>
    <th scope="row">{name}</th>
    <td class={cls}>{value === null || value === undefined || value === '' ? '—' : (value as string)}</td>
  </tr>
);

interface Link {
  href: string;
  text: string;
}

/** A record's buttons: its own next step (null when the reader may not take it), then the way back. */
export function RecordActions(props: { action: Link | null; back: Link }) {
  return (
    <p class="actions">
      {props.action ? (
        <a class="button" href={props.action.href}>
          {props.action.text}
        </a>
      ) : null}
      <a class="button secondary" href={props.back.href}>
        {props.back.text}
      </a>
    </p>
  );
}

export interface HistoryEntry {
  seq: number;
  at: string;
  action: string;
  actorName: string;
}

/** The latest audit events of one record, in words and local time, with a link to its whole trail. */
export function HistoryTable(props: {
  page: PageContext;
  entries: HistoryEntry[];
  trail: string;
  trailText: string;
  /** The heading's id: the table scrolls sideways on a phone, a region keyboard users can reach. */
  labelledBy: string;
}) {
  const { t, dateTime } = props.page.i18n;
  return (
    <>
      <section class="scroll" tabindex={0} aria-labelledby={props.labelledBy}>
        <table>
          <tr>
            <th scope="col">{t('h.at')}</th>
            <th scope="col">{t('h.what')}</th>
            <th scope="col">{t('h.who')}</th>
          </tr>
          {props.entries.map((h) => (
            <tr>
              <td>{dateTime(h.at)}</td>
              <td>{h.action}</td>
              <td>{h.actorName}</td>
            </tr>
          ))}
        </table>
      </section>
      <p>
        <a href={props.trail}>{props.trailText}</a>
      </p>
    </>
  );
}

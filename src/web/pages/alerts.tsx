import { alertStatuses } from '../../../db/schema';
import { labels } from '../../i18n/labels';
import type { AlertView } from '../../modules/alerts/alerts.service';
import { Badge, Layout, type PageContext } from '../layout';

/** The alert inbox: one tab per status, and for compliance the acknowledge and resolve forms. */
export function AlertsPage(props: {
  page: PageContext;
  status: string;
  items: (AlertView & { contractorName: string })[];
  nextCursor: string | null;
  canAct: boolean;
}) {
  const { page } = props;
  const { t, label, date } = page.i18n;
  return (
    <Layout page={page} title={t('al.title')}>
      <h1>{t('al.title')}</h1>
      <nav class="actions" aria-label="status">
        {alertStatuses.map((s) => (
          <a
            class={`button${props.status === s ? '' : ' secondary'}`}
            href={`/alerts?status=${s}`}
            aria-current={props.status === s ? 'page' : undefined}
          >
            {label(labels.alertStatus, s)}
          </a>
        ))}
      </nav>
      {props.items.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <div class="scroll">
          <table>
            <tr>
              <th scope="col">{t('al.severity')}</th>
              <th scope="col">{t('al.kind')}</th>
              <th scope="col">{t('al.contractor')}</th>
              <th scope="col">{t('al.due')}</th>
              <th scope="col">{t('al.raised')}</th>
              {props.canAct && props.status !== 'resolved' ? <th scope="col">—</th> : null}
            </tr>
            {props.items.map((a) => (
              <tr data-alert={a.id}>
                <td>
                  <Badge value={a.severity} label={label(labels.severity, a.severity)} />
                  {a.escalatedAt ? <div class="critical">{t('al.escalated')}</div> : null}
                </td>
                <td>{label(labels.alertKind, a.kind)}</td>
                <td>
                  <a href={`/contractors/${a.contractorId}`}>{a.contractorName}</a>
                </td>
                <td>{date(a.dueDate)}</td>
                <td>{a.raisedAt.slice(0, 10)}</td>
                {props.canAct && props.status !== 'resolved' ? (
                  <td>
                    {a.status === 'open' ? (
                      <form class="inline" method="post" action={`/alerts/${a.id}/acknowledge`}>
                        <input type="hidden" name="_csrf" value={page.csrf} />
                        <button type="submit" class="secondary">
                          {t('al.acknowledge')}
                        </button>
                      </form>
                    ) : null}
                    <form class="inline" method="post" action={`/alerts/${a.id}/resolve`}>
                      <input type="hidden" name="_csrf" value={page.csrf} />
                      <label class="visually-hidden" for={`note-${a.id}`}>
                        {t('al.note')}
                      </label>
                      <input type="text" id={`note-${a.id}`} name="note" placeholder={t('al.note')} />
                      <button type="submit">{t('al.resolve')}</button>
                    </form>
                  </td>
                ) : null}
              </tr>
            ))}
          </table>
        </div>
      )}
      {props.nextCursor ? (
        <p class="actions">
          <a class="button secondary" rel="next" href={`/alerts?status=${props.status}&cursor=${props.nextCursor}`}>
            {t('list.next')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

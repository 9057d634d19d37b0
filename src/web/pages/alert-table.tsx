import { labels } from '../../i18n/labels';
import { Badge, type PageContext } from '../layout';
import { Handling, type InboxAlert, subjectLink, subjectText } from './alert-words';
import { StackTable } from './parts-list';

/**
 * The inbox's rows, one card each on a phone. With `canAct` (compliance) an open alert can
 * be acknowledged in place, coming back to `here`, and an unresolved one resolved.
 */
export function AlertTable(props: { page: PageContext; items: readonly InboxAlert[]; canAct: boolean; here: string }) {
  const { page } = props;
  const { t, label, date, dateTime } = page.i18n;
  return (
    <StackTable
      class="stack alerts"
      caption={t('al.title')}
      columns={[
        t('al.severity'),
        t('al.kind'),
        t('al.contractor'),
        t('al.due'),
        t('al.raised'),
        t('al.status'),
        props.canAct ? t('alr.actions') : null,
      ]}
    >
      {props.items.map((a) => (
        <tr data-alert={a.id}>
          <td data-label={t('al.severity')}>
            <Badge value={a.severity} label={label(labels.severity, a.severity)} />
          </td>
          <td data-label={t('al.kind')}>
            <span class="kind">{label(labels.alertKind, a.kind)}</span>
            <div>
              <a class="subject" href={subjectLink(a)}>
                {subjectText(page.i18n, a.subjectType)}
              </a>
            </div>
          </td>
          <td data-label={t('al.contractor')}>
            <a href={`/contractors/${a.contractorId}`}>{a.contractorName}</a>
          </td>
          <td data-label={t('al.due')}>{a.dueDate ? date(a.dueDate) : '—'}</td>
          <td data-label={t('al.raised')}>
            <time datetime={a.raisedAt}>{dateTime(a.raisedAt)}</time>
          </td>
          <td data-label={t('al.status')}>
            <Handling i18n={page.i18n} a={a} />
          </td>
          {props.canAct ? (
            <td data-label={t('alr.actions')}>
              {a.status === 'open' ? (
                <form class="inline" method="post" action={`/alerts/${a.id}/acknowledge`}>
                  <input type="hidden" name="_csrf" value={page.csrf} />
                  <input type="hidden" name="back" value={props.here} />
                  <button type="submit" class="secondary">
                    {t('al.acknowledge')}
                  </button>
                </form>
              ) : null}{' '}
              {a.status !== 'resolved' ? (
                <a class="button" href={`/alerts/${a.id}/resolve`}>
                  {t('al.resolve')}
                </a>
              ) : null}
              {a.status !== 'resolved' && a.recurs ? <p class="hint">{t('alr.recursHint')}</p> : null}
            </td>
          ) : null}
        </tr>
      ))}
    </StackTable>
  );
}

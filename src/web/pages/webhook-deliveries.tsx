import type { WebhookMessageView } from '../../modules/webhooks/webhooks.service';
import type { I18n, MessageKey } from '../i18n';
import { Badge } from '../layout';
import type { PagerState } from '../pager';
import { type ListPage, PagedList, ScrollTable, keyedWord as word } from './parts-list';

const statusKeys: Record<string, MessageKey> = {
  pending: 'adm.wh.st.pending',
  delivered: 'adm.wh.st.delivered',
  failed: 'adm.wh.st.failed',
};
const eventKeys: Record<string, MessageKey> = {
  'alert.raised': 'adm.wh.ev.alert.raised',
  'alert.escalated': 'adm.wh.ev.alert.escalated',
  'audit.checkpoint': 'adm.wh.ev.audit.checkpoint',
};

/** A webhook's deliveries: one row per event sent, however many attempts it took. */
export function DeliveryTable(props: { i18n: I18n; deliveries: ListPage<WebhookMessageView>; state: PagerState }) {
  const { i18n, deliveries } = props;
  const { t, dateTime } = i18n;
  return (
    <PagedList i18n={i18n} state={props.state} list={deliveries}>
      <ScrollTable
        columns={[
          t('adm.wh.event'),
          t('adm.wh.status'),
          { text: t('adm.wh.attempts'), class: 'num' },
          t('adm.wh.lastError'),
          t('adm.wh.queued'),
          t('adm.wh.when'),
        ]}
      >
        {deliveries.items.map((d) => (
          <tr data-delivery={d.id} data-status={d.status}>
            <td>{word(i18n, eventKeys, d.eventType)}</td>
            <td>
              <Badge value={d.status} label={word(i18n, statusKeys, d.status)} />
            </td>
            <td class="num">{d.attempts}</td>
            <td class="error-text">{d.lastError ?? '—'}</td>
            <td>{dateTime(d.createdAt)}</td>
            <td>
              {d.deliveredAt
                ? dateTime(d.deliveredAt)
                : d.nextAttemptAt
                  ? t('adm.wh.next', { at: dateTime(d.nextAttemptAt) })
                  : '—'}
            </td>
          </tr>
        ))}
      </ScrollTable>
    </PagedList>
  );
}

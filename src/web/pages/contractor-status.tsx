import type { SupervisionStatus } from '../../domain/supervision-status';
import { labels } from '../../i18n/labels';
import type { I18n } from '../i18n';
import { Badge } from '../layout';

/**
 * A supervision status in words: the shared label, and for a status the shared table does
 * not name yet (`selection_pending`), the contractors pages' own.
 */
export function supervisionLabel(i18n: I18n, status: SupervisionStatus): string {
  if (status === 'selection_pending' && !Object.hasOwn(labels.supervisionStatus, status)) {
    return i18n.t('ctr.sup.selectionPending');
  }
  return i18n.label(labels.supervisionStatus, status as keyof typeof labels.supervisionStatus);
}

/** The status as a badge: its colour says how urgent, its words say what. */
export const SupervisionBadge = (props: { i18n: I18n; status: SupervisionStatus }) => (
  <Badge value={props.status} label={supervisionLabel(props.i18n, props.status)} />
);

import { daysBetween } from '../../domain/calendar';
import type { IncidentView } from '../../modules/incidents/incidents.service';
import type { I18n } from '../i18n';
import { Badge } from '../layout';

/**
 * Where each step after a leak stands (APPI Art. 26; Enforcement Rules Art. 8): the
 * preliminary report (速報), the final report (確報) and the notice to the individuals.
 */
export type StepState =
  | { kind: 'notRequired' }
  | { kind: 'made'; on: string }
  | { kind: 'coveredByFinal'; on: string }
  | { kind: 'alternative'; on: string }
  | { kind: 'pending'; dueOn: string }
  | { kind: 'notRecorded' };

export type Step = 'preliminary' | 'final' | 'notice';

export function stepState(i: IncidentView, step: Step): StepState {
  if (!i.reportable) {
    // The notice may be given anyway; a date on record is shown whatever the law asks.
    return step === 'notice' && i.subjectsNotifiedOn
      ? { kind: 'made', on: i.subjectsNotifiedOn }
      : { kind: 'notRequired' };
  }
  if (step === 'notice') {
    if (i.subjectsNotifiedOn) return { kind: 'made', on: i.subjectsNotifiedOn };
    // Art. 26(2) proviso: a public announcement or an inquiry desk answers it.
    if (i.alternativeNotice) return { kind: 'alternative', on: i.alternativeNotice.on };
    return { kind: 'notRecorded' };
  }
  if (step === 'preliminary') {
    if (i.preliminaryReportedOn) return { kind: 'made', on: i.preliminaryReportedOn };
    // A final report made within the preliminary period answers both (Rules Art. 8).
    if (i.finalReportedOn) return { kind: 'coveredByFinal', on: i.finalReportedOn };
  }
  if (step === 'final' && i.finalReportedOn) return { kind: 'made', on: i.finalReportedOn };
  const dueOn = step === 'preliminary' ? i.preliminaryDueOn : i.finalDueOn;
  return i.status === 'open' && dueOn ? { kind: 'pending', dueOn } : { kind: 'notRecorded' };
}

/** "3 days left", "due today" or "2 days overdue", coloured by urgency. */
export function DaysLeft(props: { i18n: I18n; dueOn: string; today: string }) {
  const { t } = props.i18n;
  const days = daysBetween(props.today, props.dueOn);
  if (days < 0) {
    const label = days === -1 ? t('inc.dayOverdue') : t('inc.daysOverdue', { n: -days });
    return <Badge value="overdue" label={label} />;
  }
  if (days === 0) return <Badge value="due_soon" label={t('inc.dueToday')} />;
  const label = days === 1 ? t('inc.dayLeft') : t('inc.daysLeft', { n: days });
  return <Badge value={days <= 2 ? 'due_soon' : 'on_track'} label={label} />;
}

/** One step's state in words: the day it was made, or how long is left. */
export function StepStateText(props: { i18n: I18n; state: StepState; today: string }) {
  const { t, date } = props.i18n;
  const s = props.state;
  switch (s.kind) {
    case 'notRequired':
      return <span class="muted">{t('inc.notRequired')}</span>;
    case 'made':
      return <Badge value="resolved" label={t('inc.madeOn', { date: date(s.on) })} />;
    case 'alternative':
      return (
        <Badge value="resolved" label={t('il.alternativeMade', { kind: t('il.alternativeKind'), date: date(s.on) })} />
      );
    case 'coveredByFinal':
      return <span>{t('inc.coveredByFinal')}</span>;
    case 'pending':
      return <DaysLeft i18n={props.i18n} dueOn={s.dueOn} today={props.today} />;
    case 'notRecorded':
      return <span class="muted">{t('inc.notRecorded')}</span>;
  }
}

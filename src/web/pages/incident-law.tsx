import type { Child } from 'hono/jsx';
import type { IncidentView } from '../../modules/incidents/incidents.service';
import { one } from '../forms';
import type { I18n } from '../i18n';
import { Badge, FieldError, type PageContext } from '../layout';
import { Check, Field, type FormState, TextArea } from './incident-fields';
import { reasonsText } from './incidents';

export const ALTERNATIVE_KINDS = ['public_announcement', 'inquiry_desk'] as const;

/** The errors of a group of fields (e.g. `authority.minister`), for the fieldset that holds them. */
const groupError = (form: FormState, prefix: string) =>
  Object.entries(form.errors).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];

/** A group of fields under its legend, described by the hint beneath it. */
function HintedGroup(props: { id: string; legend: string; hint: string; children: Child }) {
  return (
    <fieldset class="il-group" aria-describedby={`${props.id}-hint`}>
      <legend>{props.legend}</legend>
      <p class="field-hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
      {props.children}
    </fieldset>
  );
}

/** Rules Art. 7's exclusion: the checkbox and what it rests on. */
export function EncryptionFields(props: { page: PageContext; form: FormState }) {
  const { t } = props.page.i18n;
  const { form } = props;
  return (
    <HintedGroup id="encryption" legend={t('il.encryption')} hint={t('il.encryptionHint')}>
      <Check form={form} name="factors.highlyEncrypted" label={t('il.factor.highlyEncrypted')} />
      <TextArea form={form} name="encryptionNote" label={t('il.encryptionNote')} />
    </HintedGroup>
  );
}

/** The contractor's timeline (Rules Art. 9), a later day 1, and where the reports go. */
export function TimelineFields(props: { page: PageContext; form: FormState; today: string }) {
  const { t } = props.page.i18n;
  const { form, today } = props;
  const kind = one(form.values, 'authority.kind') || 'ppc';
  const authorityError = groupError(form, 'authority');
  return (
    <>
      <HintedGroup id="timeline" legend={t('il.timeline')} hint={t('il.timelineHint')}>
        <Field
          form={form}
          name="contractorAwareOn"
          label={t('il.contractorAwareOn')}
          type="date"
          attrs={{ max: today }}
        />
        <Field
          form={form}
          name="contractorNotifiedOn"
          label={t('il.contractorNotifiedOn')}
          type="date"
          attrs={{ max: today }}
        />
      </HintedGroup>
      <Field
        form={form}
        name="becameReportableOn"
        label={t('il.becameReportableOn')}
        hint={t('il.becameHint')}
        type="date"
        attrs={{ max: today }}
      />
      <fieldset class="il-group" aria-invalid={authorityError ? 'true' : undefined}>
        <legend>{t('il.reporting')}</legend>
        {(['ppc', 'delegated_minister'] as const).map((k) => (
          <label class="check">
            <input type="radio" name="authority.kind" value={k} checked={kind === k} /> {t(`il.authority.${k}`)}
          </label>
        ))}
        <div>
          <label for="authority.minister">{t('il.minister')}</label>
          <input
            type="text"
            id="authority.minister"
            name="authority.minister"
            maxlength={200}
            value={one(form.values, 'authority.minister')}
            aria-invalid={authorityError ? 'true' : undefined}
            aria-describedby={authorityError ? 'authority-error' : undefined}
          />
          <FieldError id="authority" error={authorityError} />
        </div>
        <Check form={form} name="reportedJointly" label={t('il.reportedJointly')} />
      </fieldset>
    </>
  );
}

/** Art. 26(2) proviso: a public announcement or an inquiry desk instead of notices. */
export function AlternativeNoticeFields(props: { page: PageContext; form: FormState; today: string }) {
  const { t } = props.page.i18n;
  const { form } = props;
  const chosen = one(form.values, 'alternativeNotice.kind');
  const kindError = form.errors['alternativeNotice.kind'] ?? form.errors.alternativeNotice;
  return (
    <HintedGroup id="alternative" legend={t('il.alternative')} hint={t('il.alternativeHint')}>
      <div>
        <label for="alternativeNotice.kind">{t('il.alternativeKind')}</label>
        <select
          id="alternativeNotice.kind"
          name="alternativeNotice.kind"
          aria-invalid={kindError ? 'true' : undefined}
          aria-describedby={kindError ? 'alternativeNotice.kind-error' : undefined}
        >
          <option value="">{t('il.alternativeNone')}</option>
          {ALTERNATIVE_KINDS.map((k) => (
            <option value={k} selected={chosen === k}>
              {t(`il.alt.${k}`)}
            </option>
          ))}
        </select>
        <FieldError id="alternativeNotice.kind" error={kindError} />
      </div>
      <Field
        form={form}
        name="alternativeNotice.on"
        label={t('il.alternativeOn')}
        type="date"
        attrs={{ max: props.today }}
      />
    </HintedGroup>
  );
}

/** The law's facts of an incident, as rows of its facts table. */
export function lawFactRows(i18n: I18n, i: IncidentView): [string, Child][] {
  const { t, date } = i18n;
  const rows: [string, Child][] = [];
  if (i.factors.highlyEncrypted) {
    rows.push([t('il.encryptionRow'), <span class="text-block">{i.encryptionNote}</span>]);
  }
  if (i.contractorAwareOn && i.contractorNotice) {
    const p = {
      aware: date(i.contractorAwareOn),
      notified: date(i.contractorNotifiedOn),
      due: date(i.contractorNotice.dueOn),
    };
    rows.push([
      t('il.contractorNotice'),
      i.contractorNotice.late ? (
        <Badge value="overdue" label={t('il.noticeLate', p)} />
      ) : i.contractorNotifiedOn ? (
        t('il.noticeOnTime', p)
      ) : (
        t('il.noticePending', p)
      ),
    ]);
  } else if (i.contractorNotifiedOn) {
    rows.push([t('il.contractorNotifiedOn'), date(i.contractorNotifiedOn)]);
  }
  if (i.reportDay1 !== i.discoveredOn) rows.push([t('il.reportDay1'), date(i.reportDay1)]);
  rows.push([
    t('il.authority'),
    i.authority.kind === 'ppc'
      ? t('il.authority.ppc')
      : `${i.authority.minister} — ${t('il.authority.delegated_minister')}`,
  ]);
  rows.push([t('il.jointly'), i.reportedJointly ? t('il.yes') : t('il.no')]);
  if (i.alternativeNotice) {
    rows.push([
      t('il.alternativeKind'),
      t('il.alternativeMade', { kind: t(`il.alt.${i.alternativeNotice.kind}`), date: date(i.alternativeNotice.on) }),
    ]);
  }
  return rows;
}

/** "Not required" for an excluded incident, with what would otherwise apply. */
export const excludedText = (i18n: I18n, i: IncidentView) =>
  i18n.t('il.excluded', { reasons: reasonsText(i18n, i.excludedReasons) });

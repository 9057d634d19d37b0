import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { maxUploadBytes } from '../../modules/documents/documents.service';
import {
  attachEvidence,
  openForRespondent,
  saveAnswers,
  submitQuestionnaire,
} from '../../modules/questionnaires/respond.service';
import { type ServiceContext, SYSTEM_ACTOR } from '../../platform/app-env';
import { ProblemError } from '../../platform/problem';
import { clientAddress } from '../client-address';
import { type FormValues, one } from '../forms';
import { fromOwnPage, MAX_FORM_BYTES } from '../guards';
import { i18n, type Lang } from '../i18n';
import { type RespondentView, type RespondNotice, RespondPage, type RespondPageProps } from '../pages/respond';
import { changedAnswers, chosenFiles, errorsByQuestion, readValues } from '../pages/respond-form';
import { RespondMessagePage } from '../pages/respond-frame';
import { isQuestionOf } from '../pages/respond-question';
import type { WebEnv } from '../session';

/**
 * A contractor answering a questionnaire by its link: no itaku account, the token in the
 * path is the key (APPI Art. 25: the principal grasps how its contractor handles the data
 * it entrusted). The service checks the token, its expiry and the throttle on every call.
 */
export const respondPages = new Hono<WebEnv>();

type C = Context<WebEnv>;
const BOTH: Lang[] = ['ja', 'en'];

/** The respondent acts through the link; the service records them as `respondent:<id>`. */
const respondentCtx = (c: C): ServiceContext => ({ ...c.var.deps, actor: SYSTEM_ACTOR, requestId: c.var.requestId });
const token = (c: C) => c.req.param('token') ?? '';
const actionOf = (c: C) => `/respond/${encodeURIComponent(token(c))}`;
const address = (c: C) => clientAddress(c);
const maxMib = (c: C) => c.var.deps.config.maxUploadMb;

// Not for search engines, nor for any cache: the address is the key to the answers.
respondPages.use('/respond/*', async (c, next) => {
  await next();
  c.res.headers.set('X-Robots-Tag', 'noindex, nofollow');
  c.res.headers.set('Cache-Control', 'no-store');
});

/**
 * No session, so no CSRF token: a post must come from one of our own pages (Origin, else
 * Referer). The app's Referrer-Policy `same-origin` is what lets a browser send a real
 * Origin here while no other site ever sees the address.
 */
const sameOrigin: MiddlewareHandler<WebEnv> = async (c, next) => {
  if (fromOwnPage(c, true)) return next();
  return c.html(<RespondMessagePage langs={BOTH} title="respond.title" text="respond.refusedOrigin" />, 403);
};

/** The pages for a link that opens no questionnaire: unknown (404), ended (410), throttled (429). */
async function linkRefusal(c: C, err: unknown, lang?: Lang): Promise<Response> {
  if (!(err instanceof ProblemError)) throw err;
  // The questionnaire's language when the refusal or the page knows it, else both.
  const known = (err as { language?: unknown }).language;
  const langs: Lang[] = known === 'ja' || known === 'en' ? [known] : lang ? [lang] : BOTH;
  if (err.status === 404) {
    return c.html(<RespondMessagePage langs={BOTH} title="respond.notFoundTitle" text="respond.notFoundText" />, 404);
  }
  if (err.status === 410) {
    return c.html(<RespondMessagePage langs={langs} title="respond.goneTitle" text="respond.goneText" />, 410);
  }
  if (err.status === 429) {
    const seconds = (err as { retryAfterSeconds?: number }).retryAfterSeconds ?? 900;
    c.header('Retry-After', String(seconds));
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return c.html(
      <RespondMessagePage
        langs={BOTH}
        title="respond.throttledTitle"
        text="respond.throttledText"
        params={{ minutes }}
      />,
      429,
    );
  }
  throw err;
}

type PageProps = Omit<RespondPageProps, 'view' | 'action' | 'timeZone' | 'maxMib'>;
const render = (c: C, view: RespondentView, props: PageProps, status: 200 | 400 | 409 | 413 | 415 | 422 = 200) =>
  c.html(
    <RespondPage
      view={view}
      action={actionOf(c)}
      timeZone={c.var.deps.config.timeZone}
      maxMib={maxMib(c)}
      {...props}
    />,
    status,
  );

/** What the respondent can correct on the page (the link itself still works). */
const refusedInput = (err: unknown): err is ProblemError =>
  err instanceof ProblemError && ![404, 410, 429].includes(err.status) && err.status < 500;

const refusalStatus = (err: ProblemError) => ([400, 409, 413, 415, 422] as const).find((s) => s === err.status) ?? 422;

const isSubmittedAlready = (err: unknown) =>
  err instanceof ProblemError && err.status === 409 && (err.slug as string) === 'questionnaire-submitted';

/** Shows the answers as they now stand when a write came after the submit. */
async function submittedAlready(c: C): Promise<Response> {
  const view = await openForRespondent(respondentCtx(c), token(c), address(c));
  return render(c, view, { notice: 'alreadySubmitted' }, 409);
}

async function open(c: C): Promise<RespondentView | Response> {
  try {
    return await openForRespondent(respondentCtx(c), token(c), address(c));
  } catch (err) {
    return linkRefusal(c, err);
  }
}

const NOTICES: Record<string, RespondNotice> = { saved: 'saved', attached: 'attached', submitted: 'submitted' };

respondPages.get('/respond/:token', async (c) => {
  const view = await open(c);
  if (view instanceof Response) return view;
  const flag = Object.keys(NOTICES).find((k) => c.req.query(k) === '1');
  return render(c, view, { notice: flag ? NOTICES[flag] : null });
});

/** Saves the changed answers; a refusal comes back as the page with the typing kept. */
async function save(c: C, view: RespondentView, values: FormValues): Promise<RespondentView | Response> {
  const answers = changedAnswers(view, values);
  if (answers.length === 0) return view;
  try {
    return await saveAnswers(respondentCtx(c), token(c), address(c), { answers });
  } catch (err) {
    if (isSubmittedAlready(err)) return submittedAlready(c);
    if (refusedInput(err)) {
      const errors = errorsByQuestion(err, view.language, view, answers);
      return render(c, view, { typed: values, errors }, refusalStatus(err));
    }
    return linkRefusal(c, err, view.language);
  }
}

respondPages.post('/respond/:token', sameOrigin, async (c) => {
  const values = await readValues(c);
  const view = await open(c);
  if (view instanceof Response) return view;
  const saved = await save(c, view, values);
  if (saved instanceof Response) return saved;
  return c.redirect(`${actionOf(c)}?saved=1`, 303);
});

respondPages.post('/respond/:token/submit', sameOrigin, async (c) => {
  const values = await readValues(c);
  const view = await open(c);
  if (view instanceof Response) return view;
  if (view.readOnly) return render(c, view, { notice: 'alreadySubmitted' }, 409);
  const { t } = i18n(view.language);
  // Submitting cannot be undone by the respondent: it needs the box ticked (nothing is saved without it).
  if (one(values, 'confirm') !== 'on') {
    return render(c, view, { typed: values, errors: { confirm: t('respond.confirmRequired') } }, 422);
  }
  const saved = await save(c, view, values);
  if (saved instanceof Response) return saved;
  try {
    await submitQuestionnaire(respondentCtx(c), token(c), address(c));
  } catch (err) {
    if (isSubmittedAlready(err)) return submittedAlready(c);
    if (refusedInput(err)) {
      const errors = errorsByQuestion(err, view.language, saved, []);
      return render(c, saved, { typed: values, typedSaved: true, errors }, refusalStatus(err));
    }
    return linkRefusal(c, err, view.language);
  }
  return c.redirect(`${actionOf(c)}?submitted=1`, 303);
});

/**
 * The evidence upload: up to ITAKU_MAX_UPLOAD_MB, refused before it is buffered (the
 * pages' 1 MiB form limit does not apply here; the answers typed ride along).
 */
const uploadLimit: MiddlewareHandler<WebEnv> = (c, next) =>
  bodyLimit({
    maxSize: maxUploadBytes(respondentCtx(c)) + MAX_FORM_BYTES,
    onError: async (lc) => {
      const view = await open(lc as C);
      if (view instanceof Response) return view;
      const form = i18n(view.language).t('respond.tooLarge', { mib: maxMib(c) });
      return render(lc as C, view, { errors: { form } }, 413);
    },
  })(c, next);

respondPages.post('/respond/:token/files', sameOrigin, uploadLimit, async (c) => {
  const values = await readValues(c);
  const view = await open(c);
  if (view instanceof Response) return view;
  if (view.readOnly) return render(c, view, { notice: 'alreadySubmitted' }, 409);
  const { t } = i18n(view.language);
  const files = await chosenFiles(c);
  const typedTarget = one(values, 'attach');
  const target = isQuestionOf(view.template, typedTarget) ? typedTarget : null;
  if (files.length === 0) {
    return render(c, view, { typed: values, errors: { [target ?? 'form']: t('respond.noFile') } }, 400);
  }
  // The files first: a refused one changes nothing, and the page keeps what was typed.
  for (const [questionId, file] of files) {
    try {
      await attachEvidence(respondentCtx(c), token(c), address(c), questionId, file);
    } catch (err) {
      if (isSubmittedAlready(err)) return submittedAlready(c);
      if (refusedInput(err)) {
        const errors = errorsByQuestion(err, view.language, view, [], questionId);
        return render(c, await refreshed(c, view), { typed: values, errors }, refusalStatus(err));
      }
      return linkRefusal(c, err, view.language);
    }
  }
  const saved = await save(c, view, values);
  if (saved instanceof Response) return saved;
  return c.redirect(`${actionOf(c)}?attached=1#q-${encodeURIComponent(target ?? files[0]?.[0] ?? '')}`, 303);
});

/** The questionnaire again after some files of this post were attached (they are then listed). */
async function refreshed(c: C, view: RespondentView): Promise<RespondentView> {
  return openForRespondent(respondentCtx(c), token(c), address(c)).catch(() => view);
}

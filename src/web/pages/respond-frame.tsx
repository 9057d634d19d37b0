import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { i18n, type Lang, type MessageKey } from '../i18n';

/**
 * The frame of a respondent's page. The reader is a contractor's employee without an
 * itaku account: no staff navigation, no sign-in or language links (the questionnaire's
 * language is chosen by whoever sent it), and not for search engines.
 */
export function RespondFrame(props: { lang: Lang; title: string; children: Child }) {
  const { t } = i18n(props.lang);
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={props.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex, nofollow" />
          <title>{props.title}</title>
          <link rel="stylesheet" href="/assets/itaku.css" />
        </head>
        <body class="respond">
          <a class="skip" href="#main">
            {t('nav.skip')}
          </a>
          <header>
            <span class="brand">{t('respond.title')}</span>
          </header>
          <main id="main" tabindex={-1}>
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}

/**
 * A page that says why the link shows no questionnaire. When its language is not known
 * (an unknown token), it says so in Japanese and in English, each part marked with its
 * language for screen readers.
 */
export function RespondMessagePage(props: {
  langs: readonly Lang[];
  title: MessageKey;
  text: MessageKey;
  params?: Record<string, string | number>;
}) {
  const [first = 'ja'] = props.langs;
  const parts = props.langs.map((lang) => ({ lang, t: i18n(lang).t }));
  return (
    <RespondFrame lang={first} title={parts.map((p) => p.t(props.title)).join(' / ')}>
      {parts.map((p, i) => (
        <div class="respond-message" lang={p.lang}>
          {i === 0 ? <h1>{p.t(props.title)}</h1> : <h2>{p.t(props.title)}</h2>}
          <p class="notice error" role={i === 0 ? 'alert' : undefined}>
            {p.t(props.text, props.params)}
          </p>
        </div>
      ))}
    </RespondFrame>
  );
}

/**
 * Styles of the admin pages (webhooks, audit trail, jobs): events as cards, so that a
 * trail stays readable on a phone; long URLs, hashes and errors wrap instead of widening
 * the page.
 */
export const adminStyles = `
.audit-events{list-style:none;margin:0;padding:0}
.audit-event{border:1px solid var(--line);border-radius:.5rem;padding:.6rem .8rem;margin:0 0 .75rem}
.audit-event h2{font-size:1.05rem;margin:0 0 .2rem}
.audit-meta{margin:0;color:var(--muted);font-size:.9rem}.audit-entity{margin:.2rem 0 .4rem}
table.diff{margin:.25rem 0 0}table.diff th[scope=row]{font-weight:600;color:var(--fg);width:30%}
table.diff td,table.diff th,.url,.error-text,code.hash{overflow-wrap:anywhere;word-break:normal}
table.diff td.after{font-weight:600}
details.audit-record summary{cursor:pointer;color:var(--accent);padding:.15rem 0}
details.audit-record summary:focus-visible{outline:3px solid #1a56c4;outline-offset:2px}
code.hash{font-size:.85rem;background:var(--soft);padding:0 .2rem;border-radius:.2rem}
.hint{color:var(--muted);font-size:.9rem;margin:.15rem 0;max-width:40rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:.5rem 0 1rem}
dl.facts dt{font-weight:600;color:var(--muted)}dl.facts dd{margin:0;min-width:0}
dl.counts{margin:0}dl.counts div{display:flex;gap:.5rem;justify-content:space-between}
dl.counts dt{font-weight:400}dl.counts dd{margin:0;font-variant-numeric:tabular-nums}
.notice dl.counts{max-width:22rem}.notice.ok{background:#e8f5ec;border-color:#a8d5b5}
td.labels .badge,dd.labels .badge{margin:0 .25rem .25rem 0}
.badge.succeeded,.badge.delivered{color:var(--ok)}.badge.failed{color:var(--bad)}
.badge.pending,.badge.running{color:var(--warn)}.badge.skipped{color:var(--muted)}
button.danger{background:var(--bad);border-color:var(--bad);color:#fff}
.button.secondary.danger{color:var(--bad);border-color:var(--bad)}
h1.url{overflow-wrap:anywhere;font-size:1.25rem}.notice>p:first-child{margin-top:0}.notice>p:last-child{margin-bottom:0}
@media (max-width:40rem){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4rem}}
`;

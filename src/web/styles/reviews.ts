/** Styles of the reviews pages: a record's table, multi-line text, confirmations and the cancel form. */
export const reviewsStyles = `
table.record th{width:14rem}table.record td{overflow-wrap:anywhere}.prewrap{white-space:pre-wrap;overflow-wrap:anywhere}
.rating.adequate{color:var(--ok)}.rating.needs_improvement{color:var(--warn)}.rating.inadequate{color:var(--bad);font-weight:600}.rating.not_assessed{color:var(--muted)}
.notice.warn{background:#fff6e0;border-color:#e8c377}.confirm{margin:.75rem 0}.confirm label.check{font-weight:600}
.changes form{border:1px solid var(--line);border-radius:.4rem;padding:.25rem .9rem .5rem;margin:.75rem 0;max-width:40rem}
.changes h3,form.danger h2,form[aria-labelledby] h2{margin-top:.5rem}form.danger{border-color:#f3b8b2}
button.danger{background:var(--bad);border-color:var(--bad);color:#fff}
@media (max-width:40rem){table.record th{width:auto;min-width:6.5rem}table.record th,table.record td{padding:.3rem .25rem}}
`;

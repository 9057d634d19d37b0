/** Styles of the subject-requests pages. */
export const subjectRequestsStyles = `
.badge.sr-overdue{color:var(--bad);font-weight:600}.badge.sr-soon{color:var(--warn)}
.badge.sr-open{color:var(--accent)}.badge.sr-closed{color:var(--ok)}
.badge.sr-waiting{color:var(--muted)}.badge.sr-forwarded{color:var(--warn)}.badge.sr-answered{color:var(--ok)}
.sr-tasks{list-style:none;padding:0;margin:0;display:grid;gap:1rem}
.sr-task{border:1px solid var(--line,#c8c8c8);border-radius:.5rem;padding:.75rem 1rem}
.sr-task h3{margin:0 0 .5rem;font-size:1.05rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.sr-task .sr-fields{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.5rem 1rem}
.sr-task .field-error{margin-top:.25rem}
.sr-list td{vertical-align:top}
`;

/**
 * Styles of the incidents pages. Lists keep a readable width and scroll sideways on a
 * phone rather than squeezing their cells; colours keep 4.5:1 against white (WCAG 2.1 AA).
 */
export const incidentsStyles = `
.field-hint{color:var(--muted);font-size:.9rem;margin:0 0 .25rem;max-width:48rem}
.text-block{white-space:pre-wrap;overflow-wrap:anywhere}
.date{white-space:nowrap}
table.facts{max-width:52rem}table.facts th{width:14rem;min-width:8rem}
@media (max-width:40rem){table.facts th,table.facts td{display:block;width:auto;border:0;padding:.1rem 0}table.facts td{padding-bottom:.6rem;border-bottom:1px solid var(--line)}}
table.inc-list{min-width:46rem}table.inc-steps{min-width:36rem}
table.inc-steps th[scope=row]{color:var(--fg);font-size:1rem;white-space:nowrap}
.notice.warn{background:#fff6e5;border-color:#e8c27a}
button.danger{background:var(--bad);border-color:var(--bad)}
`;

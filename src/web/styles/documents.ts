/**
 * Styles of the documents pages and the contractor page's certificates. The badge colours
 * are the base's (--ok 5.6:1, --warn 4.9:1, --bad 6.5:1 on white): text stays AA.
 */
export const documentsStyles = `
.badge.doc-valid,.badge.pm-upcoming{color:var(--ok)}.badge.doc-expiring,.badge.pm-open{color:var(--warn)}
.badge.doc-expired,.badge.pm-closed{color:var(--bad);font-weight:600}
.badge.q-submitted,.badge.q-accepted{color:var(--ok)}.badge.q-returned{color:var(--warn)}.badge.q-revoked{color:var(--muted)}
table.documents .pm-window{display:block;font-size:.9rem;color:var(--muted);margin-top:.15rem}
table.documents .validity{white-space:nowrap}
table.profile .pm-window{display:block;font-size:.9rem;color:var(--muted)}
code.digest{font-size:.85rem;overflow-wrap:anywhere;word-break:break-all}
input[type=file]{font:inherit;max-width:100%}
.actions.doc-actions{align-items:center}
.hint.again{color:var(--warn);font-weight:600}
h1 .kind{font-size:1rem;font-weight:400}
ul.questionnaires{padding-left:1.2rem}ul.questionnaires li{margin:.2rem 0}
@media (max-width:40rem){table.documents .validity{white-space:normal}}
`;

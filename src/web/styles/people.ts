/** Styles of the people pages: sign-in, passwords, users. */
export const peopleStyles = `
section.signin{max-width:32rem;margin:0 0 1.5rem;padding:0 0 1rem;border-bottom:1px solid var(--line)}
section.signin h2{margin-top:.5rem}.hint{font-size:.9rem;margin:.15rem 0;max-width:32rem}
.deactivated{color:var(--muted)}
button.danger{background:var(--bad);border-color:var(--bad);color:#fff}button.secondary.danger{background:#fff;color:var(--bad)}
input.secret{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.95rem;width:100%;max-width:48rem;padding:.4rem .5rem;border:1px solid #9aa4b0;border-radius:.3rem;overflow-wrap:anywhere}
table.users td.email{overflow-wrap:anywhere}
section.signin .actions{align-items:center}section.signin:last-of-type{border-bottom:0}
@media (max-width:40rem){table.users,table.users tbody,table.users tr,table.users td{display:block}
table.users tr:first-child{display:none}table.users tr{border-bottom:1px solid var(--line);padding:.4rem 0}
table.users td{border:0;padding:.1rem .25rem}table.users td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:.85rem}}
`;

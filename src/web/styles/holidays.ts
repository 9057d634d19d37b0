/** Styles of the closed-days settings page: the list stays readable on a phone. */
export const holidaysStyles = `
.hol-intro{max-width:52rem}
table.hol-list{min-width:34rem}table.hol-list td{min-width:6rem}
form.hol-remove{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:0}
form.hol-remove .field-error{flex-basis:100%}
`;

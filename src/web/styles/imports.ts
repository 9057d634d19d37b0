/** Styles of the import pages: the facts of the checked file, and tables that scroll on a phone. */
export const importsStyles = `
.import-facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0 1rem}
.import-facts dt{font-weight:600;color:var(--muted)}.import-facts dd{margin:0;overflow-wrap:anywhere}
.hint{margin:0 0 .3rem;font-size:.9rem;max-width:48rem}
table.import-errors{min-width:34rem}table.import-errors td:last-child{min-width:16rem}
table.import-rows{min-width:44rem}
@media (max-width:40rem){table.import-errors{min-width:0}table.import-errors td:last-child{min-width:10rem}}
input[type=file]{font:inherit;max-width:100%}
.import-confirm{border:1px solid var(--line);border-radius:.4rem;padding:.5rem .9rem;margin:.5rem 0 1rem;background:var(--soft)}
`;

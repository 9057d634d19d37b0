/** Styles of the agreements pages: the contract items, the forms of the edit page, the saved values after a conflict. */
export const agreementsStyles = `
ul.clauses{list-style:none;margin:0;padding:0}ul.clauses li.present{color:var(--fg)}ul.clauses li.missing{color:var(--bad);font-weight:600}
form[action^="/agreements/"]{border:1px solid var(--line);border-radius:.4rem;padding:.25rem .9rem .5rem;margin:1rem 0;max-width:48rem}
form[action^="/agreements/"].danger{border-color:#f3b8b2}p.missing{margin:.25rem 0 .5rem}
details.saved-now{border:1px solid var(--line);border-radius:.4rem;padding:.4rem .9rem;margin:0 0 1rem;background:var(--soft)}
details.saved-now summary{font-weight:600;cursor:pointer}
`;

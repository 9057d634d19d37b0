/**
 * Styles of what the law adds to the incident pages: the groups of the form, and the
 * report's items in a read-only box wide enough to read, wrapping on a phone.
 */
export const incidentsLawStyles = `
fieldset.il-group{max-width:40rem}
fieldset.il-group label.check{display:block;margin:.3rem 0}
textarea.il-ppc{max-width:52rem;min-height:24rem;font-family:ui-monospace,"Noto Sans Mono CJK JP",monospace;font-size:.9rem;line-height:1.5;background:#f7f7f7;color:var(--fg);white-space:pre-wrap;overflow-wrap:anywhere}
`;

/** Styles of the provision-records pages: long texts wrap, the form stays one column on a phone. */
export const provisionStyles = `
.prov-intro{max-width:48rem}
.filters #f-country{width:5rem;padding:.45rem .5rem;font:inherit;border:1px solid #767676;border-radius:.3rem}
table.prov-list td{overflow-wrap:anywhere;word-break:normal;min-width:6rem}
table.prov-list td.date{white-space:nowrap}
.prov-text{white-space:pre-line;overflow-wrap:anywhere}
.prov-form{display:grid;gap:.75rem;max-width:40rem}
.prov-form textarea{width:100%;min-height:4.5rem}
.prov-form fieldset .check{display:inline-flex;gap:.3rem;margin:0 1rem .3rem 0}
`;

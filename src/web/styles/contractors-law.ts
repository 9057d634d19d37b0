/** Styles of the contractors-law parts: the fieldsets abroad and for re-consignment, the chain's termination. */
export const contractorsLawStyles = `
select.multi{min-height:10rem;width:100%;max-width:32rem}
fieldset.law-record{max-width:48rem}fieldset.law-record textarea{width:100%}
.note-row{border-top:1px solid var(--line);padding:.4rem 0}.note-row:first-of-type{border-top:0}
dl.law-record{margin:0}dl.law-record dt{font-weight:600;margin-top:.3rem}dl.law-record dd{margin:0 0 .2rem}
.prewrap{white-space:pre-wrap;overflow-wrap:anywhere}
table.law-facts th{width:14rem}table.law-facts td{overflow-wrap:anywhere}table.law-facts td p{margin:.1rem 0 .3rem}
table.chain-end tr.refused td{background:#fdf1f0}
@media (max-width:40rem){table.law-facts th{width:auto;min-width:7rem}}
`;

/**
 * Styles of the supervision report. On screen it is a page like the others; printed (or
 * saved as PDF) it is an A4 document: no navigation, forms or buttons, each section from
 * a new page, table headers repeated on every page, page numbers at the foot. (Also the
 * feed address on /settings/calendar, which is as long as a URL gets.)
 */
export const reportsStyles = `
.report-head h1{margin:.25rem 0}.report-org{font-size:1.1rem;font-weight:700;margin:0}
.report-subtitle{margin:0;color:var(--muted)}.report-meta{margin:.25rem 0 1rem}
.report-section h2 .count{font-weight:400;color:var(--muted);font-size:.95rem}
.report td.wrap{overflow-wrap:anywhere;min-width:12rem}.report table{min-width:36rem}.report table.by-status{min-width:28rem}
.report .ok{color:var(--ok)}.report .outcomes{margin:.25rem 0 .5rem}.report-foot{margin-top:2rem;font-size:.85rem}
.downloads ul{margin:.25rem 0;padding-left:1.2rem}.downloads li{margin:.2rem 0}
.feed-issued input.feed-url{max-width:100%;font-family:ui-monospace,monospace;font-size:.9rem}
@media print{
@page{size:A4;margin:14mm 12mm 16mm;@bottom-right{content:counter(page) " / " counter(pages);font-size:8pt;color:#555}}
:root{font-size:10pt;line-height:1.45}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body>header,.skip,.no-print,form,button,.button{display:none!important}
main{max-width:none;margin:0;padding:0}
.report-section~.report-section{break-before:page}
.report-section h2,.report-section h3{break-after:avoid}
thead{display:table-header-group}tr,th,td{break-inside:avoid}
.scroll{overflow:visible}.report table,.report table.by-status{min-width:0;font-size:9pt}
.report td.wrap{min-width:0}th{color:#333}
a{color:inherit;text-decoration:none}
}
`;

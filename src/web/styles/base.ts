/**
 * The one stylesheet: readable on a phone and on a projector, no framework. Colours keep
 * WCAG 2.1 AA: text at least 4.5:1 on white and on the header's and notices' backgrounds
 * (badges included), borders of inputs and the focus ring at least 3:1.
 */
export const stylesheet = `
:root{--fg:#1b1f24;--muted:#5b6470;--bg:#fff;--line:#d8dde3;--edge:#767f8a;--accent:#1f5fbf;--focus:#1a56c4;--ok:#1d7a3e;--warn:#a15c00;--bad:#b3261e;--pending:#6a3d9a;--soft:#f4f6f8;
font-family:system-ui,-apple-system,"Hiragino Sans","Noto Sans JP","Yu Gothic UI",Meiryo,sans-serif;font-size:16px;line-height:1.55;color:var(--fg);background:var(--bg)}
*{box-sizing:border-box}body{margin:0}a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
input[type=radio]:focus-visible,input[type=checkbox]:focus-visible{outline-offset:1px}
header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding:.6rem 1rem;border-bottom:1px solid var(--line);background:var(--soft)}
header .brand{font-weight:700;text-decoration:none;color:var(--fg)}header nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
header nav a[aria-current=page]{font-weight:700;text-decoration:none;color:var(--fg)}header .me{margin-left:auto;display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;color:var(--muted)}
main{padding:1rem;max-width:78rem;margin:0 auto}h1{font-size:1.5rem;margin:.5rem 0 1rem;overflow-wrap:anywhere}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem}.card{border:1px solid var(--line);border-radius:.5rem;padding:.75rem}
.card .n{font-size:2rem;font-weight:700;display:block}.card .sub{display:block;color:var(--muted);font-size:.9rem}.card{text-decoration:none;color:inherit}
table{border-collapse:collapse;width:100%;margin:.25rem 0 1rem}th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
th{font-size:.85rem;color:var(--muted);font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.profile th{width:14rem}table.profile td{overflow-wrap:anywhere}.nowrap{white-space:nowrap}
.scroll{overflow-x:auto;margin:.25rem 0 1rem}.scroll>table{margin:0}.scroll table.matrix{min-width:40rem}.scroll table.history{min-width:34rem}
.badge{display:inline-block;padding:0 .45rem;border-radius:.75rem;font-size:.85rem;border:1px solid currentColor;white-space:nowrap}
.overdue,.critical,.high,.unsatisfactory,.major_findings,.terminated{color:var(--bad)}.due_soon,.warning,.medium,.suspended{color:var(--warn)}
.on_track,.low,.active,.satisfactory,.resolved{color:var(--ok)}.none_scheduled,.info{color:var(--muted)}.missing{color:var(--bad);font-weight:600}
.selection_pending{color:var(--pending)}.badge.selection_pending{border-style:dashed}
form.inline{display:inline}form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:1rem}form.filters>div{min-width:10rem}
label{display:block;font-weight:600;margin:.6rem 0 .2rem}label.check{font-weight:400;display:flex;gap:.4rem;align-items:baseline}
input[type=text],input[type=search],input[type=email],input[type=date],input[type=number],input[type=password],select,textarea{font:inherit;padding:.4rem .5rem;border:1px solid var(--edge);border-radius:.3rem;width:100%;max-width:32rem;background:#fff;color:var(--fg)}
input[type=checkbox],input[type=radio]{width:1.1rem;height:1.1rem;flex:none;accent-color:var(--accent)}
textarea{min-height:5rem}fieldset{border:1px solid var(--line);border-radius:.4rem;margin:.75rem 0;padding:.5rem .9rem}legend{font-weight:600}
button,.button{font:inherit;padding:.4rem .9rem;border-radius:.3rem;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:var(--accent)}button.danger,.button.danger{background:var(--bad);border-color:var(--bad);color:#fff}
.button.secondary.danger{background:#fff;color:var(--bad)}.field-error{color:var(--bad);font-size:.9rem;margin:.15rem 0}.hint{color:var(--muted);font-size:.9rem;margin:.15rem 0 .3rem}
[aria-invalid=true]{border-color:var(--bad)!important}fieldset[aria-invalid=true]{border-width:2px}.notice{padding:.6rem .8rem;border-radius:.4rem;background:#eef5ff;border:1px solid #bcd3f5;margin:.5rem 0 1rem}
.notice.error{background:#fdecea;border-color:#f3b8b2}.notice.warn{background:#fff6e0;border-color:#e8c377}.notice>p:first-child{margin-top:0}.notice>:last-child{margin-bottom:0}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0 1rem}.next-step{border-left:4px solid var(--pending);padding:.1rem 0 .1rem .9rem;margin:1rem 0}.next-step h2{margin-top:.25rem}
fieldset.parent .found{margin:.5rem 0}.search-row{display:flex;gap:.5rem;align-items:center;max-width:32rem}.search-row input{flex:1}
blockquote.note{margin:.3rem 0 0;padding:.2rem .6rem;border-left:3px solid var(--line);white-space:pre-wrap;overflow-wrap:anywhere}
.matrix td a{display:block;text-decoration:none;font-variant-numeric:tabular-nums}.muted{color:var(--muted)}svg text{font:10px system-ui,sans-serif;fill:var(--fg)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (min-width:100rem){:root{font-size:19px}}
@media (max-width:40rem){main{padding:.6rem}th,td{padding:.3rem}table.profile th{width:auto;min-width:7rem}
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.stack tr{border:1px solid var(--line);border-radius:.5rem;padding:.35rem .6rem;margin:0 0 .6rem}
table.stack td{border:0;padding:.2rem 0;display:grid;grid-template-columns:7.5rem minmax(0,1fr);column-gap:.5rem;align-items:start;overflow-wrap:anywhere}
table.stack td::before{content:attr(data-label);grid-row:1/span 8;color:var(--muted);font-size:.85rem;font-weight:600}
table.stack td>*{grid-column:2;justify-self:start}}
`;

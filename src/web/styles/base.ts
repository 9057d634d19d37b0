/** The one stylesheet: readable on a phone and on a projector, no framework. */
export const stylesheet = `
:root{--fg:#1b1f24;--muted:#5b6470;--bg:#fff;--line:#d8dde3;--accent:#1f5fbf;--ok:#1d7a3e;--warn:#a15c00;--bad:#b3261e;--soft:#f4f6f8;
font-family:system-ui,-apple-system,"Hiragino Sans","Noto Sans JP","Yu Gothic UI",Meiryo,sans-serif;font-size:16px;line-height:1.55;color:var(--fg);background:var(--bg)}
*{box-sizing:border-box}body{margin:0}a{color:var(--accent)}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #8ab4f8;outline-offset:1px}
header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding:.6rem 1rem;border-bottom:1px solid var(--line);background:var(--soft)}
header .brand{font-weight:700;text-decoration:none;color:var(--fg)}header nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
header nav a[aria-current=page]{font-weight:700;text-decoration:none;color:var(--fg)}header .me{margin-left:auto;display:flex;gap:.75rem;align-items:center;color:var(--muted)}
main{padding:1rem;max-width:78rem;margin:0 auto}h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem}.card{border:1px solid var(--line);border-radius:.5rem;padding:.75rem}
.card .n{font-size:2rem;font-weight:700;display:block}.card .sub{display:block;color:var(--muted);font-size:.9rem}.card{text-decoration:none;color:inherit}
table{border-collapse:collapse;width:100%;margin:.25rem 0 1rem}th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
th{font-size:.85rem;color:var(--muted);font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}.badge{display:inline-block;padding:0 .45rem;border-radius:.75rem;font-size:.85rem;border:1px solid currentColor;white-space:nowrap}
.overdue,.critical,.high,.unsatisfactory,.major_findings,.terminated{color:var(--bad)}.due_soon,.warning,.medium,.suspended{color:var(--warn)}
.on_track,.low,.active,.satisfactory,.resolved{color:var(--ok)}.none_scheduled,.info{color:var(--muted)}.missing{color:var(--bad);font-weight:600}
form.inline{display:inline}form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:1rem}
label{display:block;font-weight:600;margin:.6rem 0 .2rem}label.check{font-weight:400;display:flex;gap:.4rem;align-items:center}
input[type=text],input[type=email],input[type=date],input[type=number],input[type=password],select,textarea{font:inherit;padding:.4rem .5rem;border:1px solid #9aa4b0;border-radius:.3rem;width:100%;max-width:32rem}
textarea{min-height:5rem}fieldset{border:1px solid var(--line);border-radius:.4rem;margin:.75rem 0;padding:.5rem .9rem}legend{font-weight:600}
button,.button{font:inherit;padding:.4rem .9rem;border-radius:.3rem;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:var(--accent)}.field-error{color:var(--bad);font-size:.9rem;margin:.15rem 0}
[aria-invalid=true]{border-color:var(--bad)!important}.notice{padding:.6rem .8rem;border-radius:.4rem;background:#eef5ff;border:1px solid #bcd3f5;margin:.5rem 0 1rem}
.notice.error{background:#fdecea;border-color:#f3b8b2}.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0 1rem}
.matrix td a{display:block;text-decoration:none;font-variant-numeric:tabular-nums}.muted{color:var(--muted)}svg text{font:10px system-ui,sans-serif;fill:var(--fg)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
@media (min-width:100rem){:root{font-size:19px}}@media (max-width:40rem){main{padding:.6rem}th,td{padding:.3rem}}
`;

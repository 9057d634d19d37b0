/**
 * Styles of the respond pages: a long form read on a phone as often as on a desk. Colours
 * are the base palette's (WCAG 2.1 AA); the reviewer's question stands out by its border
 * and heading, not by colour alone.
 */
export const respondStyles = `
body.respond header .brand{font-weight:700}
body.respond main{max-width:52rem}
.respond-meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.4rem 1rem;margin:0 0 1rem;padding:.6rem .8rem;border:1px solid var(--line);border-radius:.5rem;background:var(--soft)}
.respond-meta dt{font-size:.85rem;color:var(--muted);font-weight:600}.respond-meta dd{margin:0;overflow-wrap:anywhere}
.respond .progress{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;font-weight:600}
.respond .progress progress{width:12rem;max-width:100%;height:.9rem;accent-color:var(--accent)}
.toc{border:1px solid var(--line);border-radius:.5rem;padding:.25rem .9rem .5rem;margin:0 0 1rem}
.toc h2{margin:.5rem 0}.toc ol{margin:0;padding-left:1.4rem}.toc li{margin:.2rem 0}
.respond-section{margin:1.5rem 0}.respond-section>h2{border-bottom:2px solid var(--line);padding-bottom:.25rem;overflow-wrap:anywhere}
fieldset.q,div.q{margin:1rem 0;padding:.6rem .9rem .8rem;border:1px solid var(--edge);border-radius:.5rem;min-width:0}
fieldset.q>legend{float:left;width:100%;padding:0;margin:0 0 .3rem;font-weight:600;overflow-wrap:anywhere}
fieldset.q>legend+*{clear:both}
.qid{font-variant-numeric:tabular-nums;color:var(--muted);font-weight:600;margin-right:.2rem}
.req{display:inline-block;font-size:.8rem;font-weight:700;padding:0 .4rem;border:1px solid var(--bad);color:var(--bad);border-radius:.3rem;white-space:nowrap}
.req.opt{border-color:var(--edge);color:var(--muted);font-weight:600}
.choices{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.4rem 0}
.choices label.check{margin:0;padding:.35rem .1rem;min-height:2.25rem;align-items:center}
.q textarea.comment{min-height:3.5rem}
.evidence-h{font-weight:600}
.reviewer{margin:.5rem 0;padding:.5rem .8rem;border:2px solid var(--warn);border-left-width:6px;border-radius:.4rem;background:#fff6e0}
.reviewer-h{margin:0;font-weight:700;color:#7a4500}.reviewer-text{margin:.2rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
fieldset.q.returned{border-color:var(--warn);border-width:2px}
.files{margin:.4rem 0}.files-h{margin:0;font-weight:600;font-size:.9rem}.files ul{margin:.1rem 0;padding-left:1.3rem}
.file-name{overflow-wrap:anywhere}
.attach{margin:.4rem 0;padding:.4rem .6rem;border:1px dashed var(--edge);border-radius:.4rem}
.attach summary{cursor:pointer;color:var(--accent);font-weight:600}
.attach label{margin-top:.1rem}.attach input[type=file]{display:block;max-width:100%;margin:.3rem 0}
.submit-box{margin:1.5rem 0;padding:.6rem 1rem;border:2px solid var(--accent);border-radius:.5rem}
.submit-box label.check{font-weight:600}
.notice.thanks{background:#e9f6ee;border-color:#9fd3b1}
div.q.answered .q-h{margin:0 0 .3rem;font-weight:600;overflow-wrap:anywhere}
div.q.answered dl{margin:.2rem 0;display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem .8rem}
div.q.answered dt{color:var(--muted);font-size:.9rem}div.q.answered dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.to-top{font-size:.9rem;margin:.3rem 0 0}
.respond-message+.respond-message{margin-top:1.5rem;border-top:1px solid var(--line)}
@media (max-width:40rem){fieldset.q,div.q{padding:.5rem .6rem .7rem}.choices{gap:.1rem 1rem}
div.q.answered dl{grid-template-columns:minmax(0,1fr)}}
`;

/**
 * Styles of the questionnaires pages: status badges, the link shown once, answers beside
 * last year's with changed ones marked (a border and a word, never colour alone), and the
 * template edit form. Colours are the base palette's, which keep 4.5:1 on white and on the
 * warm background of a changed row.
 */
export const questionnairesStyles = `
.badge.qn-sent{color:var(--accent)}.badge.qn-in_progress,.badge.qn-returned{color:var(--warn)}.badge.qn-submitted{color:var(--pending)}
.badge.qn-accepted{color:var(--ok)}.badge.qn-revoked{color:var(--muted)}.badge.qn-tpl{color:var(--muted);font-size:.8rem;vertical-align:middle}
.qn-link{margin:1rem 0;padding:.75rem;border:2px solid var(--accent);border-radius:.4rem;max-width:48rem}
.qn-link input{max-width:none;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9rem}
.qn-score{font-size:1.1rem}.qn-scores th[scope=row]{font-weight:600;color:var(--fg);font-size:1rem}
.qn-section h3{margin:1.25rem 0 .4rem;font-size:1.05rem}.qn-qid{color:var(--muted);font-size:.85rem;font-variant-numeric:tabular-nums;white-space:nowrap}
table.qn-answers{table-layout:fixed}table.qn-answers td{overflow-wrap:anywhere}table.qn-answers th:first-child{width:46%}
table.qn-answers tr.qn-changed td{background:#fffaf0}table.qn-answers tr.qn-changed td:first-child{box-shadow:inset 4px 0 0 var(--warn)}
.qn-changed-badge{color:var(--warn);margin-left:.4rem}.qn-value.no{color:var(--bad);font-weight:600}.qn-value.partly{color:var(--warn)}.qn-value.yes{color:var(--ok)}
.qn-files{margin:.3rem 0 0;padding-left:1.2rem}.qn-reviewer{margin:.4rem 0 0;padding:.3rem .5rem;background:#eef5ff;border-left:3px solid var(--accent);white-space:pre-wrap}
.qn-questions{padding-left:0;list-style:none}.qn-questions li{margin:.4rem 0 .8rem}.qn-questions p{margin:.1rem 0}
.qn-return-q{margin:.5rem 0 1rem}.qn-return-q textarea,.qn-edit-q textarea{min-height:3.2rem}
.qn-edit-q{margin:.5rem 0}.qn-edit-q textarea,.qn-add textarea{max-width:48rem}.qn-edit-q legend{font-size:.9rem}.qn-add{margin:.5rem 0 1.25rem;padding:.4rem .75rem;border:1px dashed var(--edge);border-radius:.4rem}
.qn-add summary{cursor:pointer;font-weight:600;color:var(--accent)}.qn-save{position:sticky;bottom:0;background:#fff;padding:.5rem 0;border-top:1px solid var(--line)}
.qn-sections ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.25rem 0 1rem}.qn-sections a[aria-current=page]{font-weight:700;color:var(--fg);text-decoration:none}
.qn-panel{border-top:1px solid var(--line);margin-top:1.5rem}.qn-panel-answers summary{cursor:pointer;font-weight:600;color:var(--accent);margin:.5rem 0}
@media (max-width:40rem){table.qn-answers th:first-child{width:auto}table.stack.qn-list td.num,table.stack.qn-templates td.num{text-align:left}table.qn-answers tr.qn-changed{border-left:4px solid var(--warn)}
table.qn-answers tr.qn-changed td:first-child{box-shadow:none}}
`;

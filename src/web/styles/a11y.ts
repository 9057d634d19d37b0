/**
 * Keyboard and screen-reader aids (WCAG 2.1 AA): a skip link that appears on focus, a
 * focus ring on everything that can take focus.
 */
export const a11yStyles = `
.skip{position:absolute;left:.5rem;top:-3rem;z-index:10;background:#fff;color:var(--accent);padding:.4rem .8rem;border:2px solid var(--accent);border-radius:.3rem}
.skip:focus{top:.5rem}
:focus-visible{outline:3px solid #1a56c4;outline-offset:2px}
main:focus{outline:none}
.pager{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:.5rem 0 1rem}
`;

/**
 * Styles of the findings pages: the list keeps a readable width and scrolls sideways on a
 * phone rather than squeezing its cells to a character a line.
 */
export const findingsStyles = `
table.fnd-list{min-width:50rem}table.fnd-list td .button{white-space:nowrap}
`;

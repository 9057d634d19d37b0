/** Styles of the findings pages. */
export const findingsStyles = '';

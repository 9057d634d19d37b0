/** Styles of the agreements pages. */
export const agreementsStyles = '';

/** Styles of the reports pages. */
export const reportsStyles = '';

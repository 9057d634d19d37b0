/** Styles of the imports pages. */
export const importsStyles = '';

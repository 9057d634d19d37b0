/** Styles of the documents pages. */
export const documentsStyles = ``;

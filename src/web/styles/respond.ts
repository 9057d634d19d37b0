/** Styles of the respond pages. */
export const respondStyles = ``;

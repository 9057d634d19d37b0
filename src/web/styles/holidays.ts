/** Styles of the holidays pages. */
export const holidaysStyles = ``;

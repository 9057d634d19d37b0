/** Styles of the provision-records pages. */
export const provisionStyles = ``;

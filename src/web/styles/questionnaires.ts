/** Styles of the questionnaires pages. */
export const questionnairesStyles = ``;

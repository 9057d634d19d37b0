/** Styles of the people pages. */
export const peopleStyles = '';

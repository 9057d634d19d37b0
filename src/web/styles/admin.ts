/** Styles of the admin pages. */
export const adminStyles = '';

/** Styles of the reviews pages. */
export const reviewsStyles = '';

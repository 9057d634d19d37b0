/** Styles of the contractors-law pages. */
export const contractorsLawStyles = ``;

/** Styles of the incidents-law pages. */
export const incidentsLawStyles = ``;

/** Styles of the incidents pages. */
export const incidentsStyles = '';

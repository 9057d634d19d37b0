/** Styles of the subject-requests pages. */
export const subjectRequestsStyles = ``;

/**
 * The verbs of questionnaires, in one place for routes and pages: templates, compliance's
 * side (send, review the answers) and the respondent's (answer through the link).
 */

export {
  EXPIRY_DAYS_AFTER_DUE,
  type QuestionnaireDetail,
  type QuestionnaireView,
} from './questionnaires.present';
export {
  ATTEMPTS_PER_ADDRESS,
  attachEvidence,
  openForRespondent,
  type RespondentView,
  saveAnswers,
  submitQuestionnaire,
} from './respond.service';
export {
  acceptQuestionnaire,
  findQuestionnaireForReview,
  getQuestionnaire,
  listQuestionnaires,
  resendQuestionnaire,
  returnQuestionnaire,
  revokeQuestionnaire,
  type SentQuestionnaire,
  sendQuestionnaire,
} from './staff.service';
export {
  archiveTemplate,
  createTemplate,
  findTemplate,
  getTemplate,
  listTemplates,
  type TemplateView,
  updateTemplate,
} from './templates.service';

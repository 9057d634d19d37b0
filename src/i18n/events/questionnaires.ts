import type { Label } from '../labels';

/** Audit actions of questionnaires and their templates, in words. */
export const questionnaireEvents: Record<string, Label> = {
  'questionnaire.send': { ja: '質問票を送付', en: 'Questionnaire sent' },
  'questionnaire.resend': { ja: '質問票のリンクを再発行', en: 'Questionnaire link sent again' },
  'questionnaire.return': { ja: '質問票の回答を差し戻し', en: 'Questionnaire returned for clarification' },
  'questionnaire.accept': { ja: '質問票の回答を受理', en: 'Questionnaire accepted' },
  'questionnaire.revoke': { ja: '質問票のリンクを取り消し', en: 'Questionnaire link withdrawn' },
  'questionnaire.answer': { ja: '委託先が質問票に回答（下書き）', en: 'Questionnaire answers saved by the contractor' },
  'questionnaire.submit': { ja: '委託先が質問票を提出', en: 'Questionnaire submitted by the contractor' },
  'questionnaire.attach': { ja: '委託先が証憑を添付', en: 'Evidence attached by the contractor' },
  'questionnaire-template.create': { ja: '質問票のテンプレートを作成', en: 'Questionnaire template created' },
  'questionnaire-template.update': { ja: '質問票のテンプレートを変更', en: 'Questionnaire template changed' },
  'questionnaire-template.archive': { ja: '質問票のテンプレートをアーカイブ', en: 'Questionnaire template archived' },
};

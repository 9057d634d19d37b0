import { consignment } from './appi-standard-consignment';
import { externalEnvironment, physical, technical } from './appi-standard-measures';
import { basicPolicy, handlingRules, human, organizational } from './appi-standard-policy';
import { l } from './appi-standard-questions';
import type { QuestionnaireTemplate } from './template';

/**
 * The built-in self-assessment sheet sent to contractors once a year. Its sections follow
 * the PPC General Guidelines (通則編) 10 別添「講ずべき安全管理措置の内容」, which the
 * principal must see its contractor keep (APPI Art. 25; the guidelines §3-4-4 ask the
 * principal to check the contractor's handling regularly), plus the terms of the
 * consignment itself and the certificates the contractor holds. A weight of 3 marks what
 * the guideline says must be done (「講じなければならない」); 2 its examples of how; 1 good practice.
 */

export const APPI_STANDARD_ID = 'appi-standard';

export const appiStandard: QuestionnaireTemplate = {
  id: APPI_STANDARD_ID,
  name: l('委託先チェックシート（個人情報保護法 標準）', 'Contractor self-assessment (APPI standard)'),
  version: 1,
  sections: [basicPolicy, handlingRules, organizational, human, physical, technical, externalEnvironment, consignment],
};

export const builtInTemplates: readonly QuestionnaireTemplate[] = [appiStandard];

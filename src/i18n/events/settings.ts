import type { Label } from '../labels';

/** Audit actions of the organisation's settings, in words. */
export const settingsEvents: Record<string, Label> = {
  'selection_criteria.update': { ja: '委託先の選定基準を変更', en: 'Selection criteria changed' },
  'certificate_mitigation.update': {
    ja: '認証をリスクの軽減要素として表示する設定を変更',
    en: 'Certificates as mitigating factors: setting changed',
  },
};

/** The settings an audit event can be about (entity type `setting`, id = the setting's key). */
export const settingEntityLabel: Label = { ja: '設定', en: 'Setting' };

import type { Label } from '../labels';

/** Audit actions of the organisation's settings, in words. */
export const settingsEvents: Record<string, Label> = {
  'selection_criteria.update': { ja: '委託先の選定基準を変更', en: 'Selection criteria changed' },
};

/** The settings an audit event can be about (entity type `setting`, id = the setting's key). */
export const settingEntityLabel: Label = { ja: '設定', en: 'Setting' };

import { describe, expect, it } from 'vitest';
import { questionnaireMailText } from '../../src/notify/questionnaire-mail';
import type { MailQuestionnaire } from '../../src/notify/questionnaire-mail.repo';
import { reminderStage } from '../../src/notify/questionnaire-outbox';

const base: MailQuestionnaire = {
  id: 'q1',
  language: 'ja',
  recipientName: '佐藤 一郎',
  contractorName: '株式会社サンプル物流',
  dueDate: '2026-12-11',
  expiresAt: '2027-01-10T14:59:59.000Z',
  status: 'sent',
  tokenHash: 'ab'.repeat(32),
  tokenSealed: 'enc1:x:y',
};
const ctx = {
  link: 'https://itaku.example.co.jp/respond/itq_abc',
  organization: '株式会社イタク商事',
  timeZone: 'Asia/Tokyo',
};

describe('reminderStage', () => {
  it('owes "soon" from 7 days before the due date, "due" on it and "overdue" after it', () => {
    const due = '2026-12-11';
    expect(reminderStage(due, '2026-12-03')).toBeNull();
    expect(reminderStage(due, '2026-12-04')).toBe('soon');
    expect(reminderStage(due, '2026-12-10')).toBe('soon');
    expect(reminderStage(due, '2026-12-11')).toBe('due');
    expect(reminderStage(due, '2026-12-12')).toBe('overdue');
    expect(reminderStage('2027-01-03', '2026-12-27')).toBe('soon');
  });
});

describe('questionnaireMailText', () => {
  it('keeps every stored name on its own line, whatever it holds', () => {
    const clean = questionnaireMailText(base, 'overdue', ctx);
    for (const lang of ['ja', 'en'] as const) {
      const hostile = questionnaireMailText(
        {
          ...base,
          language: lang,
          recipientName: '佐藤\r\nBcc: evil@example.com\u2028X',
          contractorName: '悪意\n\n偽の行\u202E',
        },
        'overdue',
        ctx,
      );
      const plain = lang === 'ja' ? clean : questionnaireMailText({ ...base, language: 'en' }, 'overdue', ctx);
      expect(hostile.text.split('\n')).toHaveLength(plain.text.split('\n').length);
      expect(hostile.subject).not.toMatch(/[\r\n]/);
      expect(hostile.text).not.toMatch(/^Bcc:/m);
      expect(hostile.text).not.toContain('\u202E');
    }
  });

  it('writes the due date and the expiry as a Japanese reader expects them', () => {
    const { subject, text } = questionnaireMailText(base, 'due', ctx);
    expect(subject).toBe('【本日期限】委託先チェックシートの回答期限は本日です（株式会社イタク商事）');
    expect(text).toContain('委託先チェックシートの回答期限は本日（2026年12月11日(金)）です。');
    expect(text).toContain('■ リンクの有効期限\n2027年1月10日(日) 23:59 JST');
    expect(text).toContain(`■ ご回答用リンク\n${ctx.link}\n`);
  });
});

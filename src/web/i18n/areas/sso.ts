import { area } from '../area';

/** Single sign-on: what a person sees when it signs them in, and each reason it did not. */
export const sso = area(
  {
    'sso.signedInTitle': 'Signed in',
    'sso.signedIn': 'You are signed in as {name}. If the next page does not open by itself, select Continue.',
    'sso.continue': 'Continue',
    'sso.failedTitle': 'Single sign-on did not sign you in',
    'sso.unknownUserTitle': 'Ask an administrator to add you',
    'sso.providerRefused': 'The sign-in service did not sign you in, or the sign-in was cancelled.',
    'sso.providerCode': 'Code from the sign-in service: {code}',
    'sso.flowInvalid':
      'This sign-in has expired, was already completed, or was started in another browser. Please start again.',
    'sso.exchangeFailed':
      'The answer of the sign-in service could not be verified, or was already used. Please start again.',
    'sso.providerUnavailable':
      'The sign-in service cannot be reached at the moment. Please try again later, or sign in another way.',
    'sso.emailUnverified':
      'The sign-in service did not confirm an e-mail address for your account, so itaku cannot tell which user you are. Ask whoever manages your organisation’s accounts to give your account a verified e-mail address.',
    'sso.emailShown': 'E-mail address given by the sign-in service: {email}',
    'sso.unknownUser':
      'No itaku user has the e-mail address {email}. Ask an itaku administrator to add you with this address, then sign in again.',
    'sso.userInactive':
      'The itaku user with the e-mail address {email} has been deactivated. Ask an itaku administrator if you need access again.',
    'sso.tryAgain': 'Try single sign-on again',
    'sso.otherWays': 'Other ways to sign in',
  },
  {
    'sso.signedInTitle': 'サインインしました',
    'sso.signedIn': '{name} としてサインインしました。次の画面が自動的に表示されない場合は「続行」を選択してください。',
    'sso.continue': '続行',
    'sso.failedTitle': 'シングルサインオンでサインインできませんでした',
    'sso.unknownUserTitle': '管理者に利用者登録を依頼してください',
    'sso.providerRefused': '認証サービスでサインインが完了しなかったか、サインインが取り消されました。',
    'sso.providerCode': '認証サービスからのエラーコード：{code}',
    'sso.flowInvalid':
      'このサインイン手続きは、有効期限が切れたか、既に完了しているか、別のブラウザーで開始されたものです。最初からやり直してください。',
    'sso.exchangeFailed': '認証サービスからの応答を検証できなかったか、既に使用済みです。最初からやり直してください。',
    'sso.providerUnavailable':
      '現在、認証サービスに接続できません。しばらくしてから再度お試しいただくか、別の方法でサインインしてください。',
    'sso.emailUnverified':
      '認証サービスがお使いのアカウントのメールアドレスを確認済みとしていないため、itaku の利用者を特定できません。貴社のアカウント管理者に、確認済みのメールアドレスの設定を依頼してください。',
    'sso.emailShown': '認証サービスから提供されたメールアドレス：{email}',
    'sso.unknownUser':
      'メールアドレス {email} の利用者は itaku に登録されていません。itaku の管理者にこのメールアドレスでの利用者登録を依頼し、登録後に再度サインインしてください。',
    'sso.userInactive':
      'メールアドレス {email} の itaku 利用者は無効化されています。引き続き利用が必要な場合は、itaku の管理者にお問い合わせください。',
    'sso.tryAgain': 'シングルサインオンをやり直す',
    'sso.otherWays': '他の方法でサインイン',
  },
);

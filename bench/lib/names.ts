import type { Prng } from './prng';

/** Japanese company names with their reading, so `q` searches hit kanji, kana and Latin alike. */

const cores: readonly [string, string][] = [
  ['サンプル', 'サンプル'],
  ['山田', 'ヤマダ'],
  ['東洋', 'トウヨウ'],
  ['日本', 'ニホン'],
  ['富士', 'フジ'],
  ['大和', 'ヤマト'],
  ['青葉', 'アオバ'],
  ['北斗', 'ホクト'],
  ['さくら', 'サクラ'],
  ['みらい', 'ミライ'],
  ['中央', 'チュウオウ'],
  ['旭', 'アサヒ'],
  ['高橋', 'タカハシ'],
  ['鈴木', 'スズキ'],
  ['瑞穂', 'ミズホ'],
  ['若葉', 'ワカバ'],
];
const regions: readonly [string, string][] = [
  ['', ''],
  ['東京', 'トウキョウ'],
  ['大阪', 'オオサカ'],
  ['名古屋', 'ナゴヤ'],
  ['福岡', 'フクオカ'],
  ['札幌', 'サッポロ'],
];
/** [name part, reading, service description] */
const trades: readonly [string, string, string][] = [
  ['物流', 'ブツリュウ', '配送・倉庫保管業務'],
  ['システム', 'システム', 'システム開発・保守'],
  ['データサービス', 'データサービス', 'データ入力・名簿管理'],
  ['印刷', 'インサツ', 'DM印刷・発送代行'],
  ['コールセンター', 'コールセンター', '問い合わせ窓口業務'],
  ['クラウド', 'クラウド', 'クラウドホスティング'],
  ['人材サービス', 'ジンザイサービス', '給与計算・人事労務'],
  ['決済サービス', 'ケッサイサービス', '決済代行'],
  ['情報処理', 'ジョウホウショリ', 'BPO・情報処理'],
];
/** Trades about 1 company in 500 has: rare 2-character terms (測量, 翻訳) for the search bench. */
const rareTrades: readonly [string, string, string][] = [
  ['測量', 'ソクリョウ', '測量・地図データ作成'],
  ['翻訳', 'ホンヤク', '翻訳・文書管理'],
];
const forms: readonly [string, string][] = [
  ['株式会社', 'カブシキガイシャ'],
  ['株式会社', 'カブシキガイシャ'],
  ['合同会社', 'ゴウドウガイシャ'],
  ['有限会社', 'ユウゲンガイシャ'],
];
const foreign: readonly [string, string][] = [
  ['Pacific Data Services', 'パシフィックデータサービス'],
  ['Blue Harbor Logistics', 'ブルーハーバーロジスティクス'],
  ['Northwind Cloud', 'ノースウィンドクラウド'],
  ['Acme Payments', 'アクメペイメンツ'],
  ['Orbit Support Center', 'オービットサポートセンター'],
];
const foreignForms = ['Inc.', 'Ltd.', 'Pte. Ltd.', 'GmbH', 'LLC'] as const;
const families = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤'] as const;
const givens = ['太郎', '花子', '健一', '美咲', '翔太', '由美', '大輔', '直子'] as const;

export interface CompanyName {
  name: string;
  nameKana: string | null;
  services: string;
}

export function japaneseCompany(r: Prng): CompanyName {
  const [core, coreKana] = r.pick(cores);
  const [region, regionKana] = r.pick(regions);
  const [trade, tradeKana, services] = r.chance(0.002) ? r.pick(rareTrades) : r.pick(trades);
  const [form, formKana] = r.pick(forms);
  const body = `${core}${region}${trade}`;
  const bodyKana = `${coreKana}${regionKana}${tradeKana}`;
  const prefix = r.chance(0.6);
  return {
    // e.g. 株式会社サンプル物流 / カブシキガイシャサンプルブツリュウ; some readings omitted.
    name: prefix ? `${form}${body}` : `${body}${form}`,
    nameKana: r.chance(0.9) ? (prefix ? `${formKana}${bodyKana}` : `${bodyKana}${formKana}`) : null,
    services,
  };
}

export function foreignCompany(r: Prng): CompanyName {
  const [name, kana] = r.pick(foreign);
  return {
    name: `${name} ${r.pick(foreignForms)}`,
    nameKana: r.chance(0.5) ? kana : null,
    services: r.pick(trades)[2],
  };
}

export const personName = (r: Prng): string => `${r.pick(families)} ${r.pick(givens)}`;

import { type Entry, entry } from '../message-entry';

/** Field messages of CSV imports: `row` and `field` say where. */
export const importMessages = {
  csvSyntax: entry<{ detail: string }>(
    (p) => p.detail,
    (p) => `CSVとして読めません（${p.detail}）`,
  ),
  fileEmpty: entry(
    () => 'the file is empty: it needs a header row',
    () => 'ファイルが空です。1行目に見出しが必要です',
  ),
  tooManyRows: entry<{ max: number }>(
    (p) => `at most ${p.max} rows per file`,
    (p) => `1ファイル${p.max}行までです`,
  ),
  notAColumn: entry(
    () => 'is not a contractor column',
    () => '委託先の列ではありません',
  ),
  columnRequired: entry(
    () => 'column is required',
    () => 'この列が必要です',
  ),
  columnTwice: entry(
    () => 'column appears twice',
    () => '同じ列が2回あります',
  ),
  cellCount: entry<{ cells: number; header: number }>(
    (p) => `has ${p.cells} cells; the header has ${p.header}`,
    (p) => `セルが${p.cells}個あります（見出しは${p.header}列）`,
  ),
  sameAsRow: entry<{ row: number }>(
    (p) => `same as row ${p.row}`,
    (p) => `${p.row}行目と同じです`,
  ),
  nameRegistered: entry(
    () => 'a contractor with this name is already registered',
    () => 'この名称の委託先はすでに登録されています',
  ),
  alreadyRegisteredAs: entry<{ name: string }>(
    (p) => `already registered as ${p.name}`,
    (p) => `「${p.name}」としてすでに登録されています`,
  ),
  noContractorNamed: entry(
    () => 'no contractor has this name',
    () => 'この名称の委託先はありません',
  ),
  severalContractorsNamed: entry(
    () => 'several contractors have this name; use the id',
    () => '同じ名称の委託先が複数あります。IDを入力してください',
  ),
  parentNameInFile: entry<{ count: number }>(
    (p) => `${p.count} rows of the file have this name`,
    (p) => `ファイル内の${p.count}行がこの名称です`,
  ),
  parentNameAmbiguous: entry(
    () => 'more than one registered contractor has this name',
    () => '同じ名称の委託先が複数登録されています',
  ),
  parentNameUnknown: entry(
    () => 'names neither a row of this file nor a registered contractor',
    () => 'ファイル内にも登録済みの委託先にもない名称です',
  ),
  ownParent: entry(
    () => 'a contractor cannot be its own parent',
    () => '自分自身を再委託元にはできません',
  ),
  notHandledByParentRow: entry<{ row: number; categories: string }>(
    (p) => `not handled by the parent (row ${p.row}): ${p.categories}`,
    (p) => `再委託元（${p.row}行目）が取り扱っていない区分です: ${p.categories}`,
  ),
  chainLevels: entry<{ max: number }>(
    (p) => `re-consignment chains may have at most ${p.max} levels`,
    (p) => `再委託は${p.max}階層までです`,
  ),
  parentCycle: entry(
    () => 'the parents in this file form a cycle',
    () => 'ファイル内の再委託元が循環しています',
  ),
} satisfies Record<string, Entry<never>>;

-- Name search through an n-gram index of `contractors.search_text` (the normalised name +
-- kana), kept by triggers in the same unit as every write of a contractor, whichever path
-- makes it (API, CSV import, CLI, bulk loads).
--
-- A contractor's document is the list of its bigrams plus its last character, each token
-- the hex of its UTF-8 bytes, so that no tokenizer folding or separator can change what
-- matches: a term of 2+ characters needs all its bigrams (then the exact infix check), a
-- 1-character term is a prefix query on the hex of that character (UTF-8 is prefix-free,
-- so only tokens that begin with it match). detail='none' keeps the index small: the
-- order of the tokens does not matter, the infix check decides.
--
-- The FTS rowid is a key of its own (contractor_search_keys): the implicit rowid of
-- `contractors` (text primary key) may be renumbered by VACUUM.
CREATE TABLE `contractor_search_keys` (
	`key` integer PRIMARY KEY,
	`contractor_id` text NOT NULL UNIQUE
);
--> statement-breakpoint
-- Character positions 1…8192, for the triggers' n-gram walk (SQLite allows no recursive
-- CTE in a trigger). 8192 covers the longest name + kana the API accepts after NFKC.
CREATE TABLE `contractor_search_positions` (`n` integer PRIMARY KEY);
--> statement-breakpoint
WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 8192)
INSERT INTO `contractor_search_positions` (`n`) SELECT n FROM s;
--> statement-breakpoint
-- Contentless: the documents are recomputed from OLD.search_text to delete them. The
-- prefix indexes serve 1-character terms (hex of a 1-, 2- or 3-byte UTF-8 character).
CREATE VIRTUAL TABLE `contractor_search_fts` USING fts5(
	grams, content='', detail='none', tokenize='ascii', prefix='2 4 6'
);
--> statement-breakpoint
INSERT INTO `contractor_search_keys` (`contractor_id`) SELECT `id` FROM `contractors` ORDER BY `id`;
--> statement-breakpoint
INSERT INTO `contractor_search_fts` (rowid, grams)
SELECT k.`key`, (
	SELECT group_concat(hex(substr(c.`search_text`, p.`n`, 2)), ' ')
	  FROM `contractor_search_positions` p WHERE p.`n` <= length(c.`search_text`)
)
  FROM `contractor_search_keys` k JOIN `contractors` c ON c.`id` = k.`contractor_id`;
--> statement-breakpoint
-- One segment after the backfill: a query reads each of its terms once per segment.
INSERT INTO `contractor_search_fts` (`contractor_search_fts`) VALUES ('optimize');
--> statement-breakpoint
CREATE TRIGGER `contractor_search_insert` AFTER INSERT ON `contractors`
BEGIN
	INSERT INTO `contractor_search_keys` (`contractor_id`) VALUES (NEW.`id`);
	INSERT INTO `contractor_search_fts` (rowid, grams)
	SELECT (SELECT `key` FROM `contractor_search_keys` WHERE `contractor_id` = NEW.`id`), (
		SELECT group_concat(hex(substr(NEW.`search_text`, p.`n`, 2)), ' ')
		  FROM `contractor_search_positions` p WHERE p.`n` <= length(NEW.`search_text`)
	);
END;
--> statement-breakpoint
CREATE TRIGGER `contractor_search_update` AFTER UPDATE OF `search_text` ON `contractors`
WHEN NEW.`search_text` IS NOT OLD.`search_text`
BEGIN
	INSERT INTO `contractor_search_fts` (`contractor_search_fts`, rowid, grams)
	SELECT 'delete', (SELECT `key` FROM `contractor_search_keys` WHERE `contractor_id` = OLD.`id`), (
		SELECT group_concat(hex(substr(OLD.`search_text`, p.`n`, 2)), ' ')
		  FROM `contractor_search_positions` p WHERE p.`n` <= length(OLD.`search_text`)
	);
	INSERT INTO `contractor_search_fts` (rowid, grams)
	SELECT (SELECT `key` FROM `contractor_search_keys` WHERE `contractor_id` = NEW.`id`), (
		SELECT group_concat(hex(substr(NEW.`search_text`, p.`n`, 2)), ' ')
		  FROM `contractor_search_positions` p WHERE p.`n` <= length(NEW.`search_text`)
	);
END;
--> statement-breakpoint
CREATE TRIGGER `contractor_search_delete` AFTER DELETE ON `contractors`
BEGIN
	INSERT INTO `contractor_search_fts` (`contractor_search_fts`, rowid, grams)
	SELECT 'delete', (SELECT `key` FROM `contractor_search_keys` WHERE `contractor_id` = OLD.`id`), (
		SELECT group_concat(hex(substr(OLD.`search_text`, p.`n`, 2)), ' ')
		  FROM `contractor_search_positions` p WHERE p.`n` <= length(OLD.`search_text`)
	);
	DELETE FROM `contractor_search_keys` WHERE `contractor_id` = OLD.`id`;
END;

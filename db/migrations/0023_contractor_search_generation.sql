-- A count of the changes to the name-search index (migration 0016): every contractor
-- inserted, deleted, or whose search text changed bumps it, in the same unit as the write,
-- whichever path makes it. A term's matching contractors, read once through the index,
-- stay exactly right for as long as the count is the one they were read with; a list page
-- checks it in its own statement (src/modules/contractors/contractors.search.repo.ts).
CREATE TABLE `contractor_search_generation` (
	`id` integer PRIMARY KEY CHECK (`id` = 1),
	`n` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `contractor_search_generation` (`id`, `n`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `contractor_search_generation_insert` AFTER INSERT ON `contractors`
BEGIN
	UPDATE `contractor_search_generation` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `contractor_search_generation_update` AFTER UPDATE OF `search_text` ON `contractors`
WHEN NEW.`search_text` IS NOT OLD.`search_text`
BEGIN
	UPDATE `contractor_search_generation` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `contractor_search_generation_delete` AFTER DELETE ON `contractors`
BEGIN
	UPDATE `contractor_search_generation` SET `n` = `n` + 1 WHERE `id` = 1;
END;

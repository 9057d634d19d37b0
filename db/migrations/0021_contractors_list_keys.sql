-- A list page's keys and the search text, in id order, so that list pages and name search
-- read this index instead of the table's wide rows (db/schema.ts).
CREATE INDEX `contractors_list_keys_idx` ON `contractors` (`id`,`search_text`,`version`,`next_review_due`);

-- Re-consignment (再委託) chains stay acyclic and at most 5 levels below their first
-- contractor, whatever the interleaving of writers: the services check a placement
-- before they write, and these triggers check it again inside the writing unit, against
-- the state the database has serialised the write after. SQLite allows no common table
-- expression in a trigger, so the walk is a fixed number of self-joins: with at most 5
-- levels, a parent has at most 4 ancestors and a moved contractor at most 4 levels below.
-- The level of a contractor is its number of ancestors (the first contractor is at 0);
-- a placement is refused when a contractor would land below level 5.
--
-- A new contractor: it cannot be its own parent, and it lands one level below its
-- parent (it has no sub-contractors yet: they would reference it).
CREATE TRIGGER `contractors_chain_guard_insert` BEFORE INSERT ON `contractors`
WHEN NEW.parent_id IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'contractor_chain_cycle') WHERE NEW.parent_id = NEW.id;
  SELECT RAISE(ABORT, 'contractor_chain_depth')
    FROM contractors a0
    LEFT JOIN contractors a1 ON a1.id = a0.parent_id
    LEFT JOIN contractors a2 ON a2.id = a1.parent_id
    LEFT JOIN contractors a3 ON a3.id = a2.parent_id
    LEFT JOIN contractors a4 ON a4.id = a3.parent_id
   WHERE a0.id = NEW.parent_id
     AND (a0.parent_id IS NOT NULL) + (a1.parent_id IS NOT NULL) + (a2.parent_id IS NOT NULL)
       + (a3.parent_id IS NOT NULL) + (a4.parent_id IS NOT NULL) + 1 > 5;
END;
--> statement-breakpoint
-- A contractor moved under another parent (a0): a cycle when it is that parent or one of
-- the parent's ancestors (a0.parent_id … a4.parent_id); too deep when the parent's level
-- + 1 + the height of the contractor's own sub-tree exceeds 5. Only a changed parent is
-- checked: an unchanged placement was checked when it was made.
CREATE TRIGGER `contractors_chain_guard_update` BEFORE UPDATE OF `parent_id` ON `contractors`
WHEN NEW.parent_id IS NOT NULL AND NEW.parent_id IS NOT OLD.parent_id
BEGIN
  SELECT CASE
    WHEN NEW.id IN (a0.id, a0.parent_id, a1.parent_id, a2.parent_id, a3.parent_id, a4.parent_id)
      THEN RAISE(ABORT, 'contractor_chain_cycle')
    WHEN (a0.parent_id IS NOT NULL) + (a1.parent_id IS NOT NULL) + (a2.parent_id IS NOT NULL)
       + (a3.parent_id IS NOT NULL) + (a4.parent_id IS NOT NULL) + 1
       + CASE
           WHEN NOT EXISTS (SELECT 1 FROM contractors d1 WHERE d1.parent_id = NEW.id) THEN 0
           WHEN NOT EXISTS (
             SELECT 1 FROM contractors d1
               JOIN contractors d2 ON d2.parent_id = d1.id
              WHERE d1.parent_id = NEW.id) THEN 1
           WHEN NOT EXISTS (
             SELECT 1 FROM contractors d1
               JOIN contractors d2 ON d2.parent_id = d1.id
               JOIN contractors d3 ON d3.parent_id = d2.id
              WHERE d1.parent_id = NEW.id) THEN 2
           WHEN NOT EXISTS (
             SELECT 1 FROM contractors d1
               JOIN contractors d2 ON d2.parent_id = d1.id
               JOIN contractors d3 ON d3.parent_id = d2.id
               JOIN contractors d4 ON d4.parent_id = d3.id
              WHERE d1.parent_id = NEW.id) THEN 3
           WHEN NOT EXISTS (
             SELECT 1 FROM contractors d1
               JOIN contractors d2 ON d2.parent_id = d1.id
               JOIN contractors d3 ON d3.parent_id = d2.id
               JOIN contractors d4 ON d4.parent_id = d3.id
               JOIN contractors d5 ON d5.parent_id = d4.id
              WHERE d1.parent_id = NEW.id) THEN 4
           ELSE 5
         END > 5
      THEN RAISE(ABORT, 'contractor_chain_depth')
  END
    FROM contractors a0
    LEFT JOIN contractors a1 ON a1.id = a0.parent_id
    LEFT JOIN contractors a2 ON a2.id = a1.parent_id
    LEFT JOIN contractors a3 ON a3.id = a2.parent_id
    LEFT JOIN contractors a4 ON a4.id = a3.parent_id
   WHERE a0.id = NEW.parent_id;
END;

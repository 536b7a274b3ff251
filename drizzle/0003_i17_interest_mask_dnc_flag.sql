CREATE TABLE `interest_bits` (
	`tag` text PRIMARY KEY NOT NULL,
	`bit` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interest_bits_bit_unique` ON `interest_bits` (`bit`);--> statement-breakpoint
ALTER TABLE `customers` ADD `interest_mask` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `on_dnc` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- data conversion (hand-written)
-- The interest vocabulary and its bits (append only: a bit, once given, keeps its meaning).
INSERT INTO `interest_bits` (`tag`, `bit`) VALUES ('waterfront', 0), ('schools', 1), ('new-build', 2), ('investment', 3), ('garden', 4), ('downtown', 5), ('luxury', 6), ('pet-friendly', 7), ('parking', 8), ('quiet-street', 9), ('gym', 10), ('first-home', 11);--> statement-breakpoint
UPDATE `customers` SET `interest_mask` = m.`mask` FROM (
	SELECT t.`customer_id`, sum(1 << b.`bit`) AS `mask`
	FROM `customer_tags` t JOIN `interest_bits` b ON b.`tag` = t.`tag`
	GROUP BY t.`customer_id`
) AS m WHERE `customers`.`id` = m.`customer_id`;--> statement-breakpoint
UPDATE `customers` SET `on_dnc` = 1 WHERE `phone` IN (SELECT `phone` FROM `dnc_numbers`);--> statement-breakpoint
-- Every write of a tag keeps the mask, whichever code writes it (import, seed, rehearsal copy, SQL).
CREATE TRIGGER `customer_tags_mask_insert` AFTER INSERT ON `customer_tags`
WHEN new.`tag` IN (SELECT `tag` FROM `interest_bits`)
BEGIN
	UPDATE `customers` SET `interest_mask` = `interest_mask` | (1 << (SELECT `bit` FROM `interest_bits` WHERE `tag` = new.`tag`))
	WHERE `id` = new.`customer_id` AND `interest_mask` & (1 << (SELECT `bit` FROM `interest_bits` WHERE `tag` = new.`tag`)) = 0;
END;--> statement-breakpoint
CREATE TRIGGER `customer_tags_mask_delete` AFTER DELETE ON `customer_tags`
WHEN old.`tag` IN (SELECT `tag` FROM `interest_bits`)
BEGIN
	UPDATE `customers` SET `interest_mask` = `interest_mask` & ~(1 << (SELECT `bit` FROM `interest_bits` WHERE `tag` = old.`tag`))
	WHERE `id` = old.`customer_id`;
END;--> statement-breakpoint
CREATE TRIGGER `customer_tags_mask_update` AFTER UPDATE OF `tag`, `customer_id` ON `customer_tags`
BEGIN
	UPDATE `customers` SET `interest_mask` = `interest_mask` & ~coalesce(1 << (SELECT `bit` FROM `interest_bits` WHERE `tag` = old.`tag`), 0)
	WHERE `id` = old.`customer_id`;
	UPDATE `customers` SET `interest_mask` = `interest_mask` | coalesce(1 << (SELECT `bit` FROM `interest_bits` WHERE `tag` = new.`tag`), 0)
	WHERE `id` = new.`customer_id`;
END;--> statement-breakpoint
-- The DNC flag follows the list and the customer's number, whichever code changes either.
CREATE TRIGGER `customers_on_dnc_insert` AFTER INSERT ON `customers`
WHEN new.`on_dnc` <> EXISTS (SELECT 1 FROM `dnc_numbers` WHERE `phone` = new.`phone`)
BEGIN
	UPDATE `customers` SET `on_dnc` = NOT `on_dnc` WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `customers_on_dnc_update` AFTER UPDATE OF `phone`, `on_dnc` ON `customers`
WHEN new.`on_dnc` <> EXISTS (SELECT 1 FROM `dnc_numbers` WHERE `phone` = new.`phone`)
BEGIN
	UPDATE `customers` SET `on_dnc` = NOT `on_dnc` WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `dnc_numbers_on_dnc_insert` AFTER INSERT ON `dnc_numbers`
BEGIN
	UPDATE `customers` SET `on_dnc` = 1 WHERE `phone` = new.`phone` AND `on_dnc` = 0;
END;--> statement-breakpoint
CREATE TRIGGER `dnc_numbers_on_dnc_delete` AFTER DELETE ON `dnc_numbers`
BEGIN
	UPDATE `customers` SET `on_dnc` = 0 WHERE `phone` = old.`phone` AND `on_dnc` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `dnc_numbers_on_dnc_update` AFTER UPDATE OF `phone` ON `dnc_numbers`
BEGIN
	UPDATE `customers` SET `on_dnc` = 0 WHERE `phone` = old.`phone` AND `on_dnc` = 1;
	UPDATE `customers` SET `on_dnc` = 1 WHERE `phone` = new.`phone` AND `on_dnc` = 0;
END;

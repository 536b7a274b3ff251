DROP INDEX `customers_audience_idx`;--> statement-breakpoint
DROP INDEX `customers_audience_id_idx`;--> statement-breakpoint
CREATE INDEX `customers_demo_phone_idx` ON `customers` (`phone`) WHERE "customers"."demo" = 1;--> statement-breakpoint
CREATE INDEX `customers_audience_idx` ON `customers` (`lifecycle_stage`,`city`,`neighborhood`,`interest_mask`,`last_contacted_at`,`consent`,("on_dnc" + (("consent" = 'none') << 21) + (("phone_valid" = 0) << 42)),(case when "on_dnc" = 1 or "consent" = 'none' or "phone_valid" = 0 then 0 else 1 + (("time_zones" = '') << 21) + ("demo" << 42) end),`lifetime_value`);--> statement-breakpoint
CREATE INDEX `customers_audience_id_idx` ON `customers` (`id`,`interest_mask`,`last_contacted_at`,`consent`,("on_dnc" + (("consent" = 'none') << 21) + (("phone_valid" = 0) << 42)),(case when "on_dnc" = 1 or "consent" = 'none' or "phone_valid" = 0 then 0 else 1 + (("time_zones" = '') << 21) + ("demo" << 42) end),`demo`);--> statement-breakpoint
-- data conversion (hand-written)
-- Statistics for the rebuilt audience indexes (the planner skips from stage to stage through them for a city rule).
ANALYZE `customers`;--> statement-breakpoint
-- The DNC triggers look a number's customers up through an index (real ones: customers_phone_unique, demo ones:
-- customers_demo_phone_idx) instead of scanning every customer for each number.
DROP TRIGGER `dnc_numbers_on_dnc_insert`;--> statement-breakpoint
CREATE TRIGGER `dnc_numbers_on_dnc_insert` AFTER INSERT ON `dnc_numbers`
BEGIN
	UPDATE `customers` SET `on_dnc` = 1 WHERE `phone` = new.`phone` AND `demo` = 0 AND `on_dnc` = 0;
	UPDATE `customers` SET `on_dnc` = 1 WHERE `phone` = new.`phone` AND `demo` = 1 AND `on_dnc` = 0;
END;--> statement-breakpoint
DROP TRIGGER `dnc_numbers_on_dnc_delete`;--> statement-breakpoint
CREATE TRIGGER `dnc_numbers_on_dnc_delete` AFTER DELETE ON `dnc_numbers`
BEGIN
	UPDATE `customers` SET `on_dnc` = 0 WHERE `phone` = old.`phone` AND `demo` = 0 AND `on_dnc` = 1;
	UPDATE `customers` SET `on_dnc` = 0 WHERE `phone` = old.`phone` AND `demo` = 1 AND `on_dnc` = 1;
END;--> statement-breakpoint
DROP TRIGGER `dnc_numbers_on_dnc_update`;--> statement-breakpoint
CREATE TRIGGER `dnc_numbers_on_dnc_update` AFTER UPDATE OF `phone` ON `dnc_numbers`
BEGIN
	UPDATE `customers` SET `on_dnc` = 0 WHERE `phone` = old.`phone` AND `demo` = 0 AND `on_dnc` = 1;
	UPDATE `customers` SET `on_dnc` = 0 WHERE `phone` = old.`phone` AND `demo` = 1 AND `on_dnc` = 1;
	UPDATE `customers` SET `on_dnc` = 1 WHERE `phone` = new.`phone` AND `demo` = 0 AND `on_dnc` = 0;
	UPDATE `customers` SET `on_dnc` = 1 WHERE `phone` = new.`phone` AND `demo` = 1 AND `on_dnc` = 0;
END;

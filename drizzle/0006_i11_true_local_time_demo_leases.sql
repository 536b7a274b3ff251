CREATE TABLE `campaign_leases` (
	`campaign_id` integer PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `customers_phone_unique`;--> statement-breakpoint
DROP INDEX `customers_audience_idx`;--> statement-breakpoint
DROP INDEX `customers_audience_id_idx`;--> statement-breakpoint
ALTER TABLE `customers` ADD `time_zones` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `regions` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `postal_code` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `demo` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `customers_phone_unique` ON `customers` (`phone`) WHERE "customers"."demo" = 0;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `status_reason` text;--> statement-breakpoint
-- data conversion (hand-written)
-- Demo customers of earlier versions (the generator gave every one an @example.com address) are marked,
-- and get fictional numbers: NANP 555-01xx in their own area code, Ofcom's London drama range
-- 020 7946 0xxx. The Gulf has no fictional range: its demo customers are removed.
UPDATE `customers` SET `demo` = 1 WHERE `email` LIKE '%@example.com';--> statement-breakpoint
DELETE FROM `customers` WHERE `demo` = 1 AND (`phone` LIKE '+971%' OR `phone` LIKE '+966%');--> statement-breakpoint
UPDATE `customers` SET `phone` = '+1' || substr(`phone`, 3, 3) || '55501' || substr('0' || (`id` % 100), -2)
  WHERE `demo` = 1 AND `phone` LIKE '+1%';--> statement-breakpoint
UPDATE `customers` SET `phone` = '+442079460' || substr('00' || (`id` % 1000), -3)
  WHERE `demo` = 1 AND `phone` LIKE '+44%';--> statement-breakpoint
-- The zone a customer was given may have been a guess (New York when nothing was known): start from it,
-- the places of every customer are worked out again at the next start (core/customers/places).
UPDATE `customers` SET `time_zones` = `time_zone`, `regions` = coalesce(`region`, '');--> statement-breakpoint
-- The audience indexes are built once the rows above hold their final values.
CREATE INDEX `customers_audience_idx` ON `customers` (`lifecycle_stage`,`city`,`neighborhood`,`interest_mask`,`last_contacted_at`,`consent`,`phone_valid`,`on_dnc`,`time_zones`,`demo`,`lifetime_value`);--> statement-breakpoint
CREATE INDEX `customers_audience_id_idx` ON `customers` (`id`,`interest_mask`,`last_contacted_at`,`consent`,`phone_valid`,`on_dnc`,`time_zones`,`demo`);

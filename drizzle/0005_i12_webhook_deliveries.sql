CREATE TABLE `webhook_deliveries` (
	`key` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_expires_idx` ON `webhook_deliveries` (`expires_at`);
CREATE TABLE `simulator_calls` (
	`call_id` text PRIMARY KEY NOT NULL,
	`idempotency_key` text NOT NULL,
	`attempt_id` integer NOT NULL,
	`started_at` integer NOT NULL,
	`request` text NOT NULL,
	`ended_at` integer,
	`end_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `simulator_calls_idempotency_key_unique` ON `simulator_calls` (`idempotency_key`);
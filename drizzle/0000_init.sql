CREATE TABLE `call_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`attempt_number` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`mode` text DEFAULT 'ai' NOT NULL,
	`disposition` text,
	`provider` text NOT NULL,
	`provider_call_id` text,
	`to_number` text NOT NULL,
	`from_number` text,
	`not_before` integer,
	`queued_at` integer NOT NULL,
	`dialed_at` integer,
	`answered_at` integer,
	`ended_at` integer,
	`duration_seconds` real,
	`cost_telephony` real DEFAULT 0 NOT NULL,
	`cost_ai` real DEFAULT 0 NOT NULL,
	`escalated` integer DEFAULT false NOT NULL,
	`held_by` text,
	`sentiment` real,
	`error` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_attempts_idempotency_key_unique` ON `call_attempts` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `call_attempts_campaign_customer_attempt_uq` ON `call_attempts` (`campaign_id`,`customer_id`,`attempt_number`);--> statement-breakpoint
CREATE INDEX `call_attempts_campaign_state_idx` ON `call_attempts` (`campaign_id`,`state`);--> statement-breakpoint
CREATE INDEX `call_attempts_state_idx` ON `call_attempts` (`state`);--> statement-breakpoint
CREATE INDEX `call_attempts_customer_dialed_idx` ON `call_attempts` (`customer_id`,`dialed_at`);--> statement-breakpoint
CREATE INDEX `call_attempts_provider_call_idx` ON `call_attempts` (`provider_call_id`);--> statement-breakpoint
CREATE TABLE `call_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`attempt_id` integer NOT NULL,
	`at` integer NOT NULL,
	`type` text NOT NULL,
	`from_state` text,
	`to_state` text,
	`data` text,
	FOREIGN KEY (`attempt_id`) REFERENCES `call_attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `call_events_attempt_idx` ON `call_events` (`attempt_id`,`id`);--> statement-breakpoint
CREATE TABLE `dispositions` (
	`attempt_id` integer PRIMARY KEY NOT NULL,
	`disposition` text NOT NULL,
	`converted` integer DEFAULT false NOT NULL,
	`notes` text,
	`decided_by` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `call_attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `transcripts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`attempt_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`at` integer NOT NULL,
	`speaker` text NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `call_attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transcripts_attempt_seq_uq` ON `transcripts` (`attempt_id`,`seq`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`objective` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`provider` text DEFAULT 'simulator' NOT NULL,
	`criteria` text NOT NULL,
	`script` text NOT NULL,
	`caller_number` text,
	`schedule` text NOT NULL,
	`pacing` text NOT NULL,
	`retry_policy` text NOT NULL,
	`goal` text NOT NULL,
	`costs` text NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`started_at` integer,
	`ended_at` integer
);
--> statement-breakpoint
CREATE INDEX `campaigns_status_idx` ON `campaigns` (`status`);--> statement-breakpoint
CREATE TABLE `dnc_numbers` (
	`phone` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`reason` text,
	`added_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`property_id` integer,
	`scheduled_at` integer NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`property_id`) REFERENCES `properties`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `bookings_customer_idx` ON `bookings` (`customer_id`,`scheduled_at`);--> statement-breakpoint
CREATE INDEX `bookings_scheduled_idx` ON `bookings` (`scheduled_at`,`customer_id`);--> statement-breakpoint
CREATE TABLE `contracts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`property_id` integer,
	`kind` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer,
	`monthly_value` real,
	`status` text DEFAULT 'active' NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`property_id`) REFERENCES `properties`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `contracts_ends_idx` ON `contracts` (`ends_at`,`customer_id`);--> statement-breakpoint
CREATE INDEX `contracts_customer_idx` ON `contracts` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customer_tags` (
	`customer_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`customer_id`, `tag`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_tags_tag_idx` ON `customer_tags` (`tag`,`customer_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text,
	`first_name` text NOT NULL,
	`last_name` text DEFAULT '' NOT NULL,
	`phone` text NOT NULL,
	`phone_valid` integer DEFAULT true NOT NULL,
	`email` text,
	`time_zone` text NOT NULL,
	`region` text,
	`city` text,
	`neighborhood` text,
	`budget_min` integer,
	`budget_max` integer,
	`preferred_property_type` text,
	`lifecycle_stage` text DEFAULT 'lead' NOT NULL,
	`booking_status` text DEFAULT 'none' NOT NULL,
	`last_contacted_at` integer,
	`customer_since` integer,
	`lifetime_value` real DEFAULT 0 NOT NULL,
	`consent` text DEFAULT 'none' NOT NULL,
	`consent_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_external_id_unique` ON `customers` (`external_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `customers_phone_unique` ON `customers` (`phone`);--> statement-breakpoint
CREATE INDEX `customers_last_name_idx` ON `customers` ("last_name" collate nocase);--> statement-breakpoint
CREATE INDEX `customers_first_name_idx` ON `customers` ("first_name" collate nocase);--> statement-breakpoint
CREATE INDEX `customers_city_idx` ON `customers` (`city`);--> statement-breakpoint
CREATE INDEX `customers_neighborhood_idx` ON `customers` (`neighborhood`);--> statement-breakpoint
CREATE INDEX `customers_time_zone_idx` ON `customers` (`time_zone`);--> statement-breakpoint
CREATE INDEX `customers_lifecycle_stage_idx` ON `customers` (`lifecycle_stage`);--> statement-breakpoint
CREATE INDEX `customers_booking_status_idx` ON `customers` (`booking_status`);--> statement-breakpoint
CREATE INDEX `customers_last_contacted_idx` ON `customers` (`last_contacted_at`);--> statement-breakpoint
CREATE INDEX `customers_customer_since_idx` ON `customers` (`customer_since`);--> statement-breakpoint
CREATE INDEX `customers_lifetime_value_idx` ON `customers` (`lifetime_value`);--> statement-breakpoint
CREATE INDEX `customers_budget_idx` ON `customers` (`budget_min`,`budget_max`);--> statement-breakpoint
CREATE INDEX `customers_property_type_idx` ON `customers` (`preferred_property_type`);--> statement-breakpoint
CREATE INDEX `customers_consent_idx` ON `customers` (`consent`);--> statement-breakpoint
CREATE TABLE `properties` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`city` text NOT NULL,
	`neighborhood` text NOT NULL,
	`property_type` text NOT NULL,
	`price` integer NOT NULL,
	`bedrooms` integer,
	`status` text DEFAULT 'available' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `properties_neighborhood_idx` ON `properties` (`neighborhood`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);

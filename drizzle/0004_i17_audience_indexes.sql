DROP INDEX `contracts_ends_idx`;--> statement-breakpoint
CREATE INDEX `contracts_status_ends_idx` ON `contracts` (`status`,`ends_at`,`customer_id`);--> statement-breakpoint
DROP INDEX `customers_city_idx`;--> statement-breakpoint
DROP INDEX `customers_neighborhood_idx`;--> statement-breakpoint
DROP INDEX `customers_lifecycle_stage_idx`;--> statement-breakpoint
DROP INDEX `customers_booking_status_idx`;--> statement-breakpoint
DROP INDEX `customers_budget_idx`;--> statement-breakpoint
DROP INDEX `customers_property_type_idx`;--> statement-breakpoint
DROP INDEX `customers_consent_idx`;--> statement-breakpoint
CREATE INDEX `customers_audience_idx` ON `customers` (`lifecycle_stage`,`city`,`neighborhood`,`interest_mask`,`last_contacted_at`,`consent`,`phone_valid`,`on_dnc`,`lifetime_value`);--> statement-breakpoint
CREATE INDEX `customers_audience_id_idx` ON `customers` (`id`,`interest_mask`,`last_contacted_at`,`consent`,`phone_valid`,`on_dnc`);--> statement-breakpoint
DROP INDEX `bookings_scheduled_idx`;--> statement-breakpoint
CREATE INDEX `bookings_scheduled_idx` ON `bookings` (`scheduled_at`,`customer_id`,`status`);--> statement-breakpoint
-- data conversion (hand-written)
-- The planner needs the new indexes' statistics to choose them (a city or neighborhood rule skips from stage to stage through the audience index).
ANALYZE `customers`;--> statement-breakpoint
ANALYZE `bookings`;--> statement-breakpoint
ANALYZE `contracts`;

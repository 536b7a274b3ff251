DROP INDEX `customers_audience_idx`;--> statement-breakpoint
DROP INDEX `customers_audience_id_idx`;--> statement-breakpoint
ALTER TABLE `customers` ADD `suppression_tally` integer GENERATED ALWAYS AS (on_dnc + ((consent = 'none') << 21) + ((phone_valid = 0) << 42)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `customers` ADD `eligible_tally` integer GENERATED ALWAYS AS (iif(on_dnc = 1 or consent = 'none' or phone_valid = 0, 0, 1 + ((time_zones = '') << 21) + (demo << 42))) VIRTUAL;--> statement-breakpoint
CREATE INDEX `customers_audience_idx` ON `customers` (`lifecycle_stage`,`city`,`neighborhood`,`interest_mask`,`last_contacted_at`,`consent`,`suppression_tally`,`eligible_tally`,`lifetime_value`);--> statement-breakpoint
CREATE INDEX `customers_audience_id_idx` ON `customers` (`id`,`interest_mask`,`last_contacted_at`,`consent`,`suppression_tally`,`eligible_tally`,`demo`);--> statement-breakpoint
-- data conversion (hand-written)
-- Statistics for the rebuilt audience indexes (the planner skips from stage to stage through them for a city rule).
ANALYZE `customers`;

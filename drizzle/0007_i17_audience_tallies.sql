DROP INDEX `customers_audience_idx`;--> statement-breakpoint
DROP INDEX `customers_audience_id_idx`;--> statement-breakpoint
CREATE INDEX `customers_audience_idx` ON `customers` (`lifecycle_stage`,`city`,`neighborhood`,`interest_mask`,`last_contacted_at`,`consent`,("on_dnc" + (("consent" = 'none') << 21) + (("phone_valid" = 0) << 42)),(case when "on_dnc" = 1 or "consent" = 'none' or "phone_valid" = 0 then 0 else 1 + (("time_zones" = '') << 21) + ("demo" << 42) end),`lifetime_value`);--> statement-breakpoint
CREATE INDEX `customers_audience_id_idx` ON `customers` (`id`,`interest_mask`,`last_contacted_at`,`consent`,("on_dnc" + (("consent" = 'none') << 21) + (("phone_valid" = 0) << 42)),(case when "on_dnc" = 1 or "consent" = 'none' or "phone_valid" = 0 then 0 else 1 + (("time_zones" = '') << 21) + ("demo" << 42) end),`demo`);--> statement-breakpoint
-- data conversion (hand-written)
-- Statistics for the rebuilt audience indexes (the planner skips from stage to stage through them for a city rule).
ANALYZE `customers`;

DROP INDEX `call_attempts_campaign_state_idx`;--> statement-breakpoint
CREATE INDEX `call_attempts_campaign_state_due_idx` ON `call_attempts` (`campaign_id`,`state`,`not_before`);
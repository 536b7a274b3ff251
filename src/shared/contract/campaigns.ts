export const campaignMethods = {};

export const campaignEvents = {};

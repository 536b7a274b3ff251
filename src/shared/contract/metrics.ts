export const metricsMethods = {};

export const metricsEvents = {};

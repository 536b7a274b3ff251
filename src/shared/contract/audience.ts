export const audienceMethods = {};

export const audienceEvents = {};

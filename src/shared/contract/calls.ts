export const callMethods = {};

export const callEvents = {};

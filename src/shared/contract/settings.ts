export const settingsMethods = {};

export const settingsEvents = {};

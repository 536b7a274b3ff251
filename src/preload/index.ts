// Placeholder; the hosts engineer writes the contextBridge exposure here.
export {};

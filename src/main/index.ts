// Placeholder; the hosts engineer writes the hardened Electron shell here.
export {};

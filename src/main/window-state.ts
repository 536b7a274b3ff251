import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { WindowBounds } from './main-window';

const savedBounds = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(10_000),
  height: z.number().int().min(300).max(10_000),
  maximized: z.boolean().default(false),
});

export type SavedWindowState = z.infer<typeof savedBounds>;

const fallback: SavedWindowState = { width: 1360, height: 860, maximized: false };

/** Where and how big the window was last time; a missing or damaged file gives the defaults. */
export function readWindowState(file: string): SavedWindowState {
  try {
    const parsed = savedBounds.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export function writeWindowState(file: string, bounds: WindowBounds, maximized: boolean): void {
  writeFileSync(file, JSON.stringify({ ...bounds, maximized }));
}

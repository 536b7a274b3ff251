import { silentLogger } from '@core/logging/logger';
import { describe, expect, it } from 'vitest';
import { closeBeforeQuit } from '../../../src/main/close-before-quit';

/** An app whose quit runs the before-quit listeners the way Electron does, and records real quits. */
function fakeApp() {
  const listeners: ((event: { preventDefault(): void }) => void)[] = [];
  const app = {
    quits: 0,
    on(_event: 'before-quit', listener: (event: { preventDefault(): void }) => void) {
      listeners.push(listener);
    },
    quit() {
      let prevented = false;
      for (const listener of listeners) listener({ preventDefault: () => (prevented = true) });
      if (!prevented) app.quits++;
    },
  };
  return app;
}

describe('quitting the desktop app', () => {
  it('waits until the core has closed its database before quitting', async () => {
    const app = fakeApp();
    let finishClose!: () => void;
    let closes = 0;
    closeBeforeQuit(
      app,
      () => {
        closes++;
        return new Promise<void>((resolve) => (finishClose = resolve));
      },
      silentLogger,
    );
    app.quit();
    app.quit(); // a second Cmd+Q while closing
    expect(app.quits).toBe(0);
    expect(closes).toBe(1);
    finishClose();
    await new Promise((r) => setTimeout(r, 0));
    expect(app.quits).toBe(1);
    expect(closes).toBe(1);
  });

  it('still quits, and logs why, when closing fails', async () => {
    const app = fakeApp();
    const logged: unknown[] = [];
    closeBeforeQuit(app, () => Promise.reject(new Error('disk gone')), {
      ...silentLogger,
      error: (obj) => logged.push(obj),
    });
    app.quit();
    await new Promise((r) => setTimeout(r, 0));
    expect(app.quits).toBe(1);
    expect(String((logged[0] as { err: Error }).err.message)).toBe('disk gone');
  });
});

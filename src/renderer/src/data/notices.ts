import { errorMessage } from '@shared/errors';
import { create } from 'zustand';
import { RpcError } from '../client/rpc-error';

export interface Notice {
  id: number;
  text: string;
}

interface NoticeState {
  notices: Notice[];
  notify(text: string): void;
  dismiss(id: number): void;
}

/** At most this many at once: the oldest goes when another arrives. */
const maxNotices = 3;
let nextId = 1;

/** Failures nobody asked to see in place (a button's action, a promise nobody awaited), shown in a corner. */
export const useNotices = create<NoticeState>((set) => ({
  notices: [],
  notify(text) {
    set((s) => {
      // The same words twice in a row are one notice: a failing refresh must not fill the screen.
      if (s.notices.at(-1)?.text === text) return s;
      return { notices: [...s.notices, { id: nextId++, text }].slice(-maxNotices) };
    });
  },
  dismiss(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  },
}));

/**
 * What the user reads about a failed action: what was being done and the host's words. Field problems
 * are marked beside their fields, so the notice only says how many there are.
 */
export function failureNotice(action: string, err: unknown): string {
  const text = errorMessage(err);
  const issues = err instanceof RpcError ? (err.issues?.length ?? 0) : 0;
  const words = issues > 1 ? `${text} (${issues} fields need attention)` : text;
  return `${action} failed: ${words}`;
}

/** Shows a notice for each promise rejection nothing handled, instead of losing it in the console. */
export function noticeUnhandledRejections(target: Pick<Window, 'addEventListener'> = window): void {
  target.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
    useNotices.getState().notify(`Something went wrong: ${errorMessage(event.reason)}`);
  });
}

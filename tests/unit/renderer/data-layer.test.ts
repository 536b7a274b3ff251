import type { EventBatch, EventMessage } from '@shared/contract';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RpcError } from '../../../src/renderer/src/client/rpc-error';
import { failureNotice, noticeUnhandledRejections, useNotices } from '../../../src/renderer/src/data/notices';
import { worthRetrying } from '../../../src/renderer/src/data/query-client';
import {
  defaultRefreshMs,
  isOutdatedBy,
  type RefreshMeta,
  refreshQueriesOnEvents,
} from '../../../src/renderer/src/data/refresh-on-events';

const changed = (campaignId: number): EventMessage => ({
  name: 'campaign.changed',
  payload: { campaignId, status: 'running' },
});
const transcript: EventMessage = {
  name: 'call.transcript',
  payload: { attemptId: 1, seq: 1, speaker: 'ai', text: 'Hello', at: 0 },
} as EventMessage;

describe('which queries an event batch makes out of date', () => {
  it('those that name one of its events, and pass their test on it', () => {
    const any: RefreshMeta = { refreshOn: ['campaign.changed'] };
    const campaign7: RefreshMeta = {
      refreshOn: ['campaign.changed'],
      refreshIf: (e) => e.name === 'campaign.changed' && e.payload.campaignId === 7,
    };
    expect(isOutdatedBy(any, [transcript, changed(3)])).toBe(true);
    expect(isOutdatedBy(any, [transcript])).toBe(false);
    expect(isOutdatedBy(campaign7, [changed(3)])).toBe(false);
    expect(isOutdatedBy(campaign7, [changed(3), changed(7)])).toBe(true);
    expect(isOutdatedBy(undefined, [changed(7)])).toBe(false);
    expect(isOutdatedBy({}, [changed(7)])).toBe(false);
  });
});

describe('refreshQueriesOnEvents', () => {
  let emit: (batch: EventBatch) => void = () => {};
  const fakeClient = {
    subscribe(listener: (batch: EventBatch) => void) {
      emit = listener;
      return () => {
        emit = () => {};
      };
    },
  };

  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A query on screen (an observer keeps it active), counting how often it is read. */
  function watched(queryClient: QueryClient, key: string, meta: RefreshMeta) {
    const reads = { count: 0 };
    const observer = new QueryObserver(queryClient, {
      queryKey: [key],
      queryFn: async () => ++reads.count,
      meta: meta as Record<string, unknown>,
      staleTime: Number.POSITIVE_INFINITY,
    });
    const unsubscribe = observer.subscribe(() => {});
    return { reads, unsubscribe };
  }

  it('reads a query on screen again after its events, at most once per its interval, and no other', async () => {
    const queryClient = new QueryClient();
    const stop = refreshQueriesOnEvents(queryClient, fakeClient);
    const list = watched(queryClient, 'campaigns.list', { refreshOn: ['campaign.changed'] });
    const figures = watched(queryClient, 'metrics.summary', {
      refreshOn: ['campaign.changed'],
      refreshAtMostEveryMs: 2_000,
    });
    const other = watched(queryClient, 'dnc.list', { refreshOn: ['call.changed'] });
    await vi.advanceTimersByTimeAsync(0);
    expect([list.reads.count, figures.reads.count, other.reads.count]).toEqual([1, 1, 1]);

    // Ten batches within half a second: one more read of the list, none yet of the figures.
    for (let i = 0; i < 10; i++) {
      emit([changed(i)]);
      await vi.advanceTimersByTimeAsync(40);
    }
    await vi.advanceTimersByTimeAsync(defaultRefreshMs);
    expect(list.reads.count).toBe(2);
    expect(figures.reads.count).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(figures.reads.count).toBe(2);
    expect(other.reads.count).toBe(1);

    // A batch without the events it named changes nothing.
    emit([transcript]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect([list.reads.count, figures.reads.count, other.reads.count]).toEqual([2, 2, 1]);

    // After unsubscribing, events are no longer heard.
    stop();
    emit([changed(1)]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(list.reads.count).toBe(2);
    for (const q of [list, figures, other]) q.unsubscribe();
  });
});

describe('what the user reads when something fails', () => {
  beforeEach(() => useNotices.setState({ notices: [] }));

  it('says what was being done and the host’s words; field problems are counted, not repeated', () => {
    expect(
      failureNotice(
        'Pausing the campaign',
        new RpcError({ code: 'unavailable', message: 'Twilio answered 503' }),
      ),
    ).toBe('Pausing the campaign failed: Twilio answered 503');
    const issues = [
      { path: 'name', message: 'required' },
      { path: 'pacing.maxPerMinute', message: 'too high' },
    ];
    expect(
      failureNotice('Saving', new RpcError({ code: 'invalid_input', message: 'Name: required', issues })),
    ).toBe('Saving failed: Name: required (2 fields need attention)');
    expect(failureNotice('Saving', 'plain words')).toBe('Saving failed: plain words');
  });

  it('keeps at most three notices, and the same words twice in a row once', () => {
    const { notify } = useNotices.getState();
    for (const text of ['a', 'b', 'b', 'c', 'd']) notify(text);
    expect(useNotices.getState().notices.map((n) => n.text)).toEqual(['b', 'c', 'd']);
    const first = useNotices.getState().notices[0]!;
    useNotices.getState().dismiss(first.id);
    expect(useNotices.getState().notices.map((n) => n.text)).toEqual(['c', 'd']);
  });

  it('turns a promise rejection nobody handled into a notice', () => {
    let handler: ((event: PromiseRejectionEvent) => void) | undefined;
    noticeUnhandledRejections({
      addEventListener: ((type: string, listener: (event: PromiseRejectionEvent) => void) => {
        if (type === 'unhandledrejection') handler = listener;
      }) as Window['addEventListener'],
    });
    handler?.({ reason: new Error('Connection to the Navaia host was lost') } as PromiseRejectionEvent);
    expect(useNotices.getState().notices.map((n) => n.text)).toEqual([
      'Something went wrong: Connection to the Navaia host was lost',
    ]);
  });

  it('tries a read again only when trying again may help', () => {
    expect(worthRetrying(new Error('Connection to the Navaia host was lost'))).toBe(true);
    expect(worthRetrying(new RpcError({ code: 'unavailable', message: 'x' }))).toBe(true);
    expect(worthRetrying(new RpcError({ code: 'internal', message: 'x' }))).toBe(true);
    expect(worthRetrying(new RpcError({ code: 'invalid_input', message: 'x' }))).toBe(false);
    expect(worthRetrying(new RpcError({ code: 'not_found', message: 'x' }))).toBe(false);
  });
});

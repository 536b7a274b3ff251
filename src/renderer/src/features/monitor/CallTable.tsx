import type { CallSummary } from '@shared/contract/calls';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useMonitor } from './monitor-store';

const rowHeight = 34;
const columns = '1.3fr 1.2fr 0.9fr 0.6fr 0.5fr 2.4fr';

export function formatDuration(from: number | null, now: number): string {
  if (from === null) return '—';
  const s = Math.max(0, Math.floor((now - from) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Live calls, virtualised; durations tick every second. */
export function CallTable({
  calls,
  selected,
  onSelect,
}: {
  calls: CallSummary[];
  selected?: number;
  onSelect: (id: number) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const skew = useMonitor((s) => s.clockSkew);
  const [now, setNow] = useState(Date.now() + skew);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + skew), 1000);
    return () => clearInterval(timer);
  }, [skew]);
  const virtualizer = useVirtualizer({
    count: calls.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  return (
    <div className="vtable" role="table" aria-label="Live calls" aria-rowcount={calls.length}>
      <div className="vtable-header" role="row" style={{ gridTemplateColumns: columns }}>
        {['Customer', 'Campaign', 'State', 'Duration', 'Who', 'Last line'].map((h) => (
          <div key={h} role="columnheader">
            {h}
          </div>
        ))}
      </div>
      <div className="vtable-body" ref={scrollRef}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const call = calls[item.index];
            const classes = [
              'vtable-row',
              call.state === 'escalated' ? 'escalated' : '',
              call.attemptId === selected ? 'selected' : '',
            ];
            return (
              <div
                key={call.attemptId}
                role="row"
                data-state={call.state}
                className={classes.join(' ')}
                style={{
                  gridTemplateColumns: columns,
                  transform: `translateY(${item.start}px)`,
                  height: rowHeight,
                }}
                onClick={() => onSelect(call.attemptId)}
              >
                <div role="cell">{call.customerName}</div>
                <div role="cell">{call.campaignName}</div>
                <div role="cell">
                  {call.state === 'escalated' ? '⚑ wants a human' : call.state.replace('_', ' ')}
                </div>
                <div role="cell">{formatDuration(call.answeredAt ?? call.dialedAt, now)}</div>
                <div role="cell">{call.mode === 'human' ? call.heldBy : 'AI'}</div>
                <div role="cell" className="muted">
                  {call.lastLine ?? ''}
                </div>
              </div>
            );
          })}
        </div>
        {calls.length === 0 && (
          <p className="muted empty">No live calls. Start a campaign to see its calls here.</p>
        )}
      </div>
    </div>
  );
}

import type { TranscriptLine } from '@shared/contract/calls';
import { useEffect, useRef } from 'react';

/** The call's words as they are said, kept scrolled to the latest line. */
export function Transcript({ lines }: { lines: readonly TranscriptLine[] }) {
  const end = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when a line arrives
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [lines.length]);
  return (
    <div className="transcript" aria-label="Transcript" aria-live="polite">
      {lines.map((l) => (
        <p key={l.seq} className={`line ${l.speaker}`}>
          <span className="speaker">{l.speaker === 'ai' ? 'AI' : l.speaker}</span> {l.text}
        </p>
      ))}
      <div ref={end} />
    </div>
  );
}

import { useState } from 'react';

const agentKey = 'navaia.agentName';

/** "Take over" with the agent's name, remembered for the next call. */
export function TakeoverForm({
  disabled,
  onTakeOver,
}: {
  disabled: boolean;
  onTakeOver: (agentName: string) => void;
}) {
  const [agentName, setAgentName] = useState(() => localStorage.getItem(agentKey) ?? '');
  return (
    <form
      className="takeover"
      onSubmit={(e) => {
        e.preventDefault();
        localStorage.setItem(agentKey, agentName);
        onTakeOver(agentName);
      }}
    >
      <input
        aria-label="Your name"
        placeholder="Your name"
        value={agentName}
        onChange={(e) => setAgentName(e.target.value)}
        required
      />
      <button type="submit" className="primary" disabled={disabled}>
        Take over
      </button>
    </form>
  );
}

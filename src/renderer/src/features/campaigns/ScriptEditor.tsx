import { templateVariables } from '@shared/campaigns/script-template';
import { errorMessage } from '@shared/errors';
import { keepPreviousData } from '@tanstack/react-query';
import { useContractQuery } from '../../data/contract-query';
import { useDebounced } from '../../ui/use-debounced';

interface Script {
  agentId: string;
  firstMessage: string;
  prompt: string;
  voicemailMessage: string;
}

/** The agent's words, with chips to insert customer variables and a preview for a real customer. */
export function ScriptEditor({
  script,
  onChange,
  customerId,
}: {
  script: Script;
  onChange: (s: Script) => void;
  customerId?: number;
}) {
  // Asked again a moment after the last change, with the previous preview kept on screen meanwhile.
  const asked = useDebounced(JSON.stringify({ script, customerId }), 300);
  const input = JSON.parse(asked) as { script: Script; customerId?: number };
  const previewQuery = useContractQuery(
    'campaigns.previewScript',
    { script: input.script, ...(input.customerId ? { customerId: input.customerId } : {}) },
    { enabled: input.script.firstMessage.trim() !== '', placeholderData: keepPreviousData },
  );
  const preview = previewQuery.data;
  const error = previewQuery.error ? errorMessage(previewQuery.error) : undefined;

  const insert = (name: string) => onChange({ ...script, firstMessage: `${script.firstMessage}{{${name}}}` });

  return (
    <div className="script-editor">
      <label className="field">
        <span>First message</span>
        <textarea
          aria-label="First message"
          rows={4}
          value={script.firstMessage}
          onChange={(e) => onChange({ ...script, firstMessage: e.target.value })}
        />
      </label>
      <div className="chips" aria-label="Insert a variable">
        {Object.entries(templateVariables).map(([name, description]) => (
          <button key={name} type="button" className="chip" title={description} onClick={() => insert(name)}>
            {`{{${name}}}`}
          </button>
        ))}
      </div>
      <label className="field">
        <span>Instructions for the agent</span>
        <textarea
          rows={4}
          value={script.prompt}
          onChange={(e) => onChange({ ...script, prompt: e.target.value })}
        />
      </label>
      <label className="field">
        <span>Voicemail message</span>
        <textarea
          aria-label="Voicemail message"
          rows={3}
          placeholder="Left when an answering machine picks up; empty leaves nothing"
          value={script.voicemailMessage}
          onChange={(e) => onChange({ ...script, voicemailMessage: e.target.value })}
        />
        <small className="muted">
          Heard without the conversation: say who is calling and how to call back or stop the calls.
        </small>
      </label>
      <label className="field narrow">
        <span>ElevenLabs agent id (real calls only)</span>
        <input value={script.agentId} onChange={(e) => onChange({ ...script, agentId: e.target.value })} />
      </label>
      {error && <p className="error">{error}</p>}
      {preview && (
        <div className="preview" aria-label="Script preview">
          <div className="muted">Preview for customer #{preview.customerId ?? '—'}</div>
          <p data-testid="script-preview">{preview.firstMessage}</p>
          {preview.voicemailMessage && (
            <p className="muted" data-testid="voicemail-preview">
              Voicemail: {preview.voicemailMessage}
            </p>
          )}
          {preview.unknownVariables.length > 0 && (
            <p className="error">
              Unknown variables: {preview.unknownVariables.map((v) => `{{${v}}}`).join(', ')}
            </p>
          )}
          {preview.missingValues.length > 0 && (
            <p className="warning">This customer has no value for: {preview.missingValues.join(', ')}</p>
          )}
        </div>
      )}
    </div>
  );
}

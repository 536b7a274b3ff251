import { useEffect, useState } from 'react';
import { isEditable } from '../../../../shared/campaigns/lifecycle';
import type { CampaignProgress, RehearsalForecast } from '../../../../shared/contract/calls';
import {
  type Campaign,
  type CampaignSettings,
  dispositions,
  retryableOutcomes,
} from '../../../../shared/contract/campaigns';
import type { ValidationIssue } from '../../../../shared/errors';
import { useNavigation } from '../../app/navigation-store';
import { client, RpcError } from '../../client';
import { AudienceBuilder } from '../audience/AudienceBuilder';
import { RealProviderNotice } from '../settings/RealProviderNotice';
import { blankCampaign, fromTemplate, settingsOf } from './campaign-form';
import { ScriptEditor } from './ScriptEditor';

const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** One campaign's settings and lifecycle. `detail` is an id, `new`, or `new-<template id>`. */
export function CampaignEditor({ detail }: { detail: string }) {
  const { navigate } = useNavigation();
  const [form, setForm] = useState<CampaignSettings>();
  const [campaign, setCampaign] = useState<Campaign>();
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [message, setMessage] = useState<string>();
  const [progress, setProgress] = useState<CampaignProgress>();
  const [forecast, setForecast] = useState<RehearsalForecast | 'running'>();
  const [sampleCustomer, setSampleCustomer] = useState<number>();

  useEffect(() => {
    if (detail === 'new') setForm(blankCampaign);
    else if (detail.startsWith('new-')) {
      void client.invoke('campaigns.templates', {}).then((templates) => {
        const template = templates.find((t) => t.id === detail.slice(4));
        setForm(template ? fromTemplate(template) : blankCampaign);
      });
    } else {
      void client.invoke('campaigns.get', { id: Number(detail) }).then((c) => {
        setCampaign(c);
        setForm(settingsOf(c));
      });
      void client.invoke('campaigns.progress', { id: Number(detail) }).then(setProgress);
    }
  }, [detail]);

  useEffect(() => {
    if (!campaign) return;
    return client.subscribe((batch) => {
      for (const e of batch) {
        if (e.name === 'campaign.progress' && e.payload.campaignId === campaign.id) setProgress(e.payload);
        if (
          e.name === 'campaign.changed' &&
          e.payload.campaignId === campaign.id &&
          e.payload.status !== campaign.status
        ) {
          void client.invoke('campaigns.get', { id: campaign.id }).then(setCampaign);
        }
      }
    });
  }, [campaign]);

  if (!form) return <section className="page muted">Loading…</section>;
  const editable = !campaign || isEditable(campaign.status);
  const update = (patch: Partial<CampaignSettings>) => setForm({ ...form, ...patch });
  const issueFor = (path: string) =>
    issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;

  const run = async (action: () => Promise<unknown>, done?: string) => {
    setMessage(undefined);
    try {
      await action();
      setIssues([]);
      if (done) setMessage(done);
    } catch (err) {
      if (err instanceof RpcError && err.issues) setIssues(err.issues);
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };

  const save = () =>
    run(async () => {
      if (campaign) setCampaign(await client.invoke('campaigns.update', { id: campaign.id, changes: form }));
      else {
        const created = await client.invoke('campaigns.create', form);
        navigate('campaigns', String(created.id));
      }
    }, 'Saved');

  const lifecycle = async (method: 'campaigns.start' | 'campaigns.pause' | 'campaigns.resume') => {
    // A real campaign may start while leaving some customers out (e.g. no written consent): say so.
    let warnings: string[] = [];
    await run(async () => {
      if (!campaign) return;
      if (method === 'campaigns.start' && editable)
        await client.invoke('campaigns.update', { id: campaign.id, changes: form });
      if (method === 'campaigns.pause') await client.invoke(method, { id: campaign.id });
      else warnings = (await client.invoke(method, { id: campaign.id })).warnings ?? [];
      setCampaign(await client.invoke('campaigns.get', { id: campaign.id }));
    });
    if (warnings.length) setMessage(warnings.join('\n'));
  };

  const stop = () =>
    run(async () => {
      if (
        !campaign ||
        !window.confirm('Stop this campaign? Live calls are hung up and nothing more is dialled.')
      )
        return;
      await client.invoke('campaigns.stop', { id: campaign.id, hangUpLiveCalls: true });
      setCampaign(await client.invoke('campaigns.get', { id: campaign.id }));
    });

  const rehearse = () =>
    run(async () => {
      setForecast('running');
      try {
        setForecast(await client.invoke('campaigns.rehearse', { campaign: form, maxCustomers: 5000 }));
      } catch (err) {
        setForecast(undefined);
        throw err;
      }
    });

  return (
    <section className="page campaign-editor">
      <header className="page-header">
        <button type="button" onClick={() => navigate('campaigns')}>
          ← Campaigns
        </button>
        <h1>{campaign ? campaign.name : 'New campaign'}</h1>
        {campaign && <span className={`status status-${campaign.status}`}>{campaign.status}</span>}
        <button type="button" onClick={rehearse} disabled={forecast === 'running'}>
          {forecast === 'running' ? 'Rehearsing…' : 'Rehearse'}
        </button>
        {editable && (
          <button type="button" className="primary" onClick={save}>
            Save
          </button>
        )}
        {campaign && (campaign.status === 'draft' || campaign.status === 'scheduled') && (
          <button type="button" className="primary" onClick={() => lifecycle('campaigns.start')}>
            Start
          </button>
        )}
        {campaign?.status === 'running' && (
          <button type="button" onClick={() => lifecycle('campaigns.pause')}>
            Pause
          </button>
        )}
        {campaign?.status === 'paused' && (
          <button type="button" className="primary" onClick={() => lifecycle('campaigns.resume')}>
            Resume
          </button>
        )}
        {campaign && (campaign.status === 'running' || campaign.status === 'paused') && (
          <button type="button" className="danger" onClick={stop}>
            Stop
          </button>
        )}
      </header>
      {message && (
        // pre-line: a refused start lists each problem on its own line.
        <p role="status" className={issues.length ? 'error' : 'muted'} style={{ whiteSpace: 'pre-line' }}>
          {message}
        </p>
      )}
      {progress && campaign && campaign.status !== 'draft' && (
        <div className="progress-strip" aria-label="Live pace">
          <span>
            {progress.callsPerMinute} calls/min (max {progress.maxPerMinute})
          </span>
          <span>
            {progress.live} live (max {progress.maxConcurrent})
          </span>
          <span>{progress.queued} queued</span>
          <span>{progress.done} done</span>
          {progress.notices?.map((notice) => (
            <span key={notice} className="progress-notice">
              {notice}
            </span>
          ))}
        </div>
      )}
      {forecast && forecast !== 'running' && (
        <div className="forecast" aria-label="Rehearsal forecast">
          <strong>Forecast</strong> for {forecast.customers.toLocaleString()} customers:{' '}
          {forecast.attempts.toLocaleString()} calls, {forecast.answered.toLocaleString()} answered,{' '}
          <span data-testid="forecast-conversions">{forecast.conversions}</span> conversions, $
          {forecast.cost.toFixed(2)} cost, over {(forecast.durationSeconds / 3600).toFixed(1)} h of calling
          <span className="muted"> (computed in {forecast.computeSeconds} s)</span>
        </div>
      )}
      <fieldset disabled={!editable} className="editor-grid">
        <section className="card">
          <h2>Objective</h2>
          <label className="field">
            <span>Name</span>
            <input
              aria-label="Campaign name"
              value={form.name}
              onChange={(e) => update({ name: e.target.value })}
            />
            {issueFor('name') && <small className="error">{issueFor('name')}</small>}
          </label>
          <label className="field">
            <span>Objective</span>
            <select
              value={form.objective}
              onChange={(e) => update({ objective: e.target.value as CampaignSettings['objective'] })}
            >
              <option value="neighborhood_interest">Neighborhood interest</option>
              <option value="booking_reminder">Booking reminder</option>
              <option value="renewal">Renewal</option>
              <option value="upsell">Upsell</option>
              <option value="custom">Custom</option>
            </select>
          </label>
          <label className="field">
            <span>Calls placed through</span>
            <select
              value={form.provider}
              onChange={(e) => update({ provider: e.target.value as CampaignSettings['provider'] })}
            >
              <option value="simulator">Simulator (no real calls)</option>
              <option value="elevenlabs-twilio">ElevenLabs + Twilio</option>
            </select>
            <RealProviderNotice provider={form.provider} />
          </label>
          <label className="field">
            <span>Caller number</span>
            <input
              value={form.callerNumber ?? ''}
              placeholder="+1…"
              onChange={(e) => update({ callerNumber: e.target.value || null })}
            />
          </label>
        </section>
        <section className="card wide">
          <h2>Audience</h2>
          <AudienceBuilder
            criteria={form.criteria}
            onChange={(criteria) => update({ criteria })}
            onSampleCustomer={setSampleCustomer}
          />
          {issueFor('criteria') && <small className="error">{issueFor('criteria')}</small>}
        </section>
        <section className="card wide">
          <h2>Script</h2>
          <ScriptEditor
            script={form.script}
            onChange={(script) => update({ script })}
            customerId={sampleCustomer}
          />
          {issueFor('script') && <small className="error">{issueFor('script')}</small>}
        </section>
        <section className="card">
          <h2>Schedule</h2>
          <div className="days" role="group" aria-label="Days of week">
            {days.map((d, i) => (
              <label key={d} className={form.schedule.daysOfWeek.includes(i + 1) ? 'tag on' : 'tag'}>
                <input
                  type="checkbox"
                  checked={form.schedule.daysOfWeek.includes(i + 1)}
                  onChange={(e) =>
                    update({
                      schedule: {
                        ...form.schedule,
                        daysOfWeek: e.target.checked
                          ? [...form.schedule.daysOfWeek, i + 1].sort()
                          : form.schedule.daysOfWeek.filter((x) => x !== i + 1),
                      },
                    })
                  }
                />
                {d}
              </label>
            ))}
          </div>
          <div className="row">
            <label className="field">
              <span>From (customer’s local time)</span>
              <input
                type="time"
                value={form.schedule.dailyWindow.start}
                onChange={(e) =>
                  update({
                    schedule: {
                      ...form.schedule,
                      dailyWindow: { ...form.schedule.dailyWindow, start: e.target.value },
                    },
                  })
                }
              />
            </label>
            <label className="field">
              <span>To</span>
              <input
                type="time"
                value={form.schedule.dailyWindow.end}
                onChange={(e) =>
                  update({
                    schedule: {
                      ...form.schedule,
                      dailyWindow: { ...form.schedule.dailyWindow, end: e.target.value },
                    },
                  })
                }
              />
            </label>
          </div>
          {issueFor('schedule') && <small className="error">{issueFor('schedule')}</small>}
        </section>
        <section className="card">
          <h2>Pace</h2>
          <div className="row">
            <NumberField
              label="Max concurrent calls"
              value={form.pacing.maxConcurrent}
              onChange={(v) => update({ pacing: { ...form.pacing, maxConcurrent: v } })}
            />
            <NumberField
              label="Max calls per minute"
              value={form.pacing.maxPerMinute}
              onChange={(v) => update({ pacing: { ...form.pacing, maxPerMinute: v } })}
            />
          </div>
          {issueFor('pacing') && <small className="error">{issueFor('pacing')}</small>}
          <h2>Retries</h2>
          <div className="days" role="group" aria-label="Retry after">
            {retryableOutcomes.map((o) => (
              <label key={o} className={form.retryPolicy.retryOn.includes(o) ? 'tag on' : 'tag'}>
                <input
                  type="checkbox"
                  checked={form.retryPolicy.retryOn.includes(o)}
                  onChange={(e) =>
                    update({
                      retryPolicy: {
                        ...form.retryPolicy,
                        retryOn: e.target.checked
                          ? [...form.retryPolicy.retryOn, o]
                          : form.retryPolicy.retryOn.filter((x) => x !== o),
                      },
                    })
                  }
                />
                {o.replace('_', ' ')}
              </label>
            ))}
          </div>
          <div className="row">
            <NumberField
              label="Wait (minutes)"
              value={form.retryPolicy.delayMinutes}
              onChange={(v) => update({ retryPolicy: { ...form.retryPolicy, delayMinutes: v } })}
            />
            <NumberField
              label="Max attempts"
              value={form.retryPolicy.maxAttempts}
              onChange={(v) => update({ retryPolicy: { ...form.retryPolicy, maxAttempts: v } })}
            />
          </div>
        </section>
        <section className="card">
          <h2>Goal and costs</h2>
          <label className="field">
            <span>Counts as a conversion</span>
            <select
              multiple
              size={4}
              value={form.goal.conversionDispositions}
              onChange={(e) =>
                update({
                  goal: {
                    ...form.goal,
                    conversionDispositions: [...e.target.selectedOptions].map(
                      (o) => o.value,
                    ) as CampaignSettings['goal']['conversionDispositions'],
                  },
                })
              }
            >
              {dispositions.map((d) => (
                <option key={d} value={d}>
                  {d.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          </label>
          <div className="row">
            <NumberField
              label="Value per conversion ($)"
              value={form.goal.valuePerConversion}
              onChange={(v) => update({ goal: { ...form.goal, valuePerConversion: v } })}
            />
            <NumberField
              label="Telephony $/min"
              step={0.001}
              value={form.costs.telephonyPerMinute}
              onChange={(v) => update({ costs: { ...form.costs, telephonyPerMinute: v } })}
            />
            <NumberField
              label="AI $/min"
              step={0.001}
              value={form.costs.aiPerMinute}
              onChange={(v) => update({ costs: { ...form.costs, aiPerMinute: v } })}
            />
          </div>
        </section>
      </fieldset>
    </section>
  );
}

function NumberField({
  label,
  value,
  onChange,
  step,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  step?: number;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        aria-label={label}
        type="number"
        step={step ?? 1}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </label>
  );
}

import { useEffect, useState } from 'react';
import { isEditable } from '../../../../shared/campaigns/lifecycle';
import type { CampaignProgress, RehearsalForecast } from '../../../../shared/contract/calls';
import type { Campaign, CampaignSettings } from '../../../../shared/contract/campaigns';
import type { Settings } from '../../../../shared/contract/settings';
import type { ValidationIssue } from '../../../../shared/errors';
import { errorMessage } from '../../../../shared/errors';
import { useNavigation } from '../../app/navigation-store';
import { client, RpcError } from '../../client';
import { FieldError, issueAt } from '../../ui/form-fields';
import { AudienceBuilder } from '../audience/AudienceBuilder';
import { blankCampaign, fromTemplate, settingsOf } from './campaign-form';
import { GoalCard } from './editor/GoalCard';
import { ObjectiveCard } from './editor/ObjectiveCard';
import { PaceCard } from './editor/PaceCard';
import { ScheduleCard } from './editor/ScheduleCard';
import { ScriptEditor } from './ScriptEditor';
import { StopCampaignDialog, type StopRequest } from './StopCampaignDialog';

/** One campaign's settings and lifecycle. `detail` is an id, `new`, or `new-<template id>`. */
export function CampaignEditor({ detail }: { detail: string }) {
  const { navigate } = useNavigation();
  const [form, setForm] = useState<CampaignSettings>();
  const [campaign, setCampaign] = useState<Campaign>();
  const [settings, setSettings] = useState<Settings>();
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [message, setMessage] = useState<string>();
  const [progress, setProgress] = useState<CampaignProgress>();
  const [forecast, setForecast] = useState<RehearsalForecast | 'running'>();
  const [sampleCustomer, setSampleCustomer] = useState<number>();
  const [stopping, setStopping] = useState<StopRequest>();

  useEffect(() => {
    void client.invoke('settings.get', {}).then(setSettings, () => undefined);
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
  const errorAt = (path: string) => issueAt(issues, path);
  const sections = { form, update, errorAt };

  const run = async (action: () => Promise<unknown>, done?: string) => {
    setMessage(undefined);
    try {
      await action();
      setIssues([]);
      if (done) setMessage(done);
    } catch (err) {
      const fieldIssues = err instanceof RpcError ? (err.issues ?? []) : [];
      setIssues(fieldIssues);
      const text = errorMessage(err);
      setMessage(fieldIssues.length > 1 ? `${text} — each is marked beside its field below.` : text);
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
          <button
            type="button"
            className="danger"
            onClick={() => setStopping({ id: campaign.id, name: campaign.name, liveCalls: progress?.live })}
          >
            Stop
          </button>
        )}
      </header>
      {stopping && (
        <StopCampaignDialog
          request={stopping}
          onClose={(stopped) => {
            setStopping(undefined);
            if (stopped && campaign)
              void client.invoke('campaigns.get', { id: campaign.id }).then(setCampaign);
          }}
        />
      )}
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
        <ObjectiveCard {...sections} />
        <section className="card wide">
          <h2>Audience</h2>
          <AudienceBuilder
            criteria={form.criteria}
            onChange={(criteria) => update({ criteria })}
            onSampleCustomer={setSampleCustomer}
          />
          <FieldError message={errorAt('criteria')} />
        </section>
        <section className="card wide">
          <h2>Script</h2>
          <ScriptEditor
            script={form.script}
            onChange={(script) => update({ script })}
            customerId={sampleCustomer}
          />
          <FieldError message={errorAt('script')} />
        </section>
        <ScheduleCard {...sections} callingHours={settings?.callingHours} />
        <PaceCard {...sections} />
        <GoalCard {...sections} />
      </fieldset>
    </section>
  );
}

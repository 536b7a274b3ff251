import { isEditable } from '@shared/campaigns/lifecycle';
import type { Campaign, CampaignSettings } from '@shared/contract/campaigns';
import { useState } from 'react';
import { useContractQuery } from '../../data/contract-query';
import { FieldError, issueAt } from '../../ui/form-fields';
import { Loaded } from '../../ui/load-state';
import { AudienceBuilder } from '../audience/AudienceBuilder';
import { blankCampaign, fromTemplate, settingsOf } from './campaign-form';
import { EditorHeader } from './editor/EditorHeader';
import { GoalCard } from './editor/GoalCard';
import { ObjectiveCard } from './editor/ObjectiveCard';
import { PaceCard } from './editor/PaceCard';
import { ForecastLine, PaceStrip } from './editor/PaceStrip';
import { ScheduleCard } from './editor/ScheduleCard';
import { useCampaignActions } from './editor/use-campaign-actions';
import { useCampaign, useCampaignProgress, useCampaignTemplates } from './queries';
import { ScriptEditor } from './ScriptEditor';
import { StopCampaignDialog, type StopRequest } from './StopCampaignDialog';

const loading = <section className="page muted">Loading…</section>;

/** One campaign's settings and lifecycle. `detail` is an id, `new`, or `new-<template id>`. */
export function CampaignEditor({ detail }: { detail: string }) {
  const id = /^\d+$/.test(detail) ? Number(detail) : undefined;
  const campaign = useCampaign(id ?? 0, id !== undefined);
  const templates = useCampaignTemplates();
  if (detail === 'new') return <EditorBody initial={blankCampaign} />;
  if (id === undefined) {
    return (
      <Loaded query={templates} what="The campaign templates" loading={loading}>
        {(list) => {
          const template = list.find((t) => t.id === detail.slice(4));
          return <EditorBody initial={template ? fromTemplate(template) : blankCampaign} />;
        }}
      </Loaded>
    );
  }
  return (
    <Loaded query={campaign} what="The campaign" loading={loading}>
      {(c) => <EditorBody initial={settingsOf(c)} campaign={c} />}
    </Loaded>
  );
}

/** The form, begun from `initial`; `campaign` (a saved one) stays current as its status changes. */
function EditorBody({ initial, campaign }: { initial: CampaignSettings; campaign?: Campaign }) {
  const [form, setForm] = useState(initial);
  const [sampleCustomer, setSampleCustomer] = useState<number>();
  const [stopping, setStopping] = useState<StopRequest>();
  const settings = useContractQuery('settings.get', {});
  const progress = useCampaignProgress(campaign?.id ?? 0, campaign !== undefined);
  const editable = !campaign || isEditable(campaign.status);
  const actions = useCampaignActions(form, campaign, editable);
  const update = (patch: Partial<CampaignSettings>) => setForm({ ...form, ...patch });
  const errorAt = (path: string) => issueAt(actions.issues, path);
  const sections = { form, update, errorAt };

  return (
    <section className="page campaign-editor">
      <EditorHeader
        campaign={campaign}
        editable={editable}
        rehearsing={actions.forecast === 'running'}
        onRehearse={() => void actions.rehearse()}
        onSave={() => void actions.save()}
        onLifecycle={(method) => void actions.lifecycle(method)}
        onStop={() =>
          campaign && setStopping({ id: campaign.id, name: campaign.name, liveCalls: progress?.live })
        }
      />
      {stopping && <StopCampaignDialog request={stopping} onClose={() => setStopping(undefined)} />}
      {actions.message && (
        // pre-line: a refused start lists each problem on its own line.
        <p
          role="status"
          className={actions.issues.length ? 'error' : 'muted'}
          style={{ whiteSpace: 'pre-line' }}
        >
          {actions.message}
        </p>
      )}
      {progress && campaign && campaign.status !== 'draft' && <PaceStrip progress={progress} />}
      {actions.forecast && actions.forecast !== 'running' && <ForecastLine forecast={actions.forecast} />}
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
        <ScheduleCard {...sections} callingHours={settings.data?.callingHours} />
        <PaceCard {...sections} />
        <GoalCard {...sections} />
      </fieldset>
    </section>
  );
}

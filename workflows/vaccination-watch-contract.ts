import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { RunContext } from './dsl/context';

/** Names and payloads shared by the API (which starts and signals watches), the sweep and the watch. */
export const vaccinationWatchWorkflowType = 'vaccinationWatch';
export const vaccinationSweepWorkflowType = 'vaccinationWatchSweep';
/** The Temporal Schedule that runs the sweep every day (records that arrive by import): one per deployment's task queue. */
export function vaccinationSweepScheduleId(taskQueue: string): string {
  return `vaccination-watch-sweep:${taskQueue}`;
}

export function vaccinationWatchWorkflowId(tenantId: string, vaccinationId: string): string {
  return `vaccination:${tenantId}:${vaccinationId}`;
}

export interface VaccinationWatchInput {
  tenantId: string;
  vaccinationId: string;
}

/**
 * What happened to the watched record. `edited`: its expiry, vaccine or pet changed, so the
 * alerts move (the runs in flight are cancelled and new ones start on the new date). `renewed`:
 * a newer record of the same vaccine for the same pet replaced it, so pending alerts stop.
 * `deleted`: the record is gone.
 */
export interface VaccinationChange {
  type: 'edited' | 'renewed' | 'deleted';
  /** ISO-8601. */
  at: string;
  /** The record that replaced this one (renewed). */
  renewedById?: string;
}

export const vaccinationChangedSignal = defineSignal<[VaccinationChange]>('vaccinationChanged');

export interface VaccinationWatchChild {
  workflowId: string;
  automationId: string;
  version: number;
  generation: number;
  finished?: boolean;
}

export interface VaccinationWatchState {
  tenantId: string;
  vaccinationId: string;
  /** Each edit that moves the alerts starts a new generation of runs (and of send keys). */
  generation: number;
  /** The expiry the current generation's runs were started for (YYYY-MM-DD). */
  expiresOn?: string;
  /** Pet, vaccine and expiry the current generation's runs were started for: an edit of these moves them. */
  subject?: string;
  children: VaccinationWatchChild[];
  changes: VaccinationChange[];
  endReason?: VaccinationWatchEndReason;
}

export type VaccinationWatchEndReason = 'completed' | 'renewed' | 'deleted' | 'expired' | 'no-automation';

export const vaccinationWatchQuery = defineQuery<VaccinationWatchState>('vaccinationWatch');

export interface VaccinationSweepInput {
  /** Resume point across continue-as-new: the last vaccination id handled. */
  after?: string;
  started?: number;
  renewed?: number;
}

export interface VaccinationSweepResult {
  started: number;
  renewed: number;
}

/** What the watch reads about its record (activity loadVaccinationWatch). */
export interface VaccinationWatchSnapshot {
  vaccinationId: string;
  name: string;
  petId: string;
  expiresOn: string;
  /** A newer record of the same vaccine for the same pet: this one is renewed. */
  renewedById?: string;
  /** What an earlier execution of the watch recorded, if any. */
  stored?: { generation: number; expiresOn: string; endReason?: string };
  /** The context the vaccination automation's runs start with. */
  context: RunContext;
}

import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { ApiError } from '../../api/errors';
import { saveDraft, validateOnServer } from '../../api/automations';
import { validateDefinition, type AutomationDefinition, type ValidationProblem } from '../../automation/dsl';
import type { EditorStore } from '../store/editor-store';

export const AUTOSAVE_DELAY_MS = 800;

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

export interface DraftSync {
  saveState: SaveState;
  saveError: string | null;
  problems: ValidationProblem[];
  /** Whether the problems shown are the server's answer for the current draft. */
  checkedByServer: boolean;
  /** Saves now if anything is pending; resolves once the server has the current draft. */
  flush(): Promise<boolean>;
  /** Problems the server reported outside validation (a refused publish). */
  setServerProblems(doc: AutomationDefinition, problems: ValidationProblem[]): void;
}

/**
 * Debounced autosave of the draft (PATCH), then server validation of what was saved. The
 * validator also runs in the browser at once, so the canvas never waits for the network.
 */
export function useDraftSync(automationId: string, store: EditorStore, templateIds: string[] | undefined): DraftSync {
  const doc = useStore(store, (s) => s.doc);
  // What the server holds. The save state is derived from it during render, so "Unsaved changes"
  // shows in the same frame as the edit that caused it.
  const [savedDoc, setSavedDoc] = useState<AutomationDefinition>(doc);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [server, setServer] = useState<{ doc: AutomationDefinition; problems: ValidationProblem[] } | null>(null);
  const saved = useRef<AutomationDefinition>(doc);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);

  // Validated at a lower priority than drawing: a drag stays smooth on a large flow.
  const checkedDoc = useDeferredValue(doc);
  const client = useMemo(
    () => validateDefinition(checkedDoc, templateIds && templateIds.length > 0 ? { templateIds } : {}).problems,
    [checkedDoc, templateIds],
  );

  const validate = useCallback(async (definition: AutomationDefinition) => {
    try {
      const result = await validateOnServer(definition);
      setServer({ doc: definition, problems: result.problems });
    } catch {
      // Validation on the server is a second opinion; the browser's is already shown.
    }
  }, []);

  const saveNow = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    const current = store.getState().doc;
    if (current === saved.current) return true;
    setSaving(true);
    const attempt = saveDraft(automationId, { name: current.name, draft: current })
      .then(() => {
        saved.current = current;
        setSavedDoc(current);
        setSaveError(null);
        void validate(current);
        return true;
      })
      .catch((error: unknown) => {
        setSaveError(error instanceof ApiError ? error.message : 'Could not save the draft.');
        return false;
      })
      .finally(() => {
        inFlight.current = null;
        setSaving(false);
      });
    inFlight.current = attempt;
    return attempt;
  }, [automationId, store, validate]);

  // The draft loaded from the server counts as saved; check it once.
  useEffect(() => {
    void validate(saved.current);
  }, [validate]);

  useEffect(() => {
    if (doc === saved.current) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [doc, saveNow]);

  // Leaving the page saves what is pending.
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (store.getState().doc !== saved.current) {
        void saveNow();
        e.preventDefault();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      if (store.getState().doc !== saved.current) void saveNow();
    };
  }, [store, saveNow]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    return saveNow();
  }, [saveNow]);

  const saveState: SaveState = saving ? 'saving' : doc === savedDoc ? 'saved' : saveError ? 'error' : 'pending';
  const checkedByServer = server !== null && server.doc === doc;
  return {
    saveState,
    saveError: doc === savedDoc ? null : saveError,
    problems: checkedByServer ? server.problems : client,
    checkedByServer,
    flush,
    setServerProblems: (definition, problems) => setServer({ doc: definition, problems }),
  };
}

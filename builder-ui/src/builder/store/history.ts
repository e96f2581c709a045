import type { StateCreator, StoreApi } from 'zustand';

/** What the undo/redo middleware adds to a store. */
export interface HistorySlice<D> {
  past: D[];
  future: D[];
  undo(): void;
  redo(): void;
}

/** Controls for callers that need more than "every change is one step". */
export interface HistoryControl {
  /** Changes made until `end()` become one step (a drag, a multi-part edit). */
  begin(): void;
  end(): void;
  /**
   * The next change joins the previous step when it carries the same group key, so typing in a
   * text field is one canvas step; text-field undo itself stays the browser's.
   */
  group(key: string | null): void;
  /** Forgets every step (after loading a document). */
  clear(): void;
}

export const HISTORY_LIMIT = 200;

type SetState<T> = StoreApi<T>['setState'];

/**
 * Undo/redo middleware: it records the tracked part of the state (`pick`, compared by reference)
 * before each change and ignores everything else (selection, viewport, sizes, highlights).
 */
export function undoable<T extends HistorySlice<D>, D>(
  pick: (state: T) => D,
  restore: (doc: D) => Partial<T>,
  creator: (set: SetState<T>, get: () => T, history: HistoryControl) => Omit<T, keyof HistorySlice<D>>,
  limit = HISTORY_LIMIT,
): StateCreator<T> {
  return (set, get) => {
    let batchDepth = 0;
    let batchBase: D | undefined;
    let lastGroup: string | null = null;
    let pendingGroup: string | null = null;

    const record = (before: D) => {
      const { past } = get();
      const nextPast = past.length >= limit ? [...past.slice(past.length - limit + 1), before] : [...past, before];
      set({ past: nextPast, future: [] } as unknown as Partial<T>);
    };

    const trackedSet: SetState<T> = ((partial: Parameters<SetState<T>>[0], replace?: boolean) => {
      const before = pick(get());
      (set as (p: unknown, r?: boolean) => void)(partial, replace);
      const after = pick(get());
      const group = pendingGroup;
      pendingGroup = null;
      if (after === before) return;
      if (batchDepth > 0) {
        if (batchBase === undefined) batchBase = before;
        return;
      }
      if (group !== null && group === lastGroup) return;
      lastGroup = group;
      record(before);
    }) as SetState<T>;

    const history: HistoryControl = {
      begin() {
        if (batchDepth === 0) batchBase = undefined;
        batchDepth += 1;
      },
      end() {
        if (batchDepth === 0) return;
        batchDepth -= 1;
        if (batchDepth > 0) return;
        const base = batchBase;
        batchBase = undefined;
        lastGroup = null;
        if (base !== undefined && base !== pick(get())) record(base);
      },
      group(key) {
        pendingGroup = key;
      },
      clear() {
        batchDepth = 0;
        batchBase = undefined;
        lastGroup = null;
        set({ past: [], future: [] } as unknown as Partial<T>);
      },
    };

    const slice: HistorySlice<D> = {
      past: [],
      future: [],
      undo() {
        const { past, future } = get();
        const previous = past[past.length - 1];
        if (previous === undefined) return;
        lastGroup = null;
        set({ ...restore(previous), past: past.slice(0, -1), future: [pick(get()), ...future] } as Partial<T>);
      },
      redo() {
        const { past, future } = get();
        const next = future[0];
        if (next === undefined) return;
        lastGroup = null;
        set({ ...restore(next), past: [...past, pick(get())], future: future.slice(1) } as Partial<T>);
      },
    };

    return { ...creator(trackedSet, get, history), ...slice } as T;
  };
}

import { useMemo, type DragEvent } from 'react';
import { NODE_TYPES, type NodeType } from '../../automation/dsl';
import { PALETTE_GROUPS } from '../nodes/types';
import { nodeUi } from '../nodes/registry';

export const DRAG_MIME = 'application/x-appointflow-node';

function matches(type: NodeType, query: string): boolean {
  if (!query) return true;
  const ui = nodeUi(type);
  const hay = `${ui.title} ${ui.hint} ${ui.group} ${type}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .every((word) => hay.includes(word));
}

/** Node types grouped by kind (Triggers, Timing, Logic…), filtered by a search. */
export function NodeTypeList({
  query,
  onPick,
  draggable,
  disabled,
}: {
  query: string;
  onPick(type: NodeType): void;
  draggable?: boolean;
  disabled?: (type: NodeType) => string | null;
}) {
  const groups = useMemo(
    () =>
      PALETTE_GROUPS.map((group) => ({ group, types: NODE_TYPES.filter((t) => nodeUi(t).group === group && matches(t, query.trim())) })).filter(
        (g) => g.types.length > 0,
      ),
    [query],
  );
  if (groups.length === 0) return <p className="palette-empty">Nothing matches “{query}”.</p>;
  return (
    <div className="palette-groups">
      {groups.map(({ group, types }) => (
        <section key={group} className="palette-group" aria-label={group}>
          <h3 className="palette-group-title">{group}</h3>
          <ul className="palette-list">
            {types.map((type) => {
              const ui = nodeUi(type);
              const Icon = ui.icon;
              const why = disabled?.(type) ?? null;
              return (
                <li key={type}>
                  <button
                    type="button"
                    className="palette-item"
                    draggable={draggable && !why}
                    disabled={why !== null}
                    title={why ?? ui.hint}
                    data-node-type={type}
                    onDragStart={(e: DragEvent) => {
                      e.dataTransfer.setData(DRAG_MIME, type);
                      e.dataTransfer.setData('text/plain', type);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                    onClick={() => onPick(type)}
                  >
                    <span className={`palette-item-icon palette-icon-${ui.group.toLowerCase()}`} aria-hidden="true">
                      <Icon width={15} height={15} />
                    </span>
                    <span className="palette-item-text">
                      <span className="palette-item-title">{ui.title}</span>
                      <span className="palette-item-hint">{ui.hint}</span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
